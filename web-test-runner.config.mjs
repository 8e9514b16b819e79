// @web/test-runner: tests in Debian's Chromium, against the private Orthanc started by
// scripts/with-orthanc.mjs (DICOMWEB_URL), proxied same-origin at /dicom-web.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import {
  dciodvfyMiddleware,
  dicomWebProxy,
  hostCspMiddleware,
  archiveTestMiddleware,
  manifestMiddleware,
  misbehavingServerMiddleware,
  quirkyServerMiddleware,
} from './scripts/lib/dev-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium.mjs';
import { codecMiddleware, cornerstonePlugins } from './scripts/lib/cornerstone-serving.mjs';
import { summaryReporter } from './scripts/lib/summary-reporter.mjs';
import { wheelPlugin } from './scripts/lib/input-plugin.mjs';

const dicomWebUrl = process.env.DICOMWEB_URL;
const orthancUrl = process.env.ORTHANC_URL;
if (!dicomWebUrl || !orthancUrl) throw new Error('DICOMWEB_URL is not set: run the tests with `npm test`');

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  hostname: 'localhost',
  concurrency: 1,
  // Not on a terminal (CI, a log file), the progress report's last frame came out twice: failures
  // are reported as they happen, and `npm test` ends with one summary line.
  reporters: [defaultReporter({ reportTestProgress: Boolean(process.stdout.isTTY) }), summaryReporter('.cache/test-summary.json')],
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [wheelPlugin(), ...cornerstonePlugins(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.base.json' })],
  middleware: [
    hostCspMiddleware(),
    dicomWebProxy(dicomWebUrl),
    manifestMiddleware(),
    misbehavingServerMiddleware(),
    quirkyServerMiddleware(dicomWebUrl),
    archiveTestMiddleware(orthancUrl),
    codecMiddleware(),
    dciodvfyMiddleware(),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};
