// Every document the report panel stores carries the study's patient, study and request attributes
// exactly as its images have them: the archive may answer study-level queries from the SR, so the
// worklist's priority, description and patient must read the same after each signing.
import { expect, waitUntil } from '@open-wc/testing';
import { DicomWebService, stringValue, type DicomJsonDataset } from '@telerad/core';
import '@telerad/report-panel/rad-report-panel.js';
import type { RadReportPanel, Reader, ReportSignedDetail } from '@telerad/report-panel';
import { loadManifest, type ManifestStudy } from '../support/corpus.js';
import { studyAsListed } from '../support/qido.js';

const READER: Reader = { name: 'Okoye^Daniel^^Dr', id: 'R-0042', organization: 'Telerad Reading Group' };
const REVIEWER: Reader = { name: 'Reviewer^Rita', id: 'R-0100' };

async function forgetNewDocuments(target: ManifestStudy) {
  const corpus = new Set(target.reports.map((r) => r.sopInstanceUID));
  const found = (await (await fetch(`/dicom-web/studies/${target.studyInstanceUID}/instances?Modality=SR`)).json()) as DicomJsonDataset[];
  for (const uid of found.map((d) => stringValue(d, '00080018')!).filter((uid) => !corpus.has(uid))) await fetch(`/__test/forget/${uid}`, { method: 'POST' });
}

async function panelFor(target: ManifestStudy, reader: Reader, mode?: RadReportPanel['mode']): Promise<RadReportPanel> {
  const el = document.createElement('rad-report-panel');
  el.service = new DicomWebService({ url: '/dicom-web' });
  el.reader = reader;
  if (mode) el.mode = mode;
  el.studyUid = target.studyInstanceUID;
  document.body.append(el);
  await el.loaded();
  return el;
}

const signed = (el: RadReportPanel) => new Promise<ReportSignedDetail>((resolve) => el.addEventListener('rad-report-signed', (e) => resolve(e.detail), { once: true }));

describe('documents keep the study as the worklist lists it', () => {
  let target: ManifestStudy;
  before(async () => {
    target = (await loadManifest()).studies.find((s) => s.key === 'ct-head-garcia')!;
  });
  afterEach(async () => {
    document.querySelectorAll('rad-report-panel').forEach((el) => el.remove());
    await forgetNewDocuments(target);
  });

  it('a preliminary, a final, an addendum and a peer review each leave priority, description and patient unchanged', async function () {
    this.timeout(60_000);
    const before = await studyAsListed(target.studyInstanceUID);
    expect(stringValue(before, '00401003'), 'the corpus study is STAT').to.equal(target.priority);
    expect(stringValue(before, '00081030')).to.equal(target.description);
    const el = await panelFor(target, READER);
    const unchangedAfter = async (what: string, sign: () => Promise<unknown>) => {
      await sign();
      expect(await studyAsListed(target.studyInstanceUID), what).to.deep.equal(before);
    };
    await unchangedAfter('preliminary', () => el.signPreliminary({ confirmTemplateText: true }));
    await unchangedAfter('final', () => el.signFinal({ confirmTemplateText: true }));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[name="addendum"]')!.value = 'Neurosurgery informed.';
    const addendum = signed(el);
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Sign addendum')!.click();
    await unchangedAfter('addendum', () => addendum);
    el.remove();

    const review = await panelFor(target, REVIEWER, 'peer-review');
    const form = review.shadowRoot!.querySelector('form[part~="review"]')!;
    form.querySelector<HTMLInputElement>('input[value="1"]')!.click();
    form.querySelector('textarea')!.value = 'Agree.';
    const reviewed = signed(review);
    [...review.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Submit review')!.click();
    await unchangedAfter('peer review', () => reviewed);
    await waitUntil(() => review.reports.reviews.length === 1, 'review listed');
  });
});
