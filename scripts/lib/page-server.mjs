// The dev server of the demo and the benchmark: TypeScript sources served unbundled (the
// `source` export condition), DICOMweb proxied same-origin, the corpus manifest.
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { codecMiddleware, cornerstonePlugins } from './cornerstone-serving.mjs';
import { dicomWebProxy, hostCspMiddleware, manifestMiddleware } from './dev-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function startPageServer(dicomWebUrl, port) {
  return startDevServer({
    config: {
      rootDir: root,
      port,
      hostname: 'localhost',
      nodeResolve: { exportConditions: ['source', 'browser'] },
      plugins: [...cornerstonePlugins(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}tsconfig.base.json` })],
      middleware: [hostCspMiddleware(), dicomWebProxy(dicomWebUrl), manifestMiddleware(), codecMiddleware()],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
}
