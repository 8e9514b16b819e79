// `npm run bench` (second part): what a user waits for, from page navigation, cold. Each page is
// built as an app builds it (Vite, against the packed packages installed outside the repository),
// opened in a fresh browser context, pages alternated run by run; medians with min–max, ratios
// against bare Cornerstone3D within the run. Writes .cache/bench/navigation.json.
//   node scripts/bench/navigation.mjs [runs]     (default 5)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { buildAndPackPackages, installHostProject } = await import('../lib/host-apps/workspace.mjs');
const { serveHostApp } = await import('../lib/host-apps/serve.mjs');

/** The pages, as the table names them; `cornerstone` is the baseline of the ratios. */
export const PAGES = {
  raw: 'raw fetch of the frames, 6 at once (bytes only)',
  cornerstone: 'bare Cornerstone3D 5.14 (stack viewport, wadors: ids)',
  dwv: 'dwv 0.36 (whole instances)',
  element: '<rad-viewport> in <rad-dicomweb> (installed package)',
  'element-cpu': '<rad-viewport cpu-rendering> in <rad-dicomweb> (installed package)',
  viewer: '<rad-viewer>, IID launch, referring mode (installed package)',
  'cornerstone-mpr': 'bare Cornerstone3D 5.14, coronal reformat (streaming volume, wadors: ids)',
  'element-mpr': '<rad-viewport view="coronal"> in <rad-dicomweb> (installed package)',
};
/** Reformat pages: compared with bare Cornerstone3D's reformat, and only on the 100-slice CT. */
const MPR_PAGES = ['cornerstone-mpr', 'element-mpr'];
const BENCH_PACKAGES = ['vite', 'dwv', '@cornerstonejs/core', '@cornerstonejs/dicom-image-loader', '@cornerstonejs/metadata', '@cornerstonejs/utils'];

/** What a page draws into, where it is not a plain box. */
const BODIES = {
  element: '<rad-dicomweb url="/dicom-web"><rad-viewport></rad-viewport></rad-dicomweb>',
  'element-cpu': '<rad-dicomweb url="/dicom-web"><rad-viewport cpu-rendering></rad-viewport></rad-dicomweb>',
  viewer: '<rad-viewer url="/dicom-web" mode="referring" iid></rad-viewer>',
  'element-mpr': '<rad-dicomweb url="/dicom-web"><rad-viewport view="coronal"></rad-viewport></rad-dicomweb>',
};

/** The HTML of a benchmark page: its script, and what it draws into. */
const pageHtml = (page) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Navigation benchmark: ${page}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="./bench.css" />
    <script type="module" src="./${page}.js"></script>
  </head>
  <body>
    ${BODIES[page] ?? '<div id="image"></div>'}
  </body>
