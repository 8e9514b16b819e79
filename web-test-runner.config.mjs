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
  typeScriptSourcesMiddleware,
} from './scripts/lib/dev-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium.mjs';
import { codecMiddleware, cornerstonePlugins } from './scripts/lib/cornerstone-serving.mjs';
import { faultControlMiddleware } from './scripts/lib/fault-injection.mjs';
import { fuzzArchiveMiddleware } from './scripts/lib/fuzz-archive.mjs';
import { referenceRendererMiddleware } from './scripts/lib/reference-renderer.mjs';
import { summaryReporter } from './scripts/lib/summary-reporter.mjs';
import { wheelPlugin } from './scripts/lib/input-plugin.mjs';

const dicomWebUrl = process.env.DICOMWEB_URL;
const orthancUrl = process.env.ORTHANC_URL;
if (!dicomWebUrl || !orthancUrl) throw new Error('DICOMWEB_URL is not set: run the tests with `npm test`');

/**
 * What third-party code logs when a test feeds it broken or unsupported data on purpose (corrupt
 * JPEG frames, YBR_FULL_422 that Cornerstone cannot lay out). The tests assert the elements'
 * own handling of those (error state, rad-error); a run that passes prints nothing else.
 */
const EXPECTED_LIBRARY_LOGS = [
  // dcmjs (Cornerstone's metadata parser) on implicit VR files: the dictionary's "US or SS" and
  // "OB or OW", and the UN it reads an unknown VR as (host Part 10 files, reference files).
  /^Invalid vr type$/,
  /Error executing method 'decodeTask' on worker 'dicomImageLoader'/,
  /Using SamplesPerPixel of \d+ for YBR_FULL_422/,
  /vtkDataArray\.newInstance: no dataType provided/,
  /model\.size is not a multiple of model\.numberOfComponents/,
  // vtk.js, when Cornerstone gives an image of one value (or a window of width 1) its empty
  // range, before the viewport replaces it with the standard's threshold (display-rules tests).
  /attempt to set zero width color range/,
];

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  hostname: 'localhost',
  concurrency: 1,
  // Not on a terminal (CI, a log file), the progress report's last frame came out twice: failures
  // are reported as they happen, and `npm test` ends with one summary line.
  reporters: [defaultReporter({ reportTestProgress: Boolean(process.stdout.isTTY) }), summaryReporter('.cache/test-summary.json')],
  // A test file's whole run: the image ids fuzz suite (2,000 mutants, one page) takes close to 5 min on 2 cores.
  testsFinishTimeout: 600_000,
  filterBrowserLogs: ({ args }) => !args.some((arg) => EXPECTED_LIBRARY_LOGS.some((expected) => expected.test(typeof arg === 'string' ? arg : JSON.stringify(arg)))),
  testFramework: { config: { timeout: 20_000 } },
  plugins: [wheelPlugin(), ...cornerstonePlugins(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.base.json' })],
  middleware: [
    typeScriptSourcesMiddleware(),
    hostCspMiddleware(),
    dicomWebProxy(dicomWebUrl),
    manifestMiddleware(),
    misbehavingServerMiddleware(),
    quirkyServerMiddleware(dicomWebUrl),
    archiveTestMiddleware(orthancUrl),
    faultControlMiddleware(),
    fuzzArchiveMiddleware(),
    codecMiddleware(),
    dciodvfyMiddleware(),
    referenceRendererMiddleware(),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      // gc() for the fuzz suite's retained-heap check (test/fuzz).
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] },
    }),
  ],
};
