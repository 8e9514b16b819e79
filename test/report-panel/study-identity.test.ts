// Every document the report panel stores carries the study's patient, study and request attributes
// exactly as its images have them: the archive may answer study-level queries from the SR, so the
// worklist's priority, description and patient must read the same after each signing.
import { expect, waitUntil } from '@open-wc/testing';
import { stringValue } from '@telerad/core';
import type { Reader } from '@telerad/report-panel';
import { forgetDocumentsNotInCorpus, loadManifest, type ManifestStudy } from '../support/corpus.js';
import { studyAsListed } from '../support/qido.js';
import { button, panelFor, signed } from './helpers.js';

const REVIEWER: Reader = { name: 'Reviewer^Rita', id: 'R-0100' };

describe('documents keep the study as the worklist lists it', () => {
  let target: ManifestStudy;
  before(async () => {
    target = (await loadManifest()).studies.find((s) => s.key === 'ct-head-garcia')!;
  });
  afterEach(async () => {
    document.querySelectorAll('rad-report-panel').forEach((el) => el.remove());
    await forgetDocumentsNotInCorpus(target);
  });

  it('a preliminary, a final, an addendum and a peer review each leave priority, description and patient unchanged', async function () {
    this.timeout(60_000);
    const before = await studyAsListed(target.studyInstanceUID);
    expect(stringValue(before, '00401003'), 'the corpus study is STAT').to.equal(target.priority);
    expect(stringValue(before, '00081030')).to.equal(target.description);
    const el = await panelFor(target);
    const unchangedAfter = async (what: string, sign: () => Promise<unknown>) => {
      await sign();
      expect(await studyAsListed(target.studyInstanceUID), what).to.deep.equal(before);
    };
    await unchangedAfter('preliminary', () => el.signPreliminary({ confirmTemplateText: true }));
    await unchangedAfter('final', () => el.signFinal({ confirmTemplateText: true }));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[name="addendum"]')!.value = 'Neurosurgery informed.';
    const addendum = signed(el);
    button(el, 'Sign addendum').click();
    await unchangedAfter('addendum', () => addendum);
    el.remove();

    const review = await panelFor(target, { reader: REVIEWER, mode: 'peer-review' });
    const form = review.shadowRoot!.querySelector('form[part~="review"]')!;
    form.querySelector<HTMLInputElement>('input[value="1"]')!.click();
    form.querySelector('textarea')!.value = 'Agree.';
    const reviewed = signed(review);
    button(review, 'Submit review').click();
    await unchangedAfter('peer review', () => reviewed);
    await waitUntil(() => review.reports.reviews.length === 1, 'review listed');
  });
});
