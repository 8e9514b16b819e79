// `npm run fuzz -- [--count N] [--seed S]`: the fuzz suite (test/fuzz) on more mutants than
// `npm test` runs (2,000 from a fixed seed), from a fresh seed unless one is given. A failure
// prints its source file, recipe and seed: `mutate(bytes, recipe, seed)` makes it again.
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
const { status } = spawnSync(process.execPath, ['scripts/with-orthanc.mjs', 'web-test-runner', 'test/fuzz/viewport-fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_COUNT: String(count), FUZZ_SEED: String(seed) },
});
process.exit(status ?? 1);
