// The server of the demo and the benchmark: DICOMweb proxied same-origin, the corpus manifest, the
// host CSP header. The demo comes as its production build (demo/dist, served at /demo/) as a host
// would ship it, or with `dev` its TypeScript sources unbundled (the `source` export condition).
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { codecMiddleware, cornerstonePlugins } from './cornerstone-serving.mjs';
import { dicomWebProxy, hostCspMiddleware, manifestMiddleware } from './dev-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Koa middleware: /demo/… answered from the production build in demo/dist. */
function demoBuildMiddleware() {
  return (ctx, next) => {
    if (ctx.path.startsWith('/demo/') && !ctx.path.startsWith('/demo/dist/')) ctx.url = ctx.url.replace('/demo/', '/demo/dist/');
    return next();
  };
}

export async function startPageServer(dicomWebUrl, port, { dev = true } = {}) {
  return startDevServer({
    config: {
      rootDir: root,
      port,
      hostname: 'localhost',
      nodeResolve: { exportConditions: ['source', 'browser'] },
      plugins: [...cornerstonePlugins(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}tsconfig.base.json` })],
      middleware: [...(dev ? [] : [demoBuildMiddleware()]), hostCspMiddleware(), dicomWebProxy(dicomWebUrl), manifestMiddleware(), codecMiddleware()],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
}
