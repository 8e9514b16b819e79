// The requests a reading costs, counted as the browser made them: open a study from the
// worklist, compare it with its prior, and sign a preliminary report. Each kind of request has
// a budget written here; a change that asks the archive for the same thing twice fails it.
import { expect, waitUntil } from '@open-wc/testing';
import type { RadReportPanel } from '@telerad/report-panel';
import type { RadViewer } from '@telerad/viewer';
import '@telerad/viewer/rad-viewer.js';
import { stringValue, type DicomJsonDataset } from '@telerad/core';
import { WORKER_REQUEST_MARK } from '@telerad/viewport';
import { study } from '../support/corpus.js';
import { READER } from '../report-panel/helpers.js';
import { hasContent } from '../viewport/helpers.js';
import { viewerElement } from './helpers.js';

/** The kind of a DICOMweb request, from its URL and method. */
function kindOf(url: URL, method: string): string {
  const path = url.pathname.replace(/^.*\/dicom-web/, '');
  if (method === 'POST') return 'STOW-RS';
  if (/\/frames\/[\d,]+$/.test(path)) return 'frames';
  if (path.endsWith('/rendered')) return 'rendered';
  if (/\/series\/[^/]+\/metadata$/.test(path)) return 'series metadata';
  if (/\/instances\/[^/]+\/metadata$/.test(path)) return 'instance metadata';
  if (/\/series\/[^/]+$/.test(path)) return 'series retrieval';
  if (/^\/studies$/.test(path)) return 'QIDO studies';
  if (/\/series$/.test(path)) return 'QIDO series';
  if (/\/instances$/.test(path)) return 'QIDO instances';
  return `other ${path}`;
}

/** Every DICOMweb request the page sent from now on, by kind (fetch and XHR, whatever their method). */
function countRequests() {
  const counts = new Map<string, number>();
  const paths: string[] = [];
  const count = (url: string | URL, method = 'GET') => {
    const parsed = new URL(String(url), location.href);
    if (!parsed.pathname.includes('/dicom-web/')) return;
    const kind = kindOf(parsed, method.toUpperCase());
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    paths.push(`${kind} ${parsed.pathname.replace(/^.*\/dicom-web/, '')}`);
  };
  const { open } = XMLHttpRequest.prototype;
  const { fetch } = window;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    count(url, method);
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof open;
  window.fetch = (input, init) => {
    count(input instanceof Request ? input.url : input, init?.method ?? (input instanceof Request ? input.method : 'GET'));
    return fetch(input, init);
  };
  // What the elements' workers send (a series retrieval), as they mark it.
  const byWorkers = (entries: PerformanceEntryList) =>
    entries.filter((e) => e.name === WORKER_REQUEST_MARK).forEach((e) => count((e as PerformanceMark).detail.url));
  const marks = new PerformanceObserver((list) => byWorkers(list.getEntries()));
  marks.observe({ type: 'mark' });
  return {
    /** The counts, with every mark made so far. */
    get counts() {
      byWorkers(marks.takeRecords());
      return counts;
    },
    paths,
    /** The page's fetch, not counted: what the test itself asks the archive. */
    uncounted: fetch,
    stop() {
      marks.disconnect();
      XMLHttpRequest.prototype.open = open;
      window.fetch = fetch;
    },
  };
}

/** A radiologist's viewer on the corpus archive, with `attributes` set. */
const viewer = (attributes: Record<string, string> = {}): RadViewer => viewerElement({ reader: READER }, attributes);

