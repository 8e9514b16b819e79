// `npm start`: installs what is missing, starts a private Orthanc with the corpus, and serves the
// demo portals as a production build (built when missing or out of date), as a host app ships
// them. `npm start -- --dev` serves the TypeScript sources unbundled instead (slow first load, no
// build step). Ctrl-C stops everything.
import './setup.mjs';

const dev = process.argv.includes('--dev');
if (!dev) (await import('./lib/demo-build.mjs')).ensureDemoBuild();

const { startOrthancWithCorpus } = await import('./lib/corpus-server.mjs');
const { startPageServer } = await import('./lib/page-server.mjs');

const { orthanc, manifest } = await startOrthancWithCorpus();
const server = await startPageServer(orthanc.dicomWebUrl, Number(process.env.PORT) || 8080, { dev });
// The EHR demo: SMART launch and FHIRcast against the test authorization server, FHIR server and hub.
const smart = await (await import('./lib/smart/demo.mjs')).startSmartDemo(manifest, orthanc.dicomWebUrl);

const { port } = server.config;
console.log(
  [
    '',
    `Telerad Elements demo:       http://localhost:${port}/demo/`,
    `  facility portal:           http://localhost:${port}/demo/facility.html`,
    `  referring physician portal: http://localhost:${port}/demo/referring.html`,
    `  EHR (SMART launch, FHIRcast): ${smart.ehrUrl}`,
    `DICOMweb (proxied):          http://localhost:${port}/dicom-web`,
    dev ? 'Serving the sources unbundled (--dev).' : 'Serving the production build in demo/dist (npm start -- --dev serves the sources).',
    'Press Ctrl-C to stop.',
  ].join('\n'),
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  await smart.close();
  await orthanc.stop();
  process.exit(0);
}
process.on('SIGINT', stop).on('SIGTERM', stop);
