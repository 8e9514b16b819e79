// Serves a built host app as a portal would: its static files, `/dicom-web` proxied to Orthanc on the
// same origin, and every HTML page under the README's Content-Security-Policy (HOST_CSP).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { HOST_CSP } from '../dev-server.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Starts the server for `root` on a free port (no CSP header when `csp` is empty; a function: asked
 * for each page); resolves to `{ url, close() }`.
 */
export function serveHostApp(root, dicomWebUrl, { csp = HOST_CSP } = {}) {
  const proxy = createProxyMiddleware({ target: new URL(dicomWebUrl).origin, changeOrigin: false, xfwd: false });
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://host').pathname);
    if (path === '/dicom-web' || path.startsWith('/dicom-web/')) return proxy(request, response, () => response.end());
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void response.writeHead(404).end();
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const policy = typeof csp === 'function' ? csp() : csp;
    response.writeHead(200, { 'content-type': type, ...(type.startsWith('text/html') && policy ? { 'content-security-policy': policy } : {}) });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
