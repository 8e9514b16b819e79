// <rad-viewer> against Orthanc: IID launches, the grid and series strip, prior comparison with
// synchronised scrolling and window, idle logoff, audit events, referring mode.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { AuditEventDetail, RadViewer } from '@telerad/viewer';
import '@telerad/viewer/rad-viewer.js';
import { slicePosition, type RadViewport } from '@telerad/viewport';
import { loadManifest, type ManifestStudy } from '../support/corpus.js';
import { everythingKnownOf } from '../support/cornerstone-metadata.js';
import { hasContent, requestedSince } from '../viewport/helpers.js';
import { viewerElement } from './helpers.js';

const study = async (key: string): Promise<ManifestStudy> => (await loadManifest()).studies.find((s) => s.key === key)!;

const viewer = (attributes: Record<string, string> = {}): RadViewer => viewerElement({ worklist: false }, attributes);

/** Waits until every viewport of the viewer has drawn its series; says what each shows if not. */
async function drawn(el: RadViewer, count: number, why = '', content = true): Promise<RadViewport[]> {
  const done = () => el.viewports.length === count && el.viewports.every((v) => v.frames.length > 0 && (!content || hasContent(v)));
  for (const start = Date.now(); !done(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() - start > 60_000) {
      const states = el.viewports.map((v) => `${v.frames.length} frames, content ${hasContent(v)}, ${v.getBoundingClientRect().height} px, ${v.shadowRoot!.querySelector('[part~="error"]')?.textContent ?? 'no error'}`);
      throw new Error(`${count} viewports not drawn ${why}: ${states.join(' | ')}`);
    }
  }
  return el.viewports;
}

/** Index of the image of `follower` nearest in slice position to image `index` of `leader`, computed here. */
function nearestSlice(leader: RadViewport, follower: RadViewport, index: number): number {
  const reference = leader.frames[index].metadata;
  const position = slicePosition(reference)!;
  const distances = follower.frames.map((f) => Math.abs(slicePosition(f.metadata, reference)! - position));
  return distances.indexOf(Math.min(...distances));
}

/** A viewer showing the study of `key`, once it has found the study's prior. */
async function openedWithPrior(key: string): Promise<{ el: RadViewer; reading: RadViewport }> {
  const el = viewer();
  document.body.append(el);
  await el.openStudy((await study(key)).studyInstanceUID);
  const [reading] = await drawn(el, 1);
  await waitUntil(() => el.shadowRoot!.textContent!.includes('Compare with prior (Prior'), 'prior found');
  return { el, reading };
}

afterEach(() => document.querySelectorAll('rad-viewer').forEach((el) => el.remove()));

/** Elements matching `selector` in `root` and in every shadow root below it. */
function deepQueryAll(root: Element | ShadowRoot, selector: string): HTMLElement[] {
  const found = [...root.querySelectorAll<HTMLElement>(selector)];
  const hosts = [...root.querySelectorAll('*')].filter((e) => e.shadowRoot);
  const own = root instanceof Element && root.shadowRoot ? deepQueryAll(root.shadowRoot, selector) : [];
  return [...found, ...own, ...hosts.flatMap((host) => deepQueryAll(host.shadowRoot!, selector))];
}

