// The unit tier: pure functions (query building, DICOM JSON mapping, draft edits, SR content,
// caches, parsers) in Debian's Chromium, without Orthanc, so that a contributor hears back in
// seconds (`npm run test:unit`). `npm test` runs these files too, with everything else.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium.mjs';
import { summaryReporter } from './scripts/lib/summary-reporter.mjs';

export default {
  files: ['test/unit/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  hostname: 'localhost',
  reporters: [defaultReporter({ reportTestProgress: Boolean(process.stdout.isTTY) }), summaryReporter('.cache/unit-summary.json')],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.base.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};
