// Runs a command with a private Orthanc holding the corpus: ORTHANC_URL and DICOMWEB_URL are set
// for the command, and Orthanc is stopped afterwards whatever happens.
//   node scripts/with-orthanc.mjs <command> [args…]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startOrthancWithCorpus } from './lib/corpus-server.mjs';

export async function withOrthanc(command, args) {
  const { orthanc } = await startOrthancWithCorpus();
  try {
    const binDir = fileURLToPath(new URL('../node_modules/.bin/', import.meta.url));
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, PATH: `${binDir}:${process.env.PATH}`, ORTHANC_URL: orthanc.url, DICOMWEB_URL: orthanc.dicomWebUrl },
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
    process.off('SIGINT', forward).off('SIGTERM', forward);
    return code;
  } finally {
    await orthanc.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node scripts/with-orthanc.mjs <command> [args…]');
    process.exit(2);
  }
  withOrthanc(command, args).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
