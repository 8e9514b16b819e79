// <rad-report-panel> against Orthanc: every signed report is read back from the archive (flags,
// observer, text, predecessor) and checked with dciodvfy; stored SRs are deleted after each test.
import { expect, waitUntil } from '@open-wc/testing';
import { DicomWebError, DicomWebService, readStatusOf, sequenceItems, stringValue, type DicomJsonDataset, type RadErrorDetail } from '@telerad/core';
import '@telerad/report-panel/rad-report-panel.js';
import { reportServiceWith, type RadReportPanel, type Reader, type ReportSignedDetail, type SignBlockedDetail } from '@telerad/report-panel';
import { forgetDocumentsNotInCorpus, loadManifest, type ManifestStudy } from '../support/corpus.js';
import { button, panelFor, READER, signed } from './helpers.js';

const study = async (key: string): Promise<ManifestStudy> => (await loadManifest()).studies.find((s) => s.key === key)!;

/** SOP Instance UIDs of every SR the panel reported storing during the current test. */
const stored: string[] = [];
document.addEventListener('rad-report-signed', (e) => stored.push(e.detail.sopInstanceUID));
/** Deletes every SR of the touched studies that the corpus did not bring, reported or not. */
afterEach(async () => {
  document.querySelectorAll('rad-report-panel').forEach((el) => el.remove());
  stored.splice(0);
  const { studies } = await loadManifest();
  for (const touched of studies.filter((s) => ['ct-head-garcia', 'dx-chest-prior', 'pet-ct'].includes(s.key))) await forgetDocumentsNotInCorpus(touched);
});

/** The SR as the archive holds it: WADO-RS metadata. */
async function archived(studyUid: string, detail: ReportSignedDetail): Promise<DicomJsonDataset> {
  const url = `/dicom-web/studies/${studyUid}/series/${detail.seriesInstanceUID}/instances/${detail.sopInstanceUID}/metadata`;
  return ((await (await fetch(url)).json()) as DicomJsonDataset[])[0];
}

/** dciodvfy's verdict on the file Orthanc stored. */
async function verify(sopInstanceUID: string): Promise<{ errors: string[]; warnings: string[] }> {
  const file = await (await fetch(`/__test/stored/${sopInstanceUID}`)).arrayBuffer();
  return (await (await fetch('/__test/dciodvfy', { method: 'POST', body: file })).json()) as { errors: string[]; warnings: string[] };
}


const flags = (dataset: DicomJsonDataset) => ['0040A496', '0040A491', '0040A493'].map((tag) => stringValue(dataset, tag));
const sectionText = (el: RadReportPanel, id: string) => el.shadowRoot!.querySelector<HTMLTextAreaElement>(`textarea[name="${id}"]`)!;
const type = (area: HTMLTextAreaElement, text: string) => {
  area.value = text;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
};

