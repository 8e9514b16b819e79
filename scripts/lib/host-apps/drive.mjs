// Drives a built host app in Chromium as a user would, and checks outcomes: the worklist filled
// through <rad-dicomweb>, the CT drawn with the corpus' known grey levels, a length measured by mouse
// and heard by the host's own listener, a report signed, no CSP violation, no uncaught error.

/** Before the page's scripts: CSP violations, uncaught errors and the first rendering, with times. */
function instrument({ studyUid, seriesUid }) {
  window.__host = { violations: [], errors: [], firstImageMs: undefined };
  // The viewport a host page shows: its own, or the first of a <rad-viewer>.
  window.__viewport = () => document.querySelector('rad-viewport') ?? document.querySelector('rad-viewer')?.viewports?.[0];
  document.addEventListener('securitypolicyviolation', (e) => window.__host.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  window.addEventListener('error', (e) => window.__host.errors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => window.__host.errors.push(String(e.reason?.stack ?? e.reason)));
  document.addEventListener('rad-image-rendered', () => (window.__host.firstImageMs ??= performance.now()));
  // What the host's own script would do once the page is parsed: open a series, name the reader.
  if (!studyUid) return;
  document.addEventListener('DOMContentLoaded', () => {
    document.querySelector('rad-viewport')?.setAttribute('study-uid', studyUid);
    document.querySelector('rad-viewport')?.setAttribute('series-uid', seriesUid);
    const panel = document.querySelector('rad-report-panel');
    if (panel) {
      panel.setAttribute('study-uid', studyUid);
      panel.reader = { name: 'Host^Reader^^Dr', id: 'H-1', organization: 'Host portal' };
    }
  });
}

const within = (actual, expected, tolerance) => Math.abs(actual - expected) <= tolerance;

/** The display grey of a modality value through a LINEAR window (PS3.3 C.11.2.1.2.1), 8 bits. */
function linearGrey(value, { center, width }) {
  const y = ((value - (center - 0.5)) / (width - 1) + 0.5) * 255;
  return Math.round(Math.min(255, Math.max(0, y)));
}

/** The grey levels shown at the phantom's regions on image `index`, read back from the canvas. */
async function greysAt(page, index, points) {
  return page.evaluate(
    async ({ index, points }) => {
      const viewport = window.__viewport();
      await viewport.showImage(index);
      // The next drawing the host hears of (up to a second): in 2 of 6 full runs of this stage, the
      // <rad-viewer> canvas still showed the previous image right after showImage() had resolved,
      // and the right one at its next drawing (issue 14's note; not found yet).
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        viewport.addEventListener('rad-image-rendered', () => (clearTimeout(timer), resolve()), { once: true });
      });
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const canvas = viewport.canvas;
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      const grey = ([x, y]) => context.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data[0];
      return { window: viewport.viewState.window, greys: points.map((p) => grey(viewport.imageToCanvas(p))) };
    },
    { index, points },
  );
}

/** Checks the CT phantom's regions (truth from the corpus manifest) against the displayed greys. */
async function checkPixels(page, series) {
  const { regions, airHu } = series.truth;
  const named = [...regions.filter((r) => ['water', 'bone', 'lung', 'fat'].includes(r.name)).map((r) => ({ name: r.name, hu: r.hu, at: r.centerPx })), { name: 'air', hu: airHu, at: [3.5, 3.5] }];
  const { window, greys } = await greysAt(page, Math.floor(series.instanceCount / 2), named.map((r) => r.at));
  const misses = named.map((r, i) => ({ ...r, shown: greys[i], expected: linearGrey(r.hu, window) })).filter((r) => !within(r.shown, r.expected, 3));
  if (misses.length) throw new Error(`pixels differ from the phantom (window ${JSON.stringify(window)}): ${JSON.stringify(misses)}`);
  return named.length;
}

/** Drags a Length from one phantom marker to the other with the mouse; resolves to the value the host heard. */
async function measureMarkers(page, series) {
  const [from, to] = series.truth.markers.centersPx;
  const points = await page.evaluate(([from, to]) => {
    const viewport = window.__viewport();
    const box = viewport.canvas.getBoundingClientRect();
    return [from, to].map((p) => viewport.imageToCanvas(p)).map(([x, y]) => [box.left + x, box.top + y]);
  }, [from, to]);
  await page.mouse.move(...points[0]);
  await page.mouse.down();
  await page.mouse.move(...points[1], { steps: 8 });
  await page.mouse.up();
  const line = page.locator('#events li', { hasText: 'rad-measurement-added' }).first();
  await line.waitFor({ timeout: 15_000 });
  const heard = Number(/rad-measurement-added: ([\d.]+) mm/.exec(await line.textContent())?.[1]);
  if (!within(heard, series.truth.markers.distanceMm, 1)) throw new Error(`the host heard ${heard} mm for ${series.truth.markers.distanceMm} mm`);
  return heard;
}

