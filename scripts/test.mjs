// `npm test`: installs what is missing (Debian packages, npm packages), then lints, type-checks,
// and runs the browser tests in Chromium against a private Orthanc holding the corpus.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const { withOrthanc } = await import('./with-orthanc.mjs');
const bin = (name) => `${root}node_modules/.bin/${name}`;

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

step('Lint (ESLint, typescript-eslint, lit, wc)', bin('eslint'), ['--max-warnings=0', '.']);
step('Formatting (Prettier, 120 columns) of the packages', bin('prettier'), ['--check', '--log-level=warn', 'packages/*/src/**/*.ts']);
step('Type-check (tsc -b, strict)', bin('tsc'), ['-b']);
// Files named one by one: Node 20 takes a folder, Node 22+ only files or globs.
const scriptTests = readdirSync(`${root}scripts/lib`).filter((f) => f.endsWith('.test.mjs')).map((f) => `scripts/lib/${f}`);
step('Script unit tests (node --test)', process.execPath, ['--test', '--test-reporter=dot', ...scriptTests]);
step('Translations complete', process.execPath, ['scripts/check-translations.mjs']);
step('Standalone bundle (the script-tag example loads it)', bin('vite'), ['build', '-c', 'vite.standalone.config.mjs']);
step('SMART App Launch end to end (oidc-provider, Medplum FHIR server, Orthanc; Chromium)', process.execPath, ['scripts/smart-tests.mjs']);
// The packages as users install them: packed, installed into host apps outside the repository.
process.env.TELERAD_STANDALONE_BUILT = '1';
step('Packed packages in host apps (Vite, esbuild, standalone, webpack, strict TypeScript, React/Vue/Angular; own Orthanc and Chromium)', process.execPath, ['scripts/host-apps.mjs']);
step('Framework examples (React, Vue) built as applications', bin('vite'), ['build', '-c', 'vite.examples.config.mjs']);
step('Demo portals as a production build (npm start serves it)', bin('vite'), ['build', '-c', 'vite.demo.config.mjs']);
step('Element manifests (custom-elements.json, for the Storybook docs pages)', 'npm', ['run', '--silent', 'analyze']);
step('Element reference (docs/api.md) matches the manifests', process.execPath, ['scripts/api-reference.mjs', '--check']);
step('Static Storybook (its stories are smoke-rendered)', bin('storybook'), ['build', '--quiet', '-o', 'storybook-static']);
console.log('\n▶ Browser tests (Chromium + Orthanc)');
const summaryFile = `${root}.cache/test-summary.json`;
rmSync(summaryFile, { force: true });
const code = await withOrthanc(bin('web-test-runner'), process.argv.slice(2));
if (existsSync(summaryFile)) {
  const { passed, failed, skipped } = JSON.parse(readFileSync(summaryFile, 'utf8'));
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}
process.exit(code);
