// `npm start`: installs what is missing, starts a private Orthanc with the corpus, and serves the
// demo portal with the elements wired together. Ctrl-C stops everything.
import { fileURLToPath } from 'node:url';
import './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const { startDevServer } = await import('@web/dev-server');
const { esbuildPlugin } = await import('@web/dev-server-esbuild');
const { startOrthancWithCorpus } = await import('./lib/corpus-server.mjs');
const { dicomWebProxy, manifestMiddleware } = await import('./lib/dev-server.mjs');

const { orthanc } = await startOrthancWithCorpus();
const server = await startDevServer({
  config: {
    rootDir: root,
    port: Number(process.env.PORT) || 8080,
    hostname: 'localhost',
    nodeResolve: { exportConditions: ['source', 'browser'] },
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}tsconfig.base.json` })],
    middleware: [dicomWebProxy(orthanc.dicomWebUrl), manifestMiddleware()],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});

const { port } = server.config;
console.log(`\nTelerad Elements demo: http://localhost:${port}/demo/\nDICOMweb (proxied): http://localhost:${port}/dicom-web\nPress Ctrl-C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  await orthanc.stop();
  process.exit(0);
}
process.on('SIGINT', stop).on('SIGTERM', stop);