async function signReport(page) {
  const signed = await page.evaluate(async () => {
    const panel = document.querySelector('rad-report-panel');
    await panel.loaded();
    panel.setSection('impression', 'No acute intracranial abnormality.');
    return (await panel.signPreliminary({ confirmTemplateText: true }))?.sopInstanceUID;
  });
  await page.locator('#events li', { hasText: 'rad-report-signed: preliminary' }).waitFor({ timeout: 30_000 });
  return signed;
}

const fail = async (page, what) => {
  const state = await page
    .evaluate(() => ({
      host: window.__host,
      events: document.querySelector('#events')?.textContent,
      shown: ['rad-viewport', 'rad-report-panel', 'rad-viewer'].map((tag) => document.querySelector(tag)?.shadowRoot?.textContent.replace(/\s+/g, ' ').slice(0, 300)),
    }))
    .catch(() => ({}));
  return new Error(`${what}; page state: ${JSON.stringify(state)}`);
};

/** Resolves to the problems the page reported: CSP violations, uncaught errors, `rad-*error` events heard, no series reader worker. */
async function problemsOf(page, pageErrors) {
  const { violations, errors } = await page.evaluate(() => window.__host);
  const radErrors = await page.locator('#events li', { hasText: /^rad-(report-)?error/ }).allTextContents();
  // The series was retrieved by the viewport's series reader worker (its marks: WORKER_REQUEST_MARK),
  // which the host's bundler must have emitted: without it the page reads the series more slowly.
  const byWorker = await page.evaluate(() => performance.getEntriesByName('rad-worker-request').length);
  const workerMissing = byWorker ? [] : ['no request of the series reader worker (was it emitted?)'];
  return [...violations.map((v) => `CSP: ${v}`), ...errors, ...pageErrors, ...radErrors, ...workerMissing];
}

/**
 * A framework example (examples/<framework>): <rad-viewer> launched by an IID link in referring
 * mode, its audit events rendered by the framework. Resolves to { firstImageMs, pixelsChecked }.
 */
export async function driveViewerPage(context, url, manifest) {
  const page = await context.newPage();
  await page.addInitScript(instrument, {});
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__host.firstImageMs !== undefined && window.__viewport()?.frames.length, null, { timeout: 60_000 }).catch(async () => {
      throw await fail(page, 'the viewer never drew an image');
    });
    const seriesUid = await page.evaluate(() => window.__viewport().seriesUid);
    const series = manifest.studies.flatMap((s) => s.series).find((s) => s.seriesInstanceUID === seriesUid);
    const pixelsChecked = await checkPixels(page, series);
    await page.waitForFunction(() => document.querySelector('#audits')?.textContent.includes('study-opened'), null, { timeout: 15_000 }).catch(async () => {
      throw await fail(page, 'the framework never rendered the audit event');
    });
    const problems = await problemsOf(page, pageErrors);
    if (problems.length) throw new Error(`the page reported problems: ${problems.join(' | ')}`);
    return { firstImageMs: Math.round(await page.evaluate(() => window.__host.firstImageMs)), pixelsChecked };
  } finally {
    await page.close();
  }
}

/**
 * The elements page (test/hosts/app): worklist, viewport and report panel in one <rad-dicomweb>.
 * Resolves to { firstImageMs, pixelsChecked, measuredMm, signedUid }.
 */
export async function driveElementsPage(context, url, study) {
  const series = study.series[0];
  const page = await context.newPage();
  await page.addInitScript(instrument, { studyUid: study.studyInstanceUID, seriesUid: series.seriesInstanceUID });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('rad-study-browser')?.shadowRoot?.querySelectorAll('[part~="row"]').length > 0, null, { timeout: 30_000 }).catch(async () => {
      throw await fail(page, 'the worklist never listed a study (no service from <rad-dicomweb>?)');
    });
    await page.waitForFunction(() => window.__host.firstImageMs !== undefined, null, { timeout: 60_000 }).catch(async () => {
      throw await fail(page, 'the viewport never drew an image');
    });
    const pixelsChecked = await checkPixels(page, series);
    const measuredMm = await measureMarkers(page, series);
    const signedUid = await signReport(page);
    const { firstImageMs } = await page.evaluate(() => window.__host);
    const problems = await problemsOf(page, pageErrors);
    if (problems.length) throw new Error(`the page reported problems: ${problems.join(' | ')}`);
    return { firstImageMs: Math.round(firstImageMs), pixelsChecked, measuredMm: Number(measuredMm.toFixed(2)), signedUid };
  } finally {
    await page.close();
  }
}