</html>
`;

/** Builds the benchmark pages against the tarballs; resolves to the folder to serve. */
export function buildBenchPages() {
  // The bench installs no @telerad/viewer: a standalone bundle already built is good enough to pack.
  const project = installHostProject('bench', buildAndPackPackages({ standaloneBuilt: true }), BENCH_PACKAGES);
  cpSync(join(root, 'scripts/bench/navigation'), project, { recursive: true });
  for (const page of Object.keys(PAGES)) writeFileSync(join(project, `${page}.html`), pageHtml(page));
  execFileSync(join(project, 'node_modules/.bin/vite'), ['build'], { cwd: project, stdio: 'inherit' });
  return join(project, 'dist');
}

/** The path of a request for pixels: frames, an instance, a whole series. */
const PIXELS = /\/frames\/|\/(instances|series)\/[0-9.]+$/;

/** One cold visit of `url`: the page's figures, its JS heap after loading, the JS/wasm it fetched before the first image. */
async function visit(browser, url) {
  const context = await browser.newContext({ viewport: { width: 800, height: 800 } });
  try {
    const page = await context.newPage();
    // Requests for pixels (frames, instances, whole series), the page's and its workers' alike
    // (a worker's requests are not in the page's resource timing), with when each was sent and ended.
    const pixels = [];
    const ended = (request) => {
      if (!PIXELS.test(new URL(request.url()).pathname)) return;
      const { startTime, requestStart, responseEnd } = request.timing();
      pixels.push({ url: request.url(), sent: startTime + Math.max(0, requestStart), ended: startTime + Math.max(0, responseEnd) });
    };
    context.on('requestfinished', ended);
    // A multipart answer read to its closing delimiter is cancelled there: the browser calls that a failure.
    context.on('requestfailed', ended);
    await page.goto(url);
    // A page that never finishes (a hang, a crash) gives the figures it reached, and the run goes on.
    const finished = await page.waitForFunction(() => window.__bench.done, null, { timeout: 120_000 }).then(() => true, () => false);
    const figures = await page.evaluate((pixelPathSource) => {
      const pixelPath = new RegExp(pixelPathSource);
      const { firstImageMs, allLoadedMs, frames, scroll = [] } = window.__bench;
      const resources = performance.getEntriesByType('resource');
      const code = resources.filter((e) => /\.(m?js|wasm)(\?|$)/.test(e.name) && e.responseEnd <= firstImageMs);
      // The page's own pixel requests, timed from when each was sent (not queued), on the epoch's clock.
      const pagePixels = resources
        .filter((e) => pixelPath.test(new URL(e.name).pathname))
        .map((e) => ({ url: e.name, sent: performance.timeOrigin + (e.requestStart || e.startTime), ended: performance.timeOrigin + e.responseEnd }));
      const sorted = [...scroll].sort((a, b) => a - b);
      const percentile = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
      return { firstImageMs, allLoadedMs, frames, codeKB: code.reduce((sum, e) => sum + e.encodedBodySize, 0) / 1024, pagePixels, scrollP50: percentile(0.5), scrollP95: percentile(0.95) };
    }, PIXELS.source);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    // The JS heap with the ArrayBuffers it holds (decoded pixels live there).
    const { usedSize, backingStorageSize = 0 } = await cdp.send('Runtime.getHeapUsage');
    if (!finished) console.warn(`  ${url.split('/').pop().split('#')[0]}: not finished after 120 s (first image ${figures.firstImageMs?.toFixed(0)} ms, all loaded ${figures.allLoadedMs?.toFixed(0)} ms)`);
    // The most pixel requests on the wire at one time: the page's as its resource timing has them (the
    // browser's own timing counts a request queued for a connection as sent), its workers' as sent.
    const pageTimed = new Map();
    for (const e of figures.pagePixels) pageTimed.set(e.url, [...(pageTimed.get(e.url) ?? []), e]);
    const timed = pixels.map((request) => pageTimed.get(request.url)?.shift() ?? request);
    const edges = timed.flatMap(({ sent, ended }) => [[sent, 1], [ended, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let open = 0;
    let inFlight = 0;
    for (const [, step] of edges) inFlight = Math.max(inFlight, (open += step));
    return { ...figures, pixelRequests: pixels.length, inFlight, framesPerSecond: (figures.frames * 1000) / (figures.allLoadedMs - figures.firstImageMs), heapMB: (usedSize + backingStorageSize) / 2 ** 20 };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Runs every page `runs` times on one series, alternating; resolves to { page: { figure: { median, min, max } } }. */
async function benchSeries(browser, serverUrl, series, runs) {
  // BENCH_PAGES=a,b: those pages only (a quick look at one comparison).
  const only = process.env.BENCH_PAGES?.split(',');
  const pages = Object.keys(PAGES).filter((page) => !series.skip?.includes(page) && (!only || only.includes(page)));
  const samples = Object.fromEntries(pages.map((page) => [page, []]));
  const hash = `#study=${series.studyInstanceUID}&series=${series.seriesInstanceUID}`;
  for (let run = 0; run < runs; run++) {
    for (const page of pages) samples[page].push(await visit(browser, `${serverUrl}/${page}.html${hash}`));
  }
  return Object.fromEntries(
    Object.entries(samples).map(([page, visits]) => [
      page,
      Object.fromEntries(Object.keys(visits[0]).map((figure) => {
        const values = visits.map((v) => v[figure]).filter((v) => Number.isFinite(v));
        return [figure, values.length ? { median: median(values), min: Math.min(...values), max: Math.max(...values) } : undefined];
      })),
    ]),
  );
}

/**
 * Runs the pages on each series (`{ key, title, studyInstanceUID, seriesInstanceUID, runs? }`);
 * resolves to { key: { title, runs, results } }.
 */
export async function runNavigationBench({ browser, dicomWebUrl, series, runs = 5, dist = buildBenchPages() }) {
  const server = await serveHostApp(dist, dicomWebUrl, { csp: '' });
  try {
    const out = {};
    for (const s of series) {
      const seriesRuns = Math.min(runs, s.runs ?? runs);
      out[s.key] = { title: s.title, runs: seriesRuns, results: await benchSeries(browser, server.url, s, seriesRuns) };
      console.log(`\n${navigationTable(out[s.key].results, out[s.key])}`);
    }
    return out;
  } finally {
    await server.close();
  }
}