describe('<rad-report-panel> lifecycle', () => {
  it('drafts from the matching template, signs preliminary, then final, then an addendum — each SR read back and dciodvfy-clean', async function () {
    this.timeout(60_000);
    const head = await study('ct-head-garcia');
    const el = await panelFor(head);
    expect(el.shadowRoot!.querySelector('select')!.value, 'template from CT + "HEAD"').to.equal('ct-head');
    expect(sectionText(el, 'impression').value).to.equal('No acute intracranial abnormality.');
    type(sectionText(el, 'findings'), 'Acute left subdural haematoma, 8 mm thick.');
    type(sectionText(el, 'impression'), 'Acute left subdural haematoma.');

    let done = signed(el);
    button(el, 'Sign preliminary').click();
    const prelim = await done;
    expect(prelim.status).to.equal('preliminary');
    const prelimSr = await archived(head.studyInstanceUID, prelim);
    expect(flags(prelimSr)).to.deep.equal(['PRELIMINARY', 'PARTIAL', 'UNVERIFIED']);
    expect(stringValue(prelimSr, '0020000E'), 'its own series').to.not.be.oneOf(head.series.map((s) => s.seriesInstanceUID));
    expect(sequenceItems(prelimSr, '0040A073'), 'no verifying observer').to.have.length(0);
    expect((await verify(prelim.sopInstanceUID)).errors).to.deep.equal([]);
    expect(el.toFhirDiagnosticReport()?.status).to.equal('preliminary');
    await waitUntil(() => el.reports.reports.length === 1, 'history reloaded');
    expect(el.reports.reports[0].sections.findings).to.equal('Acute left subdural haematoma, 8 mm thick.');
    expect(el.reports.reports[0].reader).to.deep.equal(READER);

    // The final read starts from the preliminary text.
    await el.updateComplete;
    expect(sectionText(el, 'findings').value).to.equal('Acute left subdural haematoma, 8 mm thick.');
    done = signed(el);
    button(el, 'Sign final').click();
    const final = await done;
    const finalSr = await archived(head.studyInstanceUID, final);
    expect(flags(finalSr)).to.deep.equal(['FINAL', 'COMPLETE', 'VERIFIED']);
    const [observer] = sequenceItems(finalSr, '0040A073');
    expect(observer['0040A075']?.Value).to.deep.equal([{ Alphabetic: READER.name }]);
    expect(stringValue(sequenceItems(observer, '0040A088')[0], '00080100')).to.equal(READER.id);
    expect(el.toFhirDiagnosticReport()?.status).to.equal('final');
    expect((await verify(final.sopInstanceUID)).errors).to.deep.equal([]);

    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="banner"]')!.getAttribute('data-status')).to.equal('final');
    el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[name="addendum"]')!.value = 'Neurosurgery informed of the final read.';
    done = signed(el);
    button(el, 'Sign addendum').click();
    const addendum = await done;
    const addendumSr = await archived(head.studyInstanceUID, addendum);
    expect(flags(addendumSr)).to.deep.equal(['FINAL', 'COMPLETE', 'VERIFIED']);
    const predecessor = sequenceItems(sequenceItems(sequenceItems(addendumSr, '0040A360')[0], '00081115')[0], '00081199')[0];
    expect(stringValue(predecessor, '00081155')).to.equal(final.sopInstanceUID);
    expect((await verify(addendum.sopInstanceUID)).errors).to.deep.equal([]);

    await waitUntil(() => el.reports.reports.length === 3, 'three reports listed');
    expect(el.reports.reports.map((r) => r.status)).to.deep.equal(['preliminary', 'final', 'amended']);
    expect(el.latest!.addenda.map((a) => a.text)).to.deep.equal(['Neurosurgery informed of the final read.']);
    expect(el.toFhirDiagnosticReport()?.status).to.equal('appended');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[part~="history"] li')).to.have.length(3);
    expect(el.shadowRoot!.querySelector('[part~="banner"]')!.getAttribute('data-status')).to.equal('amended');
    // The worklist's read status follows.
    const documents = await new DicomWebService({ url: '/dicom-web' }).searchReportDocuments([head.studyInstanceUID]);
    expect(readStatusOf(documents)).to.equal('amended');
  });

  it('blocks the final sign-off of a critical finding until its communication is recorded, and stores the record', async function () {
    this.timeout(30_000);
    const head = await study('ct-head-garcia');
    const el = await panelFor(head);
    const critical: unknown[] = [];
    el.addEventListener('rad-critical-result', (e) => critical.push(e.detail));
    el.shadowRoot!.querySelector<HTMLInputElement>('fieldset[part~="critical"] input[type="checkbox"]')!.click();
    type(sectionText(el, 'impression'), 'Acute left subdural haematoma.');
    await el.updateComplete;
    const blocked: SignBlockedDetail[] = [];
    el.addEventListener('rad-sign-blocked', (e) => blocked.push(e.detail));
    button(el, 'Sign final').click();
    await el.updateComplete;
    expect(blocked).to.deep.equal([{ studyInstanceUID: head.studyInstanceUID, status: 'final', reason: 'critical-communication', sections: [] }]);
    // Said beside the buttons, and the reader is taken to the communication form.
    const check = el.shadowRoot!.querySelector('[part~="actions"] + [part~="sign-check"]')!;
    expect(check.textContent).to.contain('Record who was told');
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('name') === 'recipient', 'recipient field focused');
    (el.shadowRoot!.activeElement as HTMLElement).blur();
    [...check.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Record the communication')!.click();
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('recipient');
    expect(await el.signFinal({ confirmTemplateText: true }), 'refused through the API too').to.equal(undefined);
    expect(stored).to.deep.equal([]);
    // A preliminary read may go out flagged before anyone is reached.
    const prelim = await el.signPreliminary({ confirmTemplateText: true });
    expect([prelim?.critical, prelim?.communication]).to.deep.equal([true, undefined]);
    expect((await verify(prelim!.sopInstanceUID)).errors).to.deep.equal([]);
    await el.updateComplete;

    const fieldset = el.shadowRoot!.querySelector('fieldset[part~="critical"]')!;
    fieldset.querySelector<HTMLInputElement>('[name="recipient"]')!.value = 'Dr. Ramos (ED)';
    fieldset.querySelector<HTMLInputElement>('[name="communicatedAt"]')!.value = '2026-11-30T10:42';
    fieldset.querySelector<HTMLSelectElement>('[name="method"]')!.value = 'Telephone';
    button(el, 'Critical result communicated').click();
    expect(critical).to.deep.equal([
      { studyInstanceUID: head.studyInstanceUID, critical: true },
      { studyInstanceUID: head.studyInstanceUID, critical: true, communication: { recipient: 'Dr. Ramos (ED)', communicatedAt: '2026-11-30T10:42', method: 'Telephone' } },
    ]);
    const report = await el.signFinal({ confirmTemplateText: true });
    expect(report?.critical).to.equal(true);
    expect(report?.communication).to.deep.equal({ recipient: 'Dr. Ramos (ED)', communicatedAt: '2026-11-30T10:42:00', method: 'Telephone' });
    expect((await verify(report!.sopInstanceUID)).errors).to.deep.equal([]);
  });
});