const browserOf = (el: RadViewer) => el.shadowRoot!.querySelector('rad-study-browser')!;
const shownUids = (el: RadViewer) =>
  [...(browserOf(el)?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="row"]') ?? [])].map((r) => r.dataset.studyUid!);
const rowOf = (el: RadViewer, studyUid: string) =>
  browserOf(el)?.shadowRoot!.querySelector<HTMLElement>(`[part~="row"][data-study-uid="${studyUid}"]`);

/** Opens the study from its worklist row, compares it with its prior, and signs a preliminary report. */
async function readAndSign(el: RadViewer, studyUid: string): Promise<void> {
  await waitUntil(() => rowOf(el, studyUid), 'study row', { timeout: 20_000 });
  rowOf(el, studyUid)!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
  await waitUntil(() => el.viewports[0]?.frames.length && hasContent(el.viewports[0]), 'study shown', { timeout: 30_000 });
  await waitUntil(() => el.shadowRoot!.textContent!.includes('Compare with prior ('), 'prior found', { timeout: 20_000 });
  await el.compareWithPrior(true);
  await waitUntil(() => el.viewports.length === 2 && el.viewports.every((v) => v.frames.length && hasContent(v)), 'prior shown', { timeout: 30_000 });
  await Promise.all(el.viewports.map((v) => v.loaded()));
  await waitUntil(() => el.viewports.every((v) => !v.shadowRoot!.querySelector('[part~="progress"]')), 'series loaded', { timeout: 30_000 });
  const panel = el.shadowRoot!.querySelector('rad-report-panel') as RadReportPanel;
  await panel.loaded();
  panel.setSection('impression', 'Budget reading: no acute abnormality.');
  const signed = new Promise((resolve) => el.addEventListener('rad-report-signed', resolve, { once: true }));
  expect(await panel.signPreliminary({ confirmTemplateText: true }), 'signed').to.not.equal(undefined);
  await signed;
  // The worklist asks for read status again after a signing.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

/** Checks the requests counted against `budget` (a kind not named has none), saying which went over. */
function expectWithin(requests: ReturnType<typeof countRequests>, budget: Record<string, number>): void {
  const counts = Object.fromEntries([...requests.counts].sort(([a], [b]) => a.localeCompare(b)));
  console.log(`requests of the reading: ${JSON.stringify(counts)}`);
  for (const [kind, count] of Object.entries(counts)) {
    const asked = requests.paths.filter((p) => p.startsWith(kind));
    expect(count, `${kind}:\n${asked.join('\n')}`).to.be.at.most(budget[kind] ?? 0);
  }
}

type Fetch = typeof fetch;
const qido = async (get: Fetch, path: string) => (await (await get(`/dicom-web${path}`)).json()) as DicomJsonDataset[];

/** How many SR documents the studies hold (the worklist's read status reads each once, from Orthanc). */
async function srDocuments(get: Fetch, studyUids: Iterable<string>): Promise<number> {
  const counts = await Promise.all([...studyUids].map(async (uid) => (await qido(get, `/studies/${uid}/instances?Modality=SR`)).length));
  return counts.reduce((sum, n) => sum + n, 0);
}

/** How many image series the study has (one thumbnail each when expanded). */
const imageSeries = async (get: Fetch, studyUid: string) =>
  (await qido(get, `/studies/${studyUid}/series`)).filter((s) => stringValue(s, '00080060') !== 'SR').length;

/**
 * The study to read among those shown: the corpus' MR brain (unread, with a prior) where shown,
 * else (an archive of other studies: the scale benchmark's) the first shown that is unread and
 * whose patient has an older study.
 */
async function studyToRead(get: Fetch, shown: string[]): Promise<string> {
  const mrBrain = (await study('mr-brain')).studyInstanceUID;
  if (shown.includes(mrBrain)) return mrBrain;
  for (const uid of shown) {
    if (await srDocuments(get, [uid])) continue;
    const [row] = await qido(get, `/studies?StudyInstanceUID=${uid}`);
    const patientId = stringValue(row, '00100020');
    const date = stringValue(row, '00080020') ?? '';
    if (!patientId) continue;
    // A prior is another study of the patient, not newer (as the viewer offers it).
    const studies = await qido(get, `/studies?PatientID=${encodeURIComponent(patientId)}`);
    if (studies.some((s) => stringValue(s, '0020000D') !== uid && (stringValue(s, '00080020') ?? '') <= date)) return uid;
  }
  throw new Error('no unread study shown has a prior');
}

/** The reports the test signs, to be forgotten after it. */
const signedDocuments: string[] = [];
document.addEventListener('rad-report-signed', (e) => signedDocuments.push(e.detail.sopInstanceUID));
afterEach(async () => {
  for (const uid of signedDocuments.splice(0)) await fetch(`/__test/forget/${uid}`, { method: 'POST' });
});

describe('requests of a reading', function () {
  this.timeout(120_000);

  it('open a study from the worklist, compare with its prior, sign a preliminary report: within the budget', async () => {
    const el = viewer();
    const requests = countRequests();
    try {
      document.body.append(el);
      await waitUntil(() => shownUids(el).length, 'worklist', { timeout: 20_000 });
      const shown = shownUids(el);
      const current = await studyToRead(requests.uncounted, shown);
      // The worklist's page: its read status reads each SR document of its studies once.
      const documents = await srDocuments(requests.uncounted, shown);
      await readAndSign(el, current);
      // The budget: what one reading needs, each kind once per thing it names.
      expectWithin(requests, {
        // The worklist's page; the study's patient (priors, asked once for all three elements);
        // the worklist's page again after the signing (read status).
        'QIDO studies': 3,
        // The current study's series (viewer, report panel) and the prior's (comparison).
        'QIDO series': 2,
        // SR documents of the worklist page (before and after signing), the report history
        // (opening, the conflict check, after storing: each must see what others stored), the
        // series' instances (the report's evidence and the strip's thumbnail share one answer).
        'QIDO instances': 6,
        // Each SR document once (the worklist's read status; the report history shares them), one
        // image's attributes for the report's patient and study, and the report signed.
        'instance metadata': documents + 2,
        // The two series shown.
        'series metadata': 2,
        'series retrieval': 2,
        // The first image of each series, fetched alone to show it soonest.
        frames: 2,
        // Series thumbnails: the strip's one series.
        rendered: 1,
        'STOW-RS': 1,
      });
    } finally {
      requests.stop();
      el.remove();
    }
  });

  it('page the worklist three times, expand a study, then read and sign it: within the budget', async () => {
    const el = viewer({ 'worklist-page-size': '4' });
    const requests = countRequests();
    try {
      document.body.append(el);
      const pager = (label: string) =>
        [...(browserOf(el)?.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="pager"] button') ?? [])].find(
          (b) => b.textContent!.trim() === label,
        );
      await waitUntil(() => shownUids(el).length === 4, 'first page', { timeout: 20_000 });
      /** Turns the page with the pager's button, once the page it shows is in. */
      let turns = 0;
      const turn = async (label: string) => {
        turns++;
        const before = shownUids(el).join();
        await waitUntil(() => pager(label), label, { timeout: 20_000 });
        pager(label)!.click();
        await waitUntil(() => shownUids(el).length && shownUids(el).join() !== before, `after ${label}`, { timeout: 20_000 });
      };
      const seen = new Set(shownUids(el));
      for (let page = 0; page < 3; page++) {
        await turn('Next page');
        for (const uid of shownUids(el)) seen.add(uid);
      }
      expect(seen.size, 'each page shows studies not seen before').to.equal(4 * 3 + shownUids(el).length);
      // Back to the page with the study, expanded into its series (thumbnails), then read.
      const current = await studyToRead(requests.uncounted, [...seen]);
      while (!rowOf(el, current)) await turn('Previous page');
      const documents = await srDocuments(requests.uncounted, seen);
      browserOf(el).expandStudy(current);
      await waitUntil(() => browserOf(el).shadowRoot!.querySelector('[part~="series-row"]'), 'series rows', { timeout: 20_000 });
      await readAndSign(el, current);
      expectWithin(requests, {
        // Each page shown (the first, and one per turn), the patient's priors once, and the page
        // again after the signing.
        'QIDO studies': 1 + turns + 2,
        // The expanded study's series (the viewer and report panel share that answer) and the prior's.
        'QIDO series': 2,
        // Read status: one request per page shown (whatever its size) and after the signing; the
        // report history three times; the series' instances once.
        'QIDO instances': 1 + turns + 1 + 3 + 1,
        // Each SR document of the pages shown once (Orthanc 1.10 returns no titles in QIDO-RS),
        // the report's patient and study, and the report signed.
        'instance metadata': documents + 2,
        'series metadata': 2,
        'series retrieval': 2,
        frames: 2,
        // The expanded study's image series, one thumbnail each (the strip's smaller ones share them).
        rendered: await imageSeries(requests.uncounted, current),
        'STOW-RS': 1,
      });
    } finally {
      requests.stop();
      el.remove();
    }
  });
});
