// A reader of the load run (issue 19) in a real Chromium page: the facility portal's production
// build, one <rad-viewer>, against the clustered archive through the page server. Each reading
// searches the worklist for a queued study by accession, opens it from its row (double-click),
// waits for its image, and signs what it needs through the report panel's public API on the same
// shared beat as the Node readers. The page's own events give what it stored.

/** A page's failure, for the error counts: its first line, without Playwright's prefix. */
const pageErrorKind = (error) => String(error?.message ?? error).split('\n')[0].replace(/^page\.evaluate: /, '').slice(0, 80);

/**
 * One reading in the page: worklist search, open, sign. Runs in the browser (serialised by
 * Playwright): no closure over Node values.
 */
async function readInPage({ studyUid, accession, reader, beatMs, n, addendum }) {
  const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`timeout: ${what}`)), ms));
  const until = async (test, what, ms = 30_000) => {
    const started = performance.now();
    while (!test()) {
      if (performance.now() - started > ms) throw new Error(`timeout: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const viewer = document.querySelector('rad-viewer');
  viewer.reader = reader;
  const browser = viewer.shadowRoot.querySelector('rad-study-browser');
  const row = () => browser.shadowRoot.querySelector(`[part~="row"][data-study-uid="${studyUid}"]`);
  const times = {};
  let started = performance.now();
  browser.query = { accessionNumber: accession };
  await until(row, 'worklist row');
  times.worklistPage = performance.now() - started;
  started = performance.now();
  // This study's, not the last reading's (the same elements stay in the page).
  const panelOf = () => viewer.shadowRoot.querySelector('rad-report-panel');
  const viewport = () => viewer.viewports[0];
  // Double-clicked again while the viewer has not taken the study: the row it showed for the same
  // study's last reading goes while the worklist searches again.
  const open = () =>
    viewport()?.studyUid !== studyUid && row()?.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
  open();
  const reopen = setInterval(open, 1_000);
  const shown = () => viewport()?.studyUid === studyUid && viewport().frames.length && panelOf()?.studyUid === studyUid;
  await until(shown, 'study shown').finally(() => clearInterval(reopen));
  const panel = panelOf();
  await Promise.race([viewport().loaded(), timeout(30_000, 'series loaded')]);
  times.seriesOpen = performance.now() - started;
  await Promise.race([panel.loaded(), timeout(30_000, 'report loaded')]);
  const seen = panel.reports.reports.map((r) => r.sopInstanceUID);
  const latest = panel.latest;
  if (latest && latest.status !== 'preliminary' && !addendum) return { times, outcome: 'nothing' };
  await new Promise((resolve) => setTimeout(resolve, beatMs - (Date.now() % beatMs)));
  const signedEvent = new Promise((resolve) => viewer.addEventListener('rad-report-signed', (e) => resolve(e.detail), { once: true }));
  const failedEvent = new Promise((resolve) => viewer.addEventListener('rad-error', (e) => resolve(e.detail), { once: true }));
  started = performance.now();
  let stored;
  if (latest && latest.status !== 'preliminary') stored = await panel.signAddendum(`Page addendum ${n} by ${reader.id}.`);
  else {
    panel.setSection('impression', `Page reading ${n} by ${reader.id}: no acute abnormality.`);
    stored = await (latest ? panel.signFinal({ confirmTemplateText: true }) : panel.signPreliminary({ confirmTemplateText: true }));
  }
  const conflict = panel.shadowRoot.querySelector('[part~="alert"][data-conflict]');
  if (!stored && conflict) return { times, outcome: 'stopped' };
  // Neither stored nor stopped: said by the panel's rad-error (a failure), or not at all (a bug of ours).
  const detail = await Promise.race([timeout(60_000, 'signed event'), signedEvent, failedEvent.then((d) => Promise.reject(new Error(d.error.kind ?? 'error')))]);
  times.sign = performance.now() - started;
  return { times, outcome: 'signed', record: { ...detail, reader: reader.id, seen } };
}

export class PageReader {
  #page;
  #options;
  #count = 0;

  /**
   * @param {import('playwright-core').Page} page
   * @param {{ url: string, reader: { name: string, id: string }, queue: { uid: string, accession: string }[],
   *   rnd: () => number, beatMs: number, figures: import('./load-figures.mjs').LoadFigures }} options
   */
  constructor(page, options) {
    this.#page = page;
    this.#options = options;
  }

  async run(deadline) {
    const { figures } = this.#options;
    await this.#page.goto(this.#options.url);
    while (Date.now() < deadline) {
      try {
        await this.#reading();
      } catch (error) {
        figures.error(`page: ${pageErrorKind(error)}`);
        // A page that failed starts again from the portal, as a user reloading it would.
        await this.#page.goto(this.#options.url).catch(() => undefined);
      }
    }
  }

  async #reading() {
    const { queue, rnd, reader, beatMs, figures } = this.#options;
    const study = queue[Math.floor(rnd() * queue.length)];
    const args = { studyUid: study.uid, accession: study.accession, reader, beatMs, n: ++this.#count, addendum: rnd() < 0.3 };
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: reading')), 120_000));
    const { times, outcome, record } = await Promise.race([this.#page.evaluate(readInPage, args), timeout]);
    for (const [name, ms] of Object.entries(times)) figures.sample(`page ${name}`, ms);
    if (outcome === 'nothing') figures.count('nothingToSign');
    if (outcome === 'stopped') figures.stoppedBeforeStoring(study.uid, undefined);
    if (record) figures.signed(record);
  }
}