describe('<rad-report-panel> template text', () => {
  it('marks untouched normal text, and signs it only after the reader confirms the listed sections', async function () {
    this.timeout(30_000);
    const head = await study('ct-head-garcia');
    const el = await panelFor(head);
    const marked = () => [...el.shadowRoot!.querySelectorAll('textarea[data-template-text]')].map((t) => t.getAttribute('name'));
    expect(marked(), 'the normal template text of the diagnostic sections').to.deep.equal(['findings', 'impression']);
    expect(el.shadowRoot!.querySelector('[data-section="impression"] [part~="template-text"]')!.textContent).to.equal('Template text, not edited yet');
    const blocked: SignBlockedDetail[] = [];
    el.addEventListener('rad-sign-blocked', (e) => blocked.push(e.detail));
    button(el, 'Sign preliminary').click();
    await el.updateComplete;
    expect(await el.signFinal(), 'not through the API either').to.equal(undefined);
    expect(stored, 'nothing signed').to.deep.equal([]);
    expect(blocked.map((b) => [b.status, b.reason, b.sections])).to.deep.equal([
      ['preliminary', 'template-text', ['findings', 'impression']],
      ['final', 'template-text', ['findings', 'impression']],
    ]);
    await el.updateComplete;
    const check = el.shadowRoot!.querySelector('[part~="actions"] + [part~="sign-check"]')!;
    expect(check.textContent).to.contain('not edited: Findings, Impression.');
    await expect(el).shadowDom.to.be.accessible();

    // Editing a section takes its mark away; the other is still listed.
    type(sectionText(el, 'findings'), 'No haemorrhage. Old left MCA infarct.');
    await el.updateComplete;
    expect(marked()).to.deep.equal(['impression']);
    const done = signed(el);
    button(el, 'Sign preliminary').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="sign-check"]')!.textContent).to.contain('not edited: Impression.');
    button(el, 'Sign preliminary with this text').click();
    expect((await done).status).to.equal('preliminary');
    expect(el.latest!.sections.impression).to.equal('No acute intracranial abnormality.');
  });
});

