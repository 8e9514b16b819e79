// Every story of <rad-report-panel> rendered as a fixture: live ones against Orthanc (nothing is
// stored), the failure states with stand-ins for the archive's answers.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { RadReportPanel } from '@telerad/report-panel';
import type { TemplateResult } from 'lit';
import * as stories from '../../stories/rad-report-panel.stories.js';

type StoryName = Exclude<keyof typeof stories, 'default'>;

async function renderStory(name: StoryName): Promise<RadReportPanel> {
  const args = { ...stories.default.args, ...stories[name].args };
  return fixture<RadReportPanel>((stories.default.render as (a: typeof args) => TemplateResult)(args));
}

const part = (el: RadReportPanel, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const shown = (el: RadReportPanel, name: string) => waitUntil(() => part(el, name), `${name} shown`, { timeout: 15_000 });

describe('rad-report-panel stories', function () {
  this.timeout(30_000);

  for (const [name, status] of [
    ['Draft', 'draft'],
    ['DraftCritical', 'draft'],
    ['NoReader', 'draft'],
    ['Preliminary', 'preliminary'],
    ['Final', 'final'],
    ['Amended', 'amended'],
    ['FinalAddendum', 'final'],
    ['PeerReview', 'final'],
  ] as const) {
    it(`${name} shows a ${status} report`, async () => {
      const el = await renderStory(name);
      await shown(el, 'banner');
      expect(part(el, 'banner')!.dataset.status).to.equal(status);
    });
  }

  it('DraftCritical shows the communication record; NoReader cannot sign', async () => {
    const critical = await renderStory('DraftCritical');
    await waitUntil(() => part(critical, 'critical')?.textContent?.includes('Dr. Ramos (ED)'), 'record shown', { timeout: 15_000 });
    const noReader = await renderStory('NoReader');
    await shown(noReader, 'actions');
    expect([...part(noReader, 'actions')!.querySelectorAll('button')].every((b) => b.disabled)).to.equal(true);
    expect(noReader.shadowRoot!.textContent).to.contain('No reader is signed in');
  });

  it('FinalAddendum offers the addendum form; PeerReview the RADPEER scores; referring stories no controls', async () => {
    const addendum = await renderStory('FinalAddendum');
    await waitUntil(() => addendum.shadowRoot!.querySelector('textarea[name="addendum"]'), 'addendum form', { timeout: 15_000 });
    const review = await renderStory('PeerReview');
    await shown(review, 'review');
    expect(part(review, 'review')!.querySelectorAll('input[name="score"]')).to.have.length(7);
    const final = await renderStory('Final');
    await shown(final, 'report');
    expect(final.shadowRoot!.querySelectorAll('textarea, input, select, button:not(.link)')).to.have.length(0);
  });

  it('NoReport says there is none', async () => {
    const el = await renderStory('NoReport');
    await waitUntil(() => el.shadowRoot!.textContent!.includes('No report yet.'), 'empty state', { timeout: 15_000 });
  });

  for (const [name, text] of [
    ['StoreFailed', 'The report was not stored'],
    ['Conflict', 'Another report was signed'],
    ['SignedAtTheSameTime', 'at the same time as yours'],
    ['LoadFailed', 'internal error'],
    ['TemplateTextUnconfirmed', 'not edited: Findings, Impression.'],
    ['CriticalNotCommunicated', 'Record who was told'],
  ] as const) {
    it(`${name} says so`, async () => {
      const el = await renderStory(name);
      await waitUntil(() => part(el, 'alert')?.textContent?.includes(text), `${name} alert`, { timeout: 15_000 });
      if (name === 'StoreFailed') expect(el.getDraft()!.sections.findings).to.equal('Acute left subdural haematoma, 8 mm thick.');
    });
  }

  it('Loading shows the loading state', async () => {
    const el = await renderStory('Loading');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="status"]')?.textContent?.includes('Loading report'), 'loading', { timeout: 10_000 });
  });
});