describe('<rad-viewer> launch', function () {
  this.timeout(90_000);

  it('opens the study of an IID STUDY link by accession number: images, series strip, report, audit record', async () => {
    const head = await study('ct-head-garcia');
    const el = viewer({ iid: '', launch: `requestType=STUDY&accessionNumber=${head.accessionNumber}` });
    const audits: AuditEventDetail[] = [];
    el.addEventListener('rad-audit', (e) => audits.push(e.detail));
    document.body.append(el);
    const [viewport] = await drawn(el, 1);
    expect(el.openStudyUid).to.equal(head.studyInstanceUID);
    expect(viewport.seriesUid).to.equal(head.series[0].seriesInstanceUID);
    expect(el.shadowRoot!.querySelectorAll('[part~="series-strip"] button')).to.have.length(head.series.length);
    expect(el.shadowRoot!.querySelector('rad-report-panel')!.studyUid).to.equal(head.studyInstanceUID);
    expect(audits[0].action).to.equal('R');
    expect(audits[0].extension[0].valueCode).to.equal('study-opened');
    expect(audits[0].entity.map((e) => e.what.identifier.value)).to.deep.equal([head.patientId, `urn:oid:${head.studyInstanceUID}`]);
  });

  it('opens the newest of a PATIENT link’s most recent results and lists them', async () => {
    const head = await study('ct-head-garcia');
    const manifest = await loadManifest();
    const own = manifest.studies.filter((s) => s.patientId === head.patientId).sort((a, b) => b.studyDate.localeCompare(a.studyDate));
    const el = viewer({ iid: '', launch: `requestType=PATIENT&patientID=${head.patientId}&mostRecentResults=${own.length}&modalitiesInStudy=CT` });
    document.body.append(el);
    await drawn(el, 1);
    expect(el.openStudyUid).to.equal(own[0].studyInstanceUID);
    const listed = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav.studies button')];
    expect(listed).to.have.length(own.length);
    listed[1].click();
    await waitUntil(() => el.openStudyUid === own[1].studyInstanceUID, 'second study opened');
  });

  it('explains a launch it cannot run and opens nothing', async () => {
    const el = viewer({ iid: '', launch: 'requestType=STUDY&seriesUID=1.2.3' });
    document.body.append(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="message"][role="alert"]'), 'launch message');
    const message = el.shadowRoot!.querySelector('[part~="message"][role="alert"]')!.textContent!;
    expect(message).to.contain('“seriesUID” is not part of IHE Invoke Image Display');
    expect(message).to.contain('“studyUID” is missing');
    expect(el.openStudyUid).to.equal(undefined);

    const unmatched = viewer({ iid: '', launch: 'requestType=STUDY&accessionNumber=NO-SUCH-ACC' });
    document.body.append(unmatched);
    await waitUntil(() => unmatched.shadowRoot!.querySelector('[part~="message"][data-kind="not-found"]'), 'no match');
    expect(unmatched.shadowRoot!.querySelector('[data-kind="not-found"]')!.textContent).to.contain('No study matches this link.');
  });

  it('follows a launch set after it was connected, and a new launch value, as frameworks set properties late', async () => {
    const [head, other] = [await study('ct-head-garcia'), await study('dx-chest')];
    const el = viewer();
    document.body.append(el);
    await el.updateComplete;
    el.iid = true;
    el.launch = `requestType=STUDY&accessionNumber=${head.accessionNumber}`;
    await drawn(el, 1);
    expect(el.openStudyUid).to.equal(head.studyInstanceUID);
    el.launch = `requestType=STUDY&studyUID=${other.studyInstanceUID}`;
    await waitUntil(() => el.openStudyUid === other.studyInstanceUID, 'the new launch opened');
  });

  it('uses a token from the page URL and takes it out of the address bar', async () => {
    const head = await study('ct-head-garcia');
    const original = location.href;
    history.replaceState(null, '', `${location.pathname}?requestType=STUDY&studyUID=${head.studyInstanceUID}&access_token=fresh-token`);
    try {
      const el = viewer({ iid: '' });
      el.url = '/__quirks/auth/dicom-web';
      document.body.append(el);
      expect(location.search).to.equal(`?requestType=STUDY&studyUID=${head.studyInstanceUID}`);
      await drawn(el, 1);
      expect(el.openStudyUid, 'the archive only answers with the token').to.equal(head.studyInstanceUID);
    } finally {
      history.replaceState(null, '', original);
    }
  });
});

