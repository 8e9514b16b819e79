// `npm run bench`: each element measured against a baseline doing the same job bare, in the same
// page and the same Chromium, reported as ratios (element ÷ baseline; 1.0 = no overhead); then the
// navigation benchmark (navigation.mjs): what a user waits for from page navigation, cold.
import '../setup.mjs';

const { chromium } = await import('playwright-core');
const { startOrthancWithCorpus } = await import('../lib/corpus-server.mjs');
const { startPageServer } = await import('../lib/page-server.mjs');
const { freePort } = await import('../lib/orthanc.mjs');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('../lib/chromium.mjs');

const { benchFromNavigation, buildBenchPages } = await import('./navigation.mjs');

// Built first (packing the packages), so that no page server or Orthanc waits on it.
const navigationPages = buildBenchPages();
const { orthanc, manifest } = await startOrthancWithCorpus();
const server = await startPageServer(orthanc.dicomWebUrl, await freePort());
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
const benchmarks = [
  ['study-browser', 'Study browser'],
  ['viewport', 'Viewport (against bare Cornerstone3D)'],
];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (error) => console.error(error));
  for (const [name, title] of benchmarks) {
    await page.goto(`http://localhost:${server.config.port}/scripts/bench/${name}.html`);
    const results = await page.waitForFunction(() => globalThis.benchResults, null, { timeout: 300_000 }).then((h) => h.jsonValue());
    console.log(`\n${title} benchmark (medians; ratio = element ÷ baseline)`);
    for (const r of results) {
      console.log(`  ${r.name.padEnd(64)} baseline ${r.baseline.toFixed(2).padStart(8)} ${r.unit}   element ${r.element.toFixed(2).padStart(8)} ${r.unit}   ratio ${(r.element / r.baseline).toFixed(2)}`);
    }
  }
  await benchFromNavigation({ browser, orthanc, manifest, runs: Number(process.env.BENCH_RUNS ?? 5), dist: navigationPages });
} finally {
  await browser.close();
  await server.stop();
  await orthanc.stop();
}
