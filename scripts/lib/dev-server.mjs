// What the test runner, the demo server and Storybook share: a same-origin proxy to Orthanc (which
// sends no CORS headers) and the corpus manifest; plus, for tests, endpoints that misbehave on purpose.
import { readFileSync } from 'node:fs';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { MANIFEST_PATH } from '../corpus/build.mjs';

/** Koa middleware proxying `/dicom-web/*` to `dicomWebUrl` (the Host header is kept, so Orthanc's
 *  retrieve URLs point back through the proxy). */
export function dicomWebProxy(dicomWebUrl) {
  const target = new URL(dicomWebUrl);
  const proxy = createProxyMiddleware({ target: target.origin, changeOrigin: false, xfwd: false });
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/dicom-web/') && ctx.path !== '/dicom-web') return next();
    // The proxy writes the response itself; Koa must not, and must not report it as a 404.
    ctx.respond = false;
    ctx.status = 200;
    await proxy(ctx.req, ctx.res, next);
  };
}

/** Koa middleware serving the corpus manifest at /corpus/manifest.json. */
export function manifestMiddleware() {
  return async (ctx, next) => {
    if (ctx.path !== '/corpus/manifest.json') return next();
    ctx.type = 'application/json';
    ctx.body = readFileSync(MANIFEST_PATH, 'utf8');
  };
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Accept, X-Api-Key',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

/**
 * Test-only endpoints, reachable from any origin (CORS open):
 *  - /__test/echo/…        one QIDO study whose StudyDescription is the Authorization header received
 *  - /__test/status/N/…    answers HTTP N
 *  - /__test/slow/MS/…     answers an empty result after MS milliseconds
 *  - /__test/garbage/…     answers 200 with a body that is not DICOM JSON
 */
export function misbehavingServerMiddleware() {
  return async (ctx, next) => {
    const match = /^\/__test\/(echo|status|slow|garbage)(?:\/(\d+))?\//.exec(ctx.path);
    if (!match) return next();
    ctx.set(CORS);
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      return;
    }
    const [, kind, number] = match;
    if (kind === 'status') {
      ctx.status = Number(number);
      ctx.body = '';
      return;
    }
    ctx.type = 'application/dicom+json';
    if (kind === 'garbage') {
      ctx.body = '<html>not json</html>';
      return;
    }
    if (kind === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, Number(number)));
      ctx.body = '[]';
      return;
    }
    ctx.body = JSON.stringify([
      {
        '0020000D': { vr: 'UI', Value: ['1.2.826.0.1.3680043.2.1125.1'] },
        '00081030': { vr: 'LO', Value: [ctx.get('Authorization') || 'none'] },
      },
    ]);
  };
}
