// `npm start`: installs what is missing, starts a private Orthanc with the corpus, and serves the
// demo portal with the elements wired together. Ctrl-C stops everything.
import './setup.mjs';

const { startOrthancWithCorpus } = await import('./lib/corpus-server.mjs');
const { startPageServer } = await import('./lib/page-server.mjs');

const { orthanc } = await startOrthancWithCorpus();
const server = await startPageServer(orthanc.dicomWebUrl, Number(process.env.PORT) || 8080);

const { port } = server.config;
console.log(
  [
    '',
    `Telerad Elements demo:       http://localhost:${port}/demo/`,
    `  facility portal:           http://localhost:${port}/demo/facility.html`,
    `  referring physician portal: http://localhost:${port}/demo/referring.html`,
    `DICOMweb (proxied):          http://localhost:${port}/dicom-web`,
    'Press Ctrl-C to stop.',
  ].join('\n'),
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  await orthanc.stop();
  process.exit(0);
}
process.on('SIGINT', stop).on('SIGTERM', stop);
