// Runs a command with a private Orthanc holding the corpus: ORTHANC_URL and DICOMWEB_URL are set
// for the command; Orthanc is stopped afterwards whatever happens.
//   node scripts/with-orthanc.mjs <command> [args…]
import { spawn } from 'node:child_process';
import { buildCorpus } from './corpus/build.mjs';
import { loadCorpus } from './corpus/load.mjs';
import { ensureSystemPackages } from './lib/system-deps.mjs';
import { startOrthanc } from './lib/orthanc.mjs';

export async function withOrthanc(command, args) {
  ensureSystemPackages();
  const manifest = buildCorpus();
  const orthanc = await startOrthanc();
  const stop = () => orthanc.stop();
  try {
    await loadCorpus(orthanc.dicomWebUrl, manifest);
    console.log(`Orthanc ${orthanc.url} (pid ${orthanc.pid}) holds the corpus`);
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, ORTHANC_URL: orthanc.url, DICOMWEB_URL: orthanc.dicomWebUrl },
    });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    return await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  } finally {
    await stop();
  }
}

const [command, ...args] = process.argv.slice(2);
if (command) {
  const binDir = new URL('../node_modules/.bin/', import.meta.url).pathname;
  process.env.PATH = `${binDir}:${process.env.PATH}`;
  withOrthanc(command, args).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
