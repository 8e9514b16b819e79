import './setup.mjs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
const { chromium } = await import('playwright-core');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('./lib/chromium.mjs');
const { startOrthancWithCorpus } = await import('./lib/corpus-server.mjs');
const { serveHostApp } = await import('./lib/host-apps/serve.mjs');
const { orthanc, manifest } = await startOrthancWithCorpus();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
const dist = join(process.env.TMPDIR ?? tmpdir(), 'telerad-host-apps/frameworks/dist');
const server = await serveHostApp(dist, orthanc.dicomWebUrl, { csp: '' });
try {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.addInitScript(() => {
    window.__log = [];
    window.__viewport = () => document.querySelector('rad-viewport') ?? document.querySelector('rad-viewer')?.viewports?.[0];
    for (const t of ['rad-first-image', 'rad-image-rendered', 'rad-error', 'rad-load-progress']) document.addEventListener(t, (e) => window.__log.push([t, Math.round(performance.now()), e.detail?.index ?? e.detail?.loaded ?? e.detail?.early, e.composedPath()[0].seriesUid?.slice(-6)]));
  });
  await page.goto(`${server.url}/react/index.html`);
  await page.waitForFunction(() => window.__log.some((l) => l[0] === 'rad-image-rendered') && window.__viewport()?.frames.length, null, { timeout: 30000 });
  const out = await page.evaluate(async () => {
    const v = window.__viewport();
    const before = { ...v.viewState, series: v.seriesUid.slice(-6), n: document.querySelector('rad-viewer')?.viewports?.length };
    const mid = Math.floor(v.frames.length / 2);
    const t0 = Math.round(performance.now());
    await v.showImage(mid);
    const t1 = Math.round(performance.now());
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const greys = () => {
      const canvas = v.canvas;
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      return [[76.8, 179.2], [179.2, 179.2], [128, 128]].map((p) => { const [x, y] = v.imageToCanvas(p); return context.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data[0]; });
    };
    const after = { t0, t1, t2: Math.round(performance.now()), index: v.viewState.index, failed: v.viewState.failed, series: v.seriesUid.slice(-6), greys: greys(), cw: [v.canvas.width, v.canvas.height], first: getComputedStyle(v.shadowRoot.querySelector('[part~=first-image]')).visibility };
    await new Promise((r) => setTimeout(r, 2000));
    const later = { index: v.viewState.index, series: v.seriesUid.slice(-6), greys: greys() };
    return { before, mid, after, later, log: window.__log.filter((l) => l[0] !== 'rad-load-progress' || l[2] === 0) };
  });
  console.log(JSON.stringify(out));
} finally { await browser.close(); await server.close(); await orthanc.stop(); }
