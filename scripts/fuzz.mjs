// `npm run fuzz -- [--count N] [--seed S]`: the fuzz suites (test/fuzz) on more mutants than
// `npm test` runs (2,000 files as image ids and 1,000 WADO-RS answers, from a fixed seed), from a
// fresh seed unless one is given: N files and N/2 WADO-RS answers. A failure prints its source,
// recipe and seed: `mutate(bytes, recipe, seed)` or `mutateWado(instance, recipe, seed)` makes it
// again, and FUZZ_TRACE=1 names each WADO-RS mutant as it is served (one that crashes the page).
import './setup.mjs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const count = Number(option('count', 20000));
const seed = Number(option('seed', Math.floor(Math.random() * 2 ** 31)));
console.log(`fuzz: ${count} mutants from seed ${seed}`);
const root = fileURLToPath(new URL('..', import.meta.url));
const { status } = spawnSync(process.execPath, ['scripts/with-orthanc.mjs', 'web-test-runner', 'test/fuzz/viewport-fuzz.test.ts', 'test/fuzz/wado-fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_COUNT: String(count), FUZZ_SEED: String(seed) },
});
process.exit(status ?? 1);
