// Every story of <rad-study-browser> rendered as a fixture, so the design states stay real.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { setRadLocale } from '@telerad/core';
import type { RadStudyBrowser } from '@telerad/study-browser';
import type { TemplateResult } from 'lit';
import * as stories from '../../stories/rad-study-browser.stories.js';
import { SAMPLE_STUDIES } from '../../stories/support/study-fixtures.js';
import { loadManifest } from '../support/corpus.js';
import { cell, part, rows, seriesRows, settled } from '../study-browser/helpers.js';

type StoryName = Exclude<keyof typeof stories, 'default'>;

async function renderStory(name: StoryName): Promise<RadStudyBrowser> {
  const story = stories[name];
  const args = { ...stories.default.args, ...story.args };
  const render = (story.render ?? stories.default.render) as (a: typeof args) => TemplateResult;
  const root = await fixture(render(args));
  const el = (root.localName === 'rad-study-browser' ? root : root.querySelector('rad-study-browser')) as RadStudyBrowser;
  await settled(el);
  return el;
}

describe('rad-study-browser stories', () => {
  afterEach(() => setRadLocale('en'));

  it('Live lists the corpus through <rad-dicomweb>', async () => {
    const el = await renderStory('Live');
    expect(rows(el)).to.have.length((await loadManifest()).studies.length);
  });

  for (const name of ['Worklist', 'Dark'] as const) {
    it(`${name}: STAT first, statuses, an overdue clock, markup as text`, async () => {
      const el = await renderStory(name);
      expect(rows(el)).to.have.length(SAMPLE_STUDIES.length);
      expect(rows(el).slice(0, 2).map((r) => cell(r, 'priority'))).to.deep.equal(['STAT', 'STAT']);
      await waitUntil(() => rows(el).some((r) => cell(r, 'readStatus') === 'Final'));
      expect(rows(el).map((r) => cell(r, 'readStatus'))).to.include.members(['Preliminary', 'Final', 'Unread']);
      expect(el.shadowRoot!.querySelector('[data-overdue]')).to.exist;
      expect(el.shadowRoot!.textContent).to.contain('<img src=x onerror=alert(1)>');
      expect(el.shadowRoot!.querySelector('[role="row"] img')).to.equal(null);
    });
  }

  it('German is translated', async () => {
    const el = await renderStory('German');
    await waitUntil(() => cell(rows(el)[0], 'priority') === 'Notfall');
  });

  it('ExpandedSeries shows series rows with thumbnails', async () => {
    const el = await renderStory('ExpandedSeries');
    await waitUntil(() => seriesRows(el).length === 3);
    await waitUntil(() => seriesRows(el)[0].querySelector('rad-series-thumbnail')!.shadowRoot!.querySelector('img'), 'thumbnail', { timeout: 5000 });
  });

  it('Priors lists the other study of the patient', async () => {
    const el = await renderStory('Priors');
    await waitUntil(() => part(el, 'priors')?.querySelectorAll('li').length === 1);
  });

  it('FiveHundredRows and Paged render their pages', async () => {
    expect(rows(await renderStory('FiveHundredRows'))).to.have.length(500);
    const paged = await renderStory('Paged');
    expect(rows(paged)).to.have.length(20);
    expect(part(paged, 'toolbar')!.textContent).to.contain('Studies 1–20');
  });

  it('Loading stays in the loading state', async () => {
    const story = stories.Loading;
    const render = stories.default.render as (a: unknown) => TemplateResult;
    const el = (await fixture(render({ ...stories.default.args, ...story.args }))) as RadStudyBrowser;
    await new Promise((r) => setTimeout(r, 300));
    expect(part(el, 'loading')).to.exist;
  });

  it('Empty and Filtered restate or apply the query', async () => {
    expect(part(await renderStory('Empty'), 'empty')!.textContent).to.contain('“Nobody”').and.contain('MR');
    const filtered = await renderStory('Filtered');
    expect(filtered.shadowRoot!.querySelector<HTMLSelectElement>('select[name="datePreset"]')!.value).to.equal('last-7-days');
  });

  it('Facilities filters one facility; AllMyFacilities shows the studies of both, not the third', async () => {
    const facilities = stories.Facilities.args!.facilities!;
    const one = await renderStory('Facilities');
    const select = one.shadowRoot!.querySelector<HTMLSelectElement>('select[name="institution"]')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Any facility', 'All my facilities', ...facilities]);
    const all = await renderStory('AllMyFacilities');
    expect(all.shadowRoot!.querySelector<HTMLSelectElement>('select[name="institution"]')!.selectedOptions[0].textContent!.trim()).to.equal('All my facilities');
    const expected = SAMPLE_STUDIES.filter((s) => facilities.includes(s.institution!));
    expect(expected.length).to.be.lessThan(SAMPLE_STUDIES.length);
    expect(rows(all).map((r) => r.dataset.studyUid).sort()).to.deep.equal(expected.map((s) => s.studyInstanceUID).sort());
  });

  for (const [name, text] of [
    ['ServerError', 'HTTP 500'],
    ['Unreachable', 'could not be reached'],
    ['TimedOut', 'did not answer in time'],
    ['Unauthorized', 'Sign-in is required'],
  ] as const) {
    it(`${name} shows "${text}" with a retry button`, async () => {
      const el = await renderStory(name);
      expect(part(el, 'error')!.textContent).to.contain(text);
      expect(part(el, 'retry')).to.exist;
    });
  }
});