describe('<rad-viewer> opening', function () {
  this.timeout(60_000);

  /** Rejections no one handled, while `work` runs (and a moment after). */
  async function unhandledDuring(work: () => Promise<unknown>): Promise<unknown[]> {
    const reasons: unknown[] = [];
    const record = (e: PromiseRejectionEvent) => reasons.push(e.reason);
    window.addEventListener('unhandledrejection', record);
    try {
      await work();
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      window.removeEventListener('unhandledrejection', record);
    }
    return reasons;
  }

  it('opens the study asked for last when two are asked for at once; the first one’s requests stop', async () => {
    const [a, b] = await Promise.all([study('ct-head-garcia'), study('mr-brain')]);
    const el = viewer();
    document.body.append(el);
    const errors: unknown[] = [];
    el.addEventListener('rad-error', (e) => errors.push(e.detail.error));
    performance.clearResourceTimings();
    // Requests of earlier tests still in flight end (and are recorded) meanwhile: only those started from here count.
    const since = performance.now();
    const unhandled = await unhandledDuring(() => Promise.all([el.openStudy(a.studyInstanceUID), el.openStudy(b.studyInstanceUID)]));
    expect(el.openStudyUid).to.equal(b.studyInstanceUID);
    const [shown] = await drawn(el, 1);
    expect(shown.studyUid).to.equal(b.studyInstanceUID);
    const asked = requestedSince(since);
    expect(asked.filter((url) => url.includes(`/studies/${a.studyInstanceUID}/series`)), "the first study's series never asked for").to.deep.equal([]);
    expect(errors, 'a superseded opening is not an error').to.deep.equal([]);
    expect(unhandled).to.deep.equal([]);
  });

  it('says what failed, without an unhandled rejection, when there is no archive or the study is unknown', async () => {
    const el = document.createElement('rad-viewer');
    el.worklist = false;
    document.body.append(el);
    const kinds: string[] = [];
    el.addEventListener('rad-error', (e) => kinds.push(e.detail.error.kind));
    expect(await unhandledDuring(() => el.openStudy('2.25.1')), 'no archive').to.deep.equal([]);
    el.url = '/dicom-web';
    await el.updateComplete;
    expect(await unhandledDuring(() => el.openStudy('2.25.1')), 'unknown study').to.deep.equal([]);
    await el.updateComplete;
    expect(kinds).to.deep.equal(['not-configured', 'not-found']);
    expect(el.shadowRoot!.querySelector('[role="alert"][data-kind="not-found"]'), 'said in the element').to.exist;
  });
});