describe('<rad-report-panel> never loses the text', () => {
  /** The real archive, but its STOW-RS goes through `stowUrl` until `recover()` (the network comes back). */
  function flakyService(stowUrl: string) {
    const real = new DicomWebService({ url: '/dicom-web' });
    const failing = new DicomWebService({ url: stowUrl, timeoutMs: 2_000 });
    let healthy = false;
    const calls: string[] = [];
    const service = reportServiceWith(real, {
      storeInstances: (files, studyUid) => {
        calls.push(healthy ? 'archive' : stowUrl);
        return (healthy ? real : failing).storeInstances(files, studyUid);
      },
    });
    return { service, calls, recover: () => (healthy = true) };
  }

  for (const [name, url, kind] of [
    ['a 500', '/__quirks/stow-refused/dicom-web', 'server'],
    ['a timeout after the archive stored it', '/__quirks/stow-stored-late/dicom-web', 'timeout'],
    ['no network', 'http://127.0.0.1:9/dicom-web', 'network'],
  ] as const) {
    it(`keeps the text on ${name}, says so, and a retry stores it exactly once`, async function () {
      this.timeout(40_000);
      const head = await study('ct-head-garcia');
      const flaky = flakyService(url);
      const el = await panelFor(head, { service: flaky.service });
      const errors: RadErrorDetail[] = [];
      el.addEventListener('rad-error', (e) => errors.push(e.detail));
      type(sectionText(el, 'findings'), 'Text that must survive.');
      type(sectionText(el, 'impression'), 'An impression of my own.');
      const sign = button(el, 'Sign final');
      sign.click();
      sign.click();
      await waitUntil(() => errors.length > 0, 'store failed', { timeout: 10_000 });
      await el.updateComplete;
      expect(errors.map((e) => [e.operation, e.error.kind, e.draftKept])).to.deep.equal([['sign-final', kind, true]]);
      expect(flaky.calls, 'a double click stores once').to.have.length(1);
      expect(el.shadowRoot!.querySelector('[part~="alert"]')!.textContent).to.contain('Your text is kept.');
      expect(sectionText(el, 'findings').value).to.equal('Text that must survive.');

      flaky.recover();
      const done = signed(el);
      button(el, 'Retry').click();
      const report = await done;
      const documents = await new DicomWebService({ url: '/dicom-web' }).searchReportDocuments([head.studyInstanceUID]);
      expect(documents.map((d) => d.sopInstanceUID), 'exactly one report').to.deep.equal([report.sopInstanceUID]);
      const sr = await archived(head.studyInstanceUID, report);
      expect(JSON.stringify(sr)).to.contain('Text that must survive.');
    });
  }

  it('asks the host for a fresh token when the archive answers 401 to the report, then stores it once', async function () {
    this.timeout(30_000);
    const head = await study('ct-head-garcia');
    let token = 'expired-token';
    const archive = new DicomWebService({ url: '/dicom-web' });
    const guarded = new DicomWebService({ url: '/__quirks/auth/dicom-web', tokenProvider: async () => token });
    const el = await panelFor(head, { service: reportServiceWith(archive, { storeInstances: guarded.storeInstances.bind(guarded) }) });
    const asked: string[] = [];
    el.addEventListener('rad-auth-required', (e) => {
      asked.push(e.detail.operation);
      e.detail.waitUntil(Promise.resolve((token = 'fresh-token')));
    });
    const report = await el.signFinal({ confirmTemplateText: true });
    expect(asked).to.deep.equal(['sign-final']);
    expect(report).to.exist;
    const documents = await archive.searchReportDocuments([head.studyInstanceUID]);
    expect(documents.map((d) => d.sopInstanceUID)).to.deep.equal([report!.sopInstanceUID]);
  });

  it('stores hostile text as text and shows it as text', async () => {
    const head = await study('ct-head-garcia');
    const el = await panelFor(head);
    const hostile = '<img src=x onerror="window.__teleradXss=1"><script>window.__teleradXss=2</script>';
    type(sectionText(el, 'impression'), hostile);
    await el.signFinal({ confirmTemplateText: true });
    el.mode = 'referring';
    await el.updateComplete;
    const impression = el.shadowRoot!.querySelector('[part~="report"] [data-section="impression"] .text')!;
    expect(impression.textContent).to.equal(hostile);
    expect(el.shadowRoot!.querySelector('[part~="report"] img, [part~="report"] script')).to.equal(null);
    expect((window as { __teleradXss?: number }).__teleradXss).to.equal(undefined);
    expect(el.latest!.sections.impression).to.equal(hostile);
  });

  it('keeps drafts in memory unless the host opts in to session storage, and guards unsaved changes', async () => {
    const head = await study('ct-head-garcia');
    sessionStorage.clear();
    const el = await panelFor(head);
    const changes: unknown[] = [];
    el.addEventListener('rad-report-draft-change', (e) => changes.push(e.detail.draft.sections.findings));
    type(sectionText(el, 'findings'), 'Private text');
    expect(changes).to.deep.equal(['Private text']);
    expect(sessionStorage.length, 'nothing in session storage by default').to.equal(0);
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented, 'unsaved changes guard').to.equal(true);

    const other = await study('mr-brain');
    const unsaved: string[] = [];
    el.addEventListener('rad-report-unsaved', (e) => unsaved.push(e.detail.studyInstanceUID));
    el.studyUid = other.studyInstanceUID;
    await el.loaded();
    expect(unsaved).to.deep.equal([head.studyInstanceUID]);
    el.studyUid = head.studyInstanceUID;
    await el.loaded();
    expect(sectionText(el, 'findings').value, 'the draft survived the study change').to.equal('Private text');
    el.remove();

    const saved: string[] = [];
    const own = await panelFor(head);
    own.draftStore = { load: () => undefined, save: (_uid, draft) => void saved.push(draft.sections.findings), clear: () => undefined };
    type(sectionText(own, 'findings'), 'Into the host store');
    expect(saved).to.deep.equal(['Into the host store']);
    expect(sessionStorage.length).to.equal(0);
    own.remove();

    const opted = await panelFor(head, { draftStorage: 'session' });
    type(sectionText(opted, 'findings'), 'Kept for the tab');
    expect(JSON.parse(sessionStorage.getItem(`telerad-report-draft:${head.studyInstanceUID}`)!).sections.findings).to.equal('Kept for the tab');
    sessionStorage.clear();
  });

  it("shows why the archive refused the report (Orthanc's Failure Reason) and keeps the text", async function () {
    this.timeout(30_000);
    const head = await study('ct-head-garcia');
    const real = new DicomWebService({ url: '/dicom-web' });
    // Sent to another study's URL, the report is refused by Orthanc itself (409, Failure Reason 0x0110).
    const service = reportServiceWith(real, { storeInstances: (files, _study, options) => real.storeInstances(files, '2.25.1', options) });
    const el = await panelFor(head, { service });
    const errors: RadErrorDetail[] = [];
    el.addEventListener('rad-error', (e) => errors.push(e.detail));
    type(sectionText(el, 'impression'), 'Refused, not lost.');
    expect(await el.signFinal({ confirmTemplateText: true })).to.equal(undefined);
    expect(errors.map((e) => [e.operation, e.error.kind, e.error.status, (e.error as DicomWebError).reason, e.draftKept])).to.deep.equal([
      ['sign-final', 'http', 409, 0x0110, true],
    ]);
    const alert = el.shadowRoot!.querySelector('[part~="error"][data-operation="sign-final"]');
    expect(alert?.textContent).to.contain('HTTP 409, DICOM reason 0x0110: processing failure');
    expect(sectionText(el, 'impression').value).to.equal('Refused, not lost.');
    expect(stored).to.deep.equal([]);
  });

  it('says so when the check for a newer report fails, keeps the text and stores nothing (no unhandled rejection)', async function () {
    this.timeout(30_000);
    const head = await study('ct-head-garcia');
    const real = new DicomWebService({ url: '/dicom-web' });
    let archiveDown = false;
    const service = reportServiceWith(real, {
      searchReportDocuments: (uids, options) => (archiveDown ? Promise.reject(new DicomWebError('server', 500, '/dicom-web')) : real.searchReportDocuments(uids, options)),
    });
    const el = await panelFor(head, { service });
    const errors: RadErrorDetail[] = [];
    el.addEventListener('rad-error', (e) => errors.push(e.detail));
    const unhandled: unknown[] = [];
    const onUnhandled = (e: PromiseRejectionEvent) => unhandled.push(e.reason);
    window.addEventListener('unhandledrejection', onUnhandled);
    try {
      type(sectionText(el, 'findings'), 'Findings of my own.');
      type(sectionText(el, 'impression'), 'Kept through an archive fault.');
      archiveDown = true;
      expect(await el.signFinal({ confirmTemplateText: true }), 'nothing signed').to.equal(undefined);
      button(el, 'Sign final').click();
      await waitUntil(() => errors.length === 2, 'both attempts said so');
      await new Promise((r) => setTimeout(r, 100));
      expect(errors.map((e) => [e.operation, e.error.kind, e.draftKept, e.source])).to.deep.equal([
        ['sign-final', 'server', true, 'archive'],
        ['sign-final', 'server', true, 'archive'],
      ]);
      expect(unhandled).to.deep.equal([]);
      expect(stored).to.deep.equal([]);
      expect(sectionText(el, 'impression').value).to.equal('Kept through an archive fault.');
      archiveDown = false;
      const done = signed(el);
      button(el, 'Sign final').click();
      await done;
      expect(stored).to.have.length(1);
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
    }
  });

  it('warns before signing over a report stored since the study was opened, and signs only when asked', async function () {
    this.timeout(30_000);
    const head = await study('ct-head-garcia');
    const mine = await panelFor(head);
    const theirs = await panelFor(head, { reader: { name: 'Novak^Ivan', id: 'R-0007' } });
    type(sectionText(theirs, 'impression'), 'Their read.');
    await theirs.signFinal({ confirmTemplateText: true });
    type(sectionText(mine, 'impression'), 'My read.');
    expect(await mine.signFinal({ confirmTemplateText: true }), 'stopped').to.equal(undefined);
    await mine.updateComplete;
    const alert = mine.shadowRoot!.querySelector('[part~="alert"][data-conflict]')!;
    expect(alert.textContent).to.contain('(Novak, Ivan, ');
    expect(stored).to.have.length(1);
    const done = signed(mine);
    button(mine, 'Sign anyway').click();
    await done;
    expect(stored).to.have.length(2);
  });

  it('says so after storing when another reader signed at the same moment (both passed the check before storing)', async function () {
    this.timeout(30_000);
    const head = await study('ct-head-garcia');
    const real = new DicomWebService({ url: '/dicom-web' });
    const theirs = await panelFor(head, { reader: { name: 'Novak^Ivan', id: 'R-0007' } });
    // Mine passes its check, then waits at STOW-RS while theirs is checked, stored and announced.
    let theirsStarted!: () => void;
    const theirsSigned = new Promise<void>((resolve) => (theirsStarted = resolve)).then(() => {
      const done = signed(theirs);
      void theirs.signFinal({ confirmTemplateText: true });
      return done;
    });
    const service = reportServiceWith(real, {
      storeInstances: async (files, studyUid) => {
        theirsStarted();
        await theirsSigned;
        return real.storeInstances(files, studyUid);
      },
    });
    const mine = await panelFor(head, { service });
    type(sectionText(mine, 'impression'), 'My read.');
    type(sectionText(theirs, 'impression'), 'Their read.');
    const mineSigned = signed(mine);
    const report = await mine.signFinal({ confirmTemplateText: true });
    const [theirDetail, myDetail] = await Promise.all([theirsSigned, mineSigned]);
    expect(report?.sopInstanceUID, 'mine stored, no stop before storing').to.equal(myDetail.sopInstanceUID);
    expect(theirDetail.concurrent, 'theirs stored first, before mine existed').to.equal(undefined);
    expect(myDetail.concurrent).to.deep.equal([theirDetail.sopInstanceUID]);
    await mine.updateComplete;
    const alert = mine.shadowRoot!.querySelector('[part~="alert"][data-concurrent]')!;
    expect(alert.textContent).to.contain('at the same time as yours (Novak, Ivan, ');
    const uids = mine.reports.reports.map((r) => r.sopInstanceUID);
    expect(uids.filter((uid) => uid === myDetail.sopInstanceUID || uid === theirDetail.sopInstanceUID)).to.have.length(2);
    alert.querySelector('button')!.click();
    await mine.updateComplete;
    expect(mine.shadowRoot!.querySelector('[part~="report"]')!.textContent).to.contain('Their read.');
    await expect(mine).shadowDom.to.be.accessible();
    // Told once: the next signing (an addendum to the latest, theirs) is checked against the history now seen.
    const addendum = signed(mine);
    await mine.signAddendum('Agree with the other read.');
    expect((await addendum).concurrent).to.equal(undefined);
  });
});

