// `npm run screenshots`: the README's pictures of the demo, taken in Debian's Chromium from a private
// Orthanc holding the corpus, so they show what `npm start` shows. Writes docs/screenshots/*.png.
import './setup.mjs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const { chromium } = await import('playwright-core');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('./lib/chromium.mjs');
const { startOrthancWithCorpus } = await import('./lib/corpus-server.mjs');
const { freePort } = await import('./lib/orthanc.mjs');
const { startPageServer } = await import('./lib/page-server.mjs');
(await import('./lib/demo-build.mjs')).ensureDemoBuild();

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** Resolves once every viewport of the page's <rad-viewer> has drawn an image (see `recordRendering`). */
const imagesDrawn = (page) =>
  page.waitForFunction(
    () => {
      const viewports = document.querySelector('rad-viewer')?.viewports ?? [];
      return viewports.length > 0 && viewports.every((v) => window.renderedViewports.has(v));
    },
    null,
    { timeout: 90_000 },
  );

/** Before the page's scripts: remember which viewports have fired `rad-image-rendered`. */
function recordRendering() {
  window.renderedViewports = new WeakSet();
  document.addEventListener('rad-image-rendered', (event) => window.renderedViewports.add(event.composedPath()[0]));
}

/** Opens the worklist's first study (STAT), leaving the list scrolled as it was. */
const openFirstStudy = (page) => page.locator('rad-study-browser [part~="row"]').first().dispatchEvent('dblclick');

const scenes = {
  /** The facility portal: the STAT study opened from the worklist, a measurement inserted into the draft. */
  async 'facility-portal'(page, base) {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${base}/demo/facility.html`);
    await openFirstStudy(page);
    await imagesDrawn(page);
    await page.evaluate(async () => {
      const viewer = document.querySelector('rad-viewer');
      const [viewport] = viewer.viewports;
      await viewport.setMeasurements([{ tool: 'Length', handles: [[60, 128], [196, 128]], sopInstanceUID: viewport.frames[0].sopInstanceUID }]);
      const panel = viewer.shadowRoot.querySelector('rad-report-panel');
      await panel.loaded();
      for (let tries = 0; !panel.availableMeasurements.length && tries < 50; tries++) await new Promise((r) => setTimeout(r, 100));
      panel.insertMeasurement(panel.availableMeasurements[0]);
      panel.setSection('impression', 'Acute left subdural haematoma. Findings called to the ED physician.');
    });
  },
  /** A CT compared with its prior: scrolling and window follow each other. */
  async 'compare-with-prior'(page, base) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/demo/facility.html`);
    await openFirstStudy(page);
    await imagesDrawn(page);
    await page.evaluate(() => document.querySelector('rad-viewer').compareWithPrior(true));
    await page.waitForFunction(() => document.querySelector('rad-viewer').viewports.length === 2);
    await imagesDrawn(page);
  },
  /** The referring physician follows an IID link from the EHR: images and the final report, read-only, tablet-sized. */
  async 'referring-portal'(page, base) {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${base}/demo/referring.html`);
    await page.locator('#orders a', { hasText: 'PET' }).first().click();
    await imagesDrawn(page);
    await page.waitForFunction(() => document.querySelector('rad-viewer').shadowRoot.querySelector('rad-report-panel')?.latest);
  },
};

const { orthanc } = await startOrthancWithCorpus();
// The production build, as npm start serves it.
const server = await startPageServer(orthanc.dicomWebUrl, await freePort(), { dev: false });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  await mkdir(outDir, { recursive: true });
  const base = `http://localhost:${server.config.port}`;
  for (const [name, scene] of Object.entries(scenes)) {
    const page = await browser.newPage({ colorScheme: 'light' });
    await page.addInitScript(recordRendering);
    await scene(page, base);
    // Annotations and the report settle within a frame or two; give them a moment.
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${outDir}${name}.png`, fullPage: true });
    await page.close();
    console.log(`docs/screenshots/${name}.png`);
  }
} finally {
  await browser.close();
  await server.stop();
  await orthanc.stop();
}