describe('<rad-viewer> grid', function () {
  this.timeout(90_000);

  it('fills a 2×2 grid with the study’s series; the strip, a drop and Alt+n choose what each viewport shows', async () => {
    const compression = await study('ct-compression');
    const el = viewer({ layout: '2x2' });
    document.body.append(el);
    await el.openStudy(compression.studyInstanceUID);
    const viewports = await drawn(el, 4, 'at first');
    expect(viewports.map((v) => v.seriesUid)).to.deep.equal(compression.series.slice(0, 4).map((s) => s.seriesInstanceUID));

    const strip = (uid: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="series-strip"] button[data-series-uid="${uid}"]`)!;
    el.shadowRoot!.querySelector('.viewer')!.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true, bubbles: true, composed: true }));
    strip(compression.series[4].seriesInstanceUID).click();
    await el.updateComplete;
    expect(el.viewports[2].seriesUid, 'Alt+3 then the strip').to.equal(compression.series[4].seriesInstanceUID);

    const transfer = new DataTransfer();
    strip(compression.series[5].seriesInstanceUID).dispatchEvent(new DragEvent('dragstart', { dataTransfer: transfer, bubbles: true, composed: true }));
    el.shadowRoot!.querySelector('[part~="viewport"][data-slot="1"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect(el.viewports[1].seriesUid, 'dropped on viewport 2').to.equal(compression.series[5].seriesInstanceUID);
    await drawn(el, 4, 'after the drop');
  });

  it('compares a CT with its prior side by side, following the slice position and the window; sync can be turned off', async () => {
    const prior = await study('ct-compression');
    const { el, reading } = await openedWithPrior('ct-phantom');
    const compare = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="toolbar"] button')].find((b) => b.textContent!.includes('Compare with prior'))!;
    expect(compare.disabled).to.equal(false);
    expect(compare.textContent).to.contain(`Prior ${prior.studyDate.slice(0, 4)}-${prior.studyDate.slice(4, 6)}-${prior.studyDate.slice(6)}`);
    await reading.showImage(30);
    reading.setWindow({ center: -600, width: 1500 });
    await el.compareWithPrior(true);
    const [a, b] = await drawn(el, 2);
    expect(b.studyUid).to.equal(prior.studyInstanceUID);
    await waitUntil(
      () => b.viewState.index === nearestSlice(a, b, a.viewState.index) && JSON.stringify(b.viewState.window) === JSON.stringify(a.viewState.window),
      'the prior opens on the current slice and window',
    );
    for (const index of [30, 70]) {
      await a.showImage(index);
      await waitUntil(() => b.viewState.index === nearestSlice(a, b, index), `prior at the slice nearest to ${slicePosition(a.frames[index].metadata)} mm`);
    }
    a.setWindow({ center: 40, width: 400 });
    await waitUntil(() => b.viewState.window.center === 40 && b.viewState.window.width === 400, 'window followed (HU)');

    el.shadowRoot!.querySelector<HTMLInputElement>('[part~="toolbar"] input[type="checkbox"]')!.click();
    await el.updateComplete;
    const before = b.viewState.index;
    await a.showImage(5);
    await new Promise((r) => setTimeout(r, 300));
    expect(b.viewState.index, 'no longer following').to.equal(before);
  });

  it('opens a prior that draws last (JPEG 2000) on the window the reader chose', async () => {
    const { el, reading } = await openedWithPrior('ct-head-garcia');
    reading.setWindow({ center: 60, width: 200 });
    await el.compareWithPrior(true);
    const [, prior] = await drawn(el, 2);
    await waitUntil(() => prior.viewState.window.center === 60 && prior.viewState.window.width === 200, 'the prior on the reader’s window');
  });

  it("offers the report only its own study's measurements: not the prior's, not another viewer's", async () => {
    const { el } = await openedWithPrior('ct-head-garcia');
    await el.compareWithPrior(true);
    const [current, prior] = await drawn(el, 2);
    const other = viewer();
    document.body.append(other);
    await other.openStudy((await study('ct-phantom')).studyInstanceUID);
    const [elsewhere] = await drawn(other, 1);
    const length = (v: RadViewport) => v.setMeasurements([{ tool: 'Length', handles: [[60, 128], [196, 128]], sopInstanceUID: v.frames[0].sopInstanceUID }]);
    await length(prior);
    await length(elsewhere);
    await length(current);
    const panel = el.shadowRoot!.querySelector('rad-report-panel')!;
    const otherPanel = other.shadowRoot!.querySelector('rad-report-panel')!;
    await Promise.all([panel.loaded(), otherPanel.loaded()]);
    await waitUntil(() => panel.availableMeasurements.length > 0 && otherPanel.availableMeasurements.length > 0, 'measurements offered');
    await new Promise((r) => setTimeout(r, 300));
    expect(panel.availableMeasurements.map((m) => m.sopInstanceUID)).to.deep.equal([current.frames[0].sopInstanceUID]);
    expect(otherPanel.availableMeasurements.map((m) => m.sopInstanceUID)).to.deep.equal([elsewhere.frames[0].sopInstanceUID]);
    // A prior's measurement given by hand is not inserted either; the current one carries its SOP class.
    const [offered] = panel.availableMeasurements;
    panel.insertMeasurement({ ...offered, studyInstanceUID: prior.studyUid, sopInstanceUID: prior.frames[0].sopInstanceUID });
    panel.insertMeasurement(offered);
    const { references, sections } = panel.getDraft()!;
    expect(references).to.deep.equal([{ sopInstanceUID: offered.sopInstanceUID, frame: 1, sopClassUID: '1.2.840.10008.5.1.4.1.1.2' }]);
    expect(sections.findings).to.not.contain('series ?');
  });

  it('follows the slice position of an MR prior but leaves its window alone (MR values have no common scale)', async () => {
    const prior = await study('mr-brain-prior');
    const { el } = await openedWithPrior('mr-brain');
    await el.compareWithPrior(true);
    // The prior follows to the slice of the current one, which may be an empty end slice.
    const [a, b] = await drawn(el, 2, 'loaded', false);
    expect(b.studyUid).to.equal(prior.studyInstanceUID);
    await a.showImage(15);
    a.setWindow({ center: 900, width: 300 });
    await waitUntil(() => b.viewState.index === nearestSlice(a, b, 15), 'nearest slice');
    await new Promise((r) => setTimeout(r, 300));
    expect(a.viewState.window).to.deep.equal({ center: 900, width: 300 });
    expect(b.viewState.window, 'the prior keeps its own window').to.not.deep.equal({ center: 900, width: 300 });
  });
});

describe('<rad-viewer> cine', function () {
  this.timeout(120_000);

  it('offers play/pause with a rate in its toolbar for a series of several images', async () => {
    const us = await study('us-abdomen');
    const el = viewer();
    document.body.append(el);
    await el.openStudy(us.studyInstanceUID);
    const [viewport] = await drawn(el, 1);
    const tools = () => el.shadowRoot!.querySelector<HTMLElement>(`[role="toolbar"][aria-label="Image tools"]`)!;
    const play = () => [...tools().querySelectorAll('button')].find((b) => ['Play', 'Pause'].includes(b.textContent!.trim()))!;
    await waitUntil(() => play(), 'play button');
    const fps = tools().querySelector<HTMLInputElement>('input.fps')!;
    expect(fps.value, 'the series\' own rate (Frame Time 40 ms)').to.equal('25');
    fps.value = '8';
    fps.dispatchEvent(new Event('change'));
    play().click();
    await waitUntil(() => viewport.playing && play().textContent!.trim() === 'Pause', 'playing');
    expect(play().getAttribute('aria-pressed')).to.equal('true');
    expect(viewport.cineRate).to.equal(8);
    await waitUntil(() => viewport.viewState.index >= 2, 'cine advanced', { timeout: 5000 });
    play().click();
    await waitUntil(() => !viewport.playing && play().textContent!.trim() === 'Play', 'paused');
    const ct = await study('ct-head-garcia');
    await el.openStudy(ct.studyInstanceUID);
    await drawn(el, 1);
    expect(play(), 'a CT stack plays too').to.exist;
  });
});

describe('<rad-viewer> session and modes', function () {
  this.timeout(90_000);

  it('locks after inactivity: viewports and images go, the draft is kept, rad-session-expired fires', async () => {
    const head = await study('ct-head-garcia');
    const el = viewer();
    el.reader = { name: 'Okoye^Daniel^^Dr', id: 'R-0042' };
    document.body.append(el);
    await el.openStudy(head.studyInstanceUID);
    const [shown] = await drawn(el, 1);
    const imageIds = shown.frames.map((f) => f.imageId);
    const patientName = head.patientName!.Alphabetic!.split('^')[0];
    expect(everythingKnownOf(imageIds[0]), 'Cornerstone knows the patient while shown').to.contain(patientName);
    const panel = el.shadowRoot!.querySelector('rad-report-panel')!;
    await panel.loaded();
    panel.setSection('findings', 'Unsigned words');
    const expired = oneEvent(el, 'rad-session-expired');
    el.idleMinutes = 0.01;
    expect((await expired).detail.idleMinutes).to.equal(0.01);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="locked"]')).to.exist;
    expect(el.shadowRoot!.querySelectorAll('rad-viewport, rad-report-panel, [part~="series-strip"]')).to.have.length(0);
    expect(el.shadowRoot!.textContent).to.not.contain(head.description);
    for (const imageId of imageIds) expect(everythingKnownOf(imageId), 'no patient attribute left in Cornerstone').to.not.contain(patientName).and.not.contain(head.patientId);
    expect(el.openStudyUid, 'the viewer keeps no study open').to.equal(undefined);

    el.idleMinutes = 0;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="locked"] button')!.click();
    await drawn(el, 1);
    const again = el.shadowRoot!.querySelector('rad-report-panel')!;
    await again.loaded();
    expect(again.getDraft()!.sections.findings, 'draft kept through the lock').to.equal('Unsigned words');
  });

  it('records signing and amending a report as audit events', async () => {
    const head = await study('ct-head-garcia');
    const el = viewer();
    el.reader = { name: 'Okoye^Daniel^^Dr', id: 'R-0042' };
    document.body.append(el);
    await el.openStudy(head.studyInstanceUID);
    const panel = el.shadowRoot!.querySelector('rad-report-panel')!;
    await panel.loaded();
    const audit = new Promise<AuditEventDetail>((resolve) =>
      el.addEventListener('rad-audit', (e) => e.detail.extension[0].valueCode === 'report-signed' && resolve(e.detail)),
    );
    const report = await panel.signFinal({ confirmTemplateText: true });
    let addendum: Awaited<ReturnType<typeof panel.signAddendum>>;
    try {
      const event = await audit;
      expect(event.action).to.equal('C');
      expect(event.agent[0].who).to.deep.equal({ identifier: { value: 'R-0042' }, display: 'Okoye^Daniel^^Dr' });
      expect(event.entity.map((e) => e.what.type)).to.deep.equal(['Patient', 'ImagingStudy', 'DiagnosticReport']);
      expect(event.entity[2].what.identifier.value).to.equal(`urn:oid:${report!.sopInstanceUID}`);
      const amended = new Promise<AuditEventDetail>((resolve) =>
        el.addEventListener('rad-audit', (e) => e.detail.extension[0].valueCode === 'report-amended' && resolve(e.detail)),
      );
      addendum = await panel.signAddendum('Discussed with the referring physician.');
      const update = await amended;
      expect([update.action, update.subtype[0].code]).to.deep.equal(['U', 'update']);
      expect(update.entity[2].what.identifier.value).to.equal(`urn:oid:${addendum!.sopInstanceUID}`);
    } finally {
      for (const uid of [report?.sopInstanceUID, addendum?.sopInstanceUID]) if (uid) await fetch(`/__test/forget/${uid}`, { method: 'POST' });
    }
  });

  it('referring mode: no worklist, the read-only final report, large touch targets, a report-viewed audit', async () => {
    const pet = await study('pet-ct');
    const el = viewer({ mode: 'referring' });
    el.worklist = true;
    const audits: string[] = [];
    el.addEventListener('rad-audit', (e) => audits.push(e.detail.extension[0].valueCode));
    document.body.append(el);
    await el.openStudy(pet.studyInstanceUID);
    await drawn(el, 1);
    expect(el.shadowRoot!.querySelector('rad-study-browser')).to.equal(null);
    const panel = el.shadowRoot!.querySelector('rad-report-panel')!;
    await panel.loaded();
    expect(panel.mode).to.equal('referring');
    expect(panel.shadowRoot!.querySelector('[part~="banner"]')!.getAttribute('data-status')).to.equal('final');
    await waitUntil(() => audits.includes('report-viewed'), 'report-viewed audited');
    // Every interactive element the referring physician can touch, in every shadow root.
    const interactive = deepQueryAll(el, 'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="slider"], [tabindex]:not([tabindex="-1"])').filter(
      (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden',
    );
    expect(interactive.length).to.be.greaterThan(10);
    const small = interactive
      .map((e) => ({ e, box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ e, box }) => `${e.localName}${e.getAttribute('part') ? `[${e.getAttribute('part')}]` : ''} "${e.textContent!.trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    expect(small, 'targets under 44 × 44 px').to.deep.equal([]);
  });

  it('referring mode on a tablet-sized page: one column, images first, nothing cut off', async () => {
    const pet = await study('pet-ct');
    const el = viewer({ mode: 'referring' });
    el.style.width = '768px';
    document.body.append(el);
    await el.openStudy(pet.studyInstanceUID);
    const [viewport] = await drawn(el, 1);
    const workspace = el.shadowRoot!.querySelector<HTMLElement>('.workspace')!;
    expect(getComputedStyle(workspace).gridTemplateColumns.split(' ')).to.have.length(1);
    expect(viewport.getBoundingClientRect().width).to.be.closeTo(workspace.getBoundingClientRect().width, 2);
    const panel = el.shadowRoot!.querySelector('rad-report-panel')!;
    expect(panel.getBoundingClientRect().top, 'report below the images').to.be.greaterThan(viewport.getBoundingClientRect().bottom - 1);
    expect(el.getBoundingClientRect().width).to.equal(768);
  });

  it('keeps patient data out of console output, storage and every URL it builds besides DICOMweb queries', async () => {
    const head = await study('ct-head-garcia');
    const secrets = [head.patientId, 'García', 'Garc%C3%ADa', head.accessionNumber].filter((s): s is string => Boolean(s));
    const logged: string[] = [];
    const originals = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
        original.apply(console, args);
      };
      return () => (console[level] = original);
    });
    localStorage.clear();
    sessionStorage.clear();
    const since = performance.now();
    try {
      const el = viewer({ iid: '', launch: `requestType=STUDY&studyUID=${head.studyInstanceUID}` });
      el.reader = { name: 'Okoye^Daniel^^Dr', id: 'R-0042' };
      el.worklist = true;
      document.body.append(el);
      await drawn(el, 1);
      const panel = el.shadowRoot!.querySelector('rad-report-panel')!;
      await panel.loaded();
      panel.setSection('findings', `Patient ${head.patientId} reviewed.`);
      await new Promise((r) => setTimeout(r, 500));
      expect(logged.filter((line) => secrets.some((s) => line.includes(s)))).to.deep.equal([]);
      expect([localStorage.length, sessionStorage.length]).to.deep.equal([0, 0]);
      expect(location.href).to.not.contain(head.patientId);
      // Every request but the QIDO-RS searches (which the archive needs) is free of patient data.
      const urls = requestedSince(since);
      const leaking = urls.filter((url) => secrets.some((s) => url.includes(s)) && !/\/dicom-web\/studies\?/.test(url));
      expect(leaking).to.deep.equal([]);
    } finally {
      for (const restore of originals) restore();
    }
  });
});