describe('<rad-report-panel> writing aids, review and reading', () => {
  it('picks a host template over the built-in ones, switches templates keeping edited text, and signs nothing without a reader', async () => {
    const head = await study('ct-head-garcia');
    const el = document.createElement('rad-report-panel');
    el.service = new DicomWebService({ url: '/dicom-web' });
    el.templates = [
      { id: 'ct-head-trauma', title: 'CT head (trauma)', modalities: ['CT'], keywords: ['head', 'wo'], sections: { technique: 'Non-contrast CT head, trauma protocol.', impression: 'No traumatic injury.' } },
    ];
    el.studyUid = head.studyInstanceUID;
    document.body.append(el);
    await el.loaded();
    expect(el.getDraft()!.templateId).to.equal('ct-head-trauma');
    expect(sectionText(el, 'technique').value).to.equal('Non-contrast CT head, trauma protocol.');
    type(sectionText(el, 'impression'), 'My own impression.');
    el.applyTemplate('ct-head');
    await el.updateComplete;
    expect(sectionText(el, 'technique').value, 'untouched default replaced').to.equal('Axial CT images of the head were obtained without intravenous contrast.');
    expect(sectionText(el, 'impression').value, 'edited text kept').to.equal('My own impression.');
    expect([...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="actions"] button')].map((b) => b.disabled)).to.deep.equal([true, true]);
    expect(await el.signFinal({ confirmTemplateText: true })).to.equal(undefined);
    expect(stored).to.deep.equal([]);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('adds a second opinion beside a final report; the history lists both readers and opens either', async function () {
    this.timeout(30_000);
    const pet = await study('pet-ct');
    const second: Reader = { name: 'Ito^Kenji^^Dr', id: 'R-0200', subspecialty: 'Nuclear medicine' };
    const el = await panelFor(pet, { reader: second });
    const original = el.latest!;
    expect(original.reader.name, 'the corpus report names its reader only as Verifying Observer').to.equal('Sato^Keiko^^Dr');
    button(el, 'Second opinion').click();
    await el.updateComplete;
    expect(sectionText(el, 'impression').value, 'from the PET/CT template').to.equal('No scintigraphic evidence of FDG-avid disease.');
    type(sectionText(el, 'impression'), 'Low-grade FDG uptake in a right hilar node, likely reactive.');
    const report = await el.signFinal({ confirmTemplateText: true });
    expect(report!.predecessorUID, 'not an addendum').to.equal(undefined);
    expect(el.reports.reports.map((r) => [r.status, r.reader.name])).to.deep.equal([
      ['final', original.reader.name],
      ['final', second.name],
    ]);
    expect(el.latest!.sopInstanceUID).to.equal(report!.sopInstanceUID);
    el.openReport(original.sopInstanceUID);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="report"] .signature')!.textContent).to.contain('Signed by Dr Sato, Keiko,');
  });


  it('inserts a viewport measurement with its image and a prior as comparison; the SR references the image', async () => {
    const head = await study('ct-head-garcia');
    const el = await panelFor(head);
    const [series] = head.series;
    const measurement = {
      id: 'm1',
      tool: 'Length',
      values: [{ name: 'length', value: 42.456, unit: 'mm' }],
      calibration: 'patient',
      studyInstanceUID: head.studyInstanceUID,
      seriesInstanceUID: series.seriesInstanceUID,
      sopInstanceUID: series.sopInstanceUIDs[4],
      sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
      frame: 1,
      handles: [],
    };
    // One of another study (a prior shown beside) on the same page is not offered.
    const ofPrior = { ...measurement, id: 'm2', studyInstanceUID: '2.25.1', sopInstanceUID: '2.25.2' };
    for (const m of [ofPrior, measurement]) document.body.dispatchEvent(new CustomEvent('rad-measurement-added', { detail: { measurement: m }, bubbles: true, composed: true }));
    expect(el.availableMeasurements.map((m) => m.sopInstanceUID)).to.deep.equal([measurement.sopInstanceUID]);
    el.insertMeasurement(el.availableMeasurements[0]);
    await el.updateComplete;
    const instanceNumber = series.sopInstanceUIDs.indexOf(measurement.sopInstanceUID) + 1;
    // Without the viewport's stack position, the image is named by its Instance Number, labelled so.
    expect(sectionText(el, 'findings').value).to.contain(`Length: 42.46 mm (series ${series.seriesNumber}, instance no. ${instanceNumber}).`);
    const prior = (await loadManifest()).studies.find((s) => s.patientId === head.patientId && s.key !== head.key)!;
    await waitUntil(() => el.shadowRoot!.querySelector('select[aria-label="Insert comparison…"]'), 'priors offered');
    el.insertComparison({ description: prior.description, studyDate: `${prior.studyDate.slice(0, 4)}-${prior.studyDate.slice(4, 6)}-${prior.studyDate.slice(6)}`, modalities: [] });
    await el.updateComplete;
    expect(sectionText(el, 'comparison').value).to.match(new RegExp(`^${prior.description.replace(/[()]/g, '\\$&')} dated `));
    const report = await el.signFinal({ confirmTemplateText: true });
    expect(report!.references).to.deep.equal([{ sopInstanceUID: measurement.sopInstanceUID, frame: 1 }]);
    expect((await verify(report!.sopInstanceUID)).errors).to.deep.equal([]);
  });

  it('stores a RADPEER peer review of the final report and lists it, leaving the read status alone', async function () {
    this.timeout(30_000);
    const prior = await study('dx-chest-prior');
    const el = await panelFor(prior, { mode: 'peer-review', reader: { name: 'Reviewer^Rita', id: 'R-0100' } });
    const form = el.shadowRoot!.querySelector('form[part~="review"]')!;
    form.querySelector<HTMLInputElement>('input[value="2b"]')!.click();
    form.querySelector('textarea')!.value = 'Small right apical pneumothorax missed.';
    const done = signed(el);
    button(el, 'Submit review').click();
    const review = await done;
    expect(review.status).to.equal('peer-review');
    expect((await verify(review.sopInstanceUID)).errors).to.deep.equal([]);
    await waitUntil(() => el.reports.reviews.length === 1, 'review listed');
    await expect(el).shadowDom.to.be.accessible();
    expect(el.reports.reviews[0]).to.deep.include({ score: '2b', comment: 'Small right apical pneumothorax missed.', reviewedReportUID: el.latest!.sopInstanceUID });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="history"] li[data-status="peer-review"]')!.textContent).to.contain('Reviewer^Rita');
    const documents = await new DicomWebService({ url: '/dicom-web' }).searchReportDocuments([prior.studyInstanceUID]);
    expect(readStatusOf(documents)).to.equal('final');
  });

  it('shows referring physicians the latest report with its banner and no editing controls', async () => {
    const amended = await study('mr-brain-prior');
    const el = await panelFor(amended, { mode: 'referring' });
    expect(el.shadowRoot!.querySelector('[part~="banner"]')!.getAttribute('data-status')).to.equal('amended');
    expect(el.shadowRoot!.querySelector('[part~="banner"]')!.textContent).to.equal('AMENDED');
    expect(el.shadowRoot!.querySelectorAll('textarea, input, select, [part~="actions"]')).to.have.length(0);
    expect(el.shadowRoot!.querySelectorAll('[part~="history"] li')).to.have.length(amended.reports.length);
    expect(el.toFhirDiagnosticReport()?.status, 'changed without addenda').to.equal('amended');
    await expect(el).shadowDom.to.be.accessible();
  });
});