/** The corpus' 100-slice CT and the benchmark's own series, as runNavigationBench takes them. */
export async function benchTargets(manifest, dicomWebUrl) {
  const { storeBenchSeries } = await import('./series.mjs');
  const ct = manifest.studies.find((s) => s.key === 'ct-phantom');
  const extra = await storeBenchSeries(dicomWebUrl);
  return [
    { key: 'ct-100', title: '100 × 512² CT, uncompressed', studyInstanceUID: ct.studyInstanceUID, seriesInstanceUID: ct.series[0].seriesInstanceUID },
    // Each visit of the long series loads half a gigabyte: fewer runs. dwv decodes JPEG-LS and
    // JPEG 2000 only with decoder scripts the page hosts and points it to: not set up here.
    ...extra.map((s) => ({ ...s, ...(s.instanceCount > 100 ? { runs: 3 } : {}), skip: [...MPR_PAGES, ...(s.key === 'ct-1000' ? [] : ['dwv'])] })),
  ].filter((s) => !process.env.BENCH_SERIES || process.env.BENCH_SERIES.split(',').includes(s.key));
}

/**
 * The whole navigation benchmark against the corpus' Orthanc: every series, printed as tables and
 * written to .cache/bench/navigation.json.
 */
export async function benchFromNavigation({ browser, orthanc, manifest, runs, dist }) {
  const benchmarks = await runNavigationBench({ browser, dicomWebUrl: orthanc.dicomWebUrl, series: await benchTargets(manifest, orthanc.dicomWebUrl), runs, dist });
  const tables = navigationTables(benchmarks);
  console.log(`\nFrom navigation, cold (each page built by Vite against the packed packages)\n${tables}`);
  mkdirSync(join(root, '.cache/bench'), { recursive: true });
  writeFileSync(join(root, '.cache/bench/navigation.json'), `${JSON.stringify({ benchmarks, tables }, null, 2)}\n`);
}

/** Every series' table, under its title. */
export function navigationTables(benchmarks) {
  return Object.values(benchmarks)
    .map(({ title, runs, results }) => navigationTable(results, { runs, title }))
    .join('\n\n');
}

const FIGURES = [
  ['firstImageMs', 'first image (ms)', 0],
  ['allLoadedMs', 'all loaded (ms)', 0],
  ['framesPerSecond', 'load frames/s', 0],
  ['scrollP50', 'cached scroll p50 (ms/image)', 1],
  ['scrollP95', 'p95', 1],
  ['heapMB', 'JS heap incl. buffers (MB)', 0],
  ['pixelRequests', 'pixel requests', 0],
  ['inFlight', 'in flight (max)', 0],
  ['codeKB', 'JS+wasm before first image (KB)', 0],
];

/** The results as a Markdown table (medians, min–max) with ratios against bare Cornerstone3D. */
export function navigationTable(results, { runs, title }) {
  const cell = (figure, digits) => (figure ? `${figure.median.toFixed(digits)} (${figure.min.toFixed(digits)}–${figure.max.toFixed(digits)})` : '—');
  const ratio = (page, key) => {
    const own = results[page][key]?.median;
    const base = results[MPR_PAGES.includes(page) ? 'cornerstone-mpr' : 'cornerstone']?.[key]?.median;
    return own !== undefined && base ? ` ×${(own / base).toFixed(2)}` : '';
  };
  const lines = [
    `${title}; ${runs} cold visits per page, alternated; medians (min–max); ×: ratio to bare Cornerstone3D (reformats: to its reformat)`,
    '',
    `| page | ${FIGURES.map(([, title]) => title).join(' | ')} |`,
    `|---|${FIGURES.map(() => '---').join('|')}|`,
    ...Object.entries(PAGES).filter(([page]) => results[page]).map(([page, title]) => `| ${title} | ${FIGURES.map(([key, , digits]) => `${cell(results[page][key], digits)}${page.startsWith('cornerstone') ? '' : ratio(page, key)}`).join(' | ')} |`),
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await import('../setup.mjs');
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('../lib/chromium.mjs');
  const { startOrthancWithCorpus } = await import('../lib/corpus-server.mjs');
  const runs = Number(process.argv[2] ?? 5);
  const dist = buildBenchPages();
  const { orthanc, manifest } = await startOrthancWithCorpus();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    await benchFromNavigation({ browser, orthanc, manifest, runs, dist });
  } finally {
    await browser.close();
    await orthanc.stop();
  }
}