describe('<rad-viewer> MPR', () => {
  it('shows the series in three planes with crosshairs from the MPR layout, a MIP slab from the toolbar, and back', async function () {
    this.timeout(120_000);
    const el = viewer();
    document.body.append(el);
    const phantom = await study('ct-volume-phantom');
    await el.openStudy(phantom.studyInstanceUID);
    await drawn(el, 1);
    const button = (label: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;
    button('MPR').click();
    const loaded = (v: RadViewport) => v.reformat.state() !== undefined && v.reformat.state()!.volumeLoaded === v.reformat.state()!.volumeSlices;
    await waitUntil(() => el.viewports.length === 3 && el.viewports.every(loaded), 'three planes', { timeout: 60_000 });
    expect(el.viewports.map((v) => [v.seriesUid, v.reformat.plane, v.crosshairs])).to.deep.equal(
      ['axial', 'coronal', 'sagittal'].map((plane) => [phantom.series[0].seriesInstanceUID, plane, true]),
    );
    // Each plane shows where the other two cut it.
    await waitUntil(() => el.viewports.every((v) => v.shadowRoot!.querySelectorAll('[part~="crosshairs"] line').length === 2), 'reference lines');
    expect(button('Crosshairs'), 'the crosshairs tool offered').to.exist;

    const slab = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="slab"]')!;
    slab.value = 'mip';
    slab.dispatchEvent(new Event('change'));
    await waitUntil(() => el.viewports.every((v) => v.reformat.state()?.slab === 'mip' && v.reformat.state()?.slabThicknessMm === 10), 'MIP slabs');

    button('1×1').click();
    await waitUntil(() => el.viewports.length === 1 && el.viewports[0].reformat.plane === undefined, 'back to one viewport');
    expect(el.viewports[0].view).to.equal('stack');
    await drawn(el, 1);
  });
});

describe('<rad-viewer> fusion', () => {
  it('shows CT, PET, PET on CT and the PET MIP with one crosshair and zoom; the toolbar sets the PET look', async function () {
    this.timeout(180_000);
    const el = viewer();
    document.body.append(el);
    const petCt = await study('pet-ct');
    const [ct, pet] = petCt.series.map((s) => s.seriesInstanceUID);
    await el.openStudy(petCt.studyInstanceUID);
    await drawn(el, 1);
    const button = (label: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;
    expect(button('Fusion').disabled, 'offered for a CT and a PET').to.equal(false);
    button('Fusion').click();
    const loaded = (v: RadViewport) => v.reformat.state() !== undefined && v.reformat.state()!.volumeLoaded === v.reformat.state()!.volumeSlices;
    await waitUntil(() => el.viewports.length === 4 && el.viewports.every(loaded), 'four planes', { timeout: 60_000 });
    await waitUntil(() => el.viewports[2].fusion.state()?.volumeLoaded === 40, 'PET fused', { timeout: 60_000 });
    expect(el.viewports.map((v) => [v.seriesUid, v.reformat.plane, v.reformat.state()!.slab, v.fusionSeriesUid])).to.deep.equal([
      [ct, 'axial', 'thin', ''],
      [pet, 'axial', 'thin', ''],
      [ct, 'axial', 'thin', pet],
      [pet, 'coronal', 'mip', ''],
    ]);
    // The PET is read in SUVbw 0–5: its views' window, and the fused one's.
    await waitUntil(() => el.viewports[1].reformat.state()!.window.width === 6, 'PET window');
    expect(el.viewports[3].reformat.state()!.window).to.deep.equal({ center: 3, width: 6 });
    expect(el.viewports[2].fusion.state()).to.deep.include({ colormap: 'hot-iron', opacity: 0.5, window: { lower: 0, upper: 5 }, unit: 'SUVbw' });

    // Scrolling the CT carries the other axial planes with it; a zoom is every view's.
    await el.viewports[0].stepImage(5);
    const z = () => el.viewports.slice(0, 3).map((v) => v.reformat.state()!.centreMm[2]);
    await waitUntil(() => new Set(z().map((v) => v.toFixed(1))).size === 1, `axial planes together: ${z()}`);
    el.viewports[0].zoomBy(2);
    await waitUntil(() => el.viewports.every((v) => Math.abs(v.reformat.state()!.zoom - el.viewports[0].reformat.state()!.zoom) < 1e-3), 'one zoom');

    // The opacity slider moves by keys and by pointer; the colour map and the window top from their controls.
    const opacity = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="fusion-opacity"]')!;
    opacity.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => el.viewports[2].fusion.state()?.opacity === 0.55, 'opacity by key');
    const box = opacity.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.left + 2), Math.round(box.top + box.height / 2)] });
    await waitUntil(() => (el.viewports[2].fusion.state()?.opacity ?? 1) <= 0.05, 'opacity by pointer');
    const colormap = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="fusion-colormap"]')!;
    colormap.value = 'rainbow';
    colormap.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const top = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="fusion-window"]')!;
    top.value = '8';
    top.dispatchEvent(new Event('change'));
    await waitUntil(() => {
      const state = el.viewports[2].fusion.state();
      return state?.colormap === 'rainbow' && state.window.upper === 8;
    }, 'rainbow, SUV 0–8');

    button('1×1').click();
    await waitUntil(() => el.viewports.length === 1 && el.viewports[0].reformat.plane === undefined, 'back to one viewport');
    expect(el.viewports[0].seriesUid).to.equal(ct);
    await drawn(el, 1);
    el.remove();
  });
});
