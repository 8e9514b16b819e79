// Every story of <rad-study-browser> rendered as a fixture, so the design states stay real.
import { expect, fixture } from '@open-wc/testing';
import type { RadStudyBrowser } from '@telerad/study-browser';
import type { TemplateResult } from 'lit';
import * as stories from '../../stories/rad-study-browser.stories.js';
import { loadManifest } from '../support/corpus.js';
import { part, rows, settled } from '../study-browser/helpers.js';

type StoryName = Exclude<keyof typeof stories, 'default'>;

async function renderStory(name: StoryName): Promise<RadStudyBrowser> {
  const story = stories[name];
  const args = { ...stories.default.args, ...story.args };
  const render = (story.render ?? stories.default.render) as (a: typeof args) => TemplateResult;
  const root = await fixture(render(args));
  const el = (root.localName === 'rad-study-browser' ? root : root.querySelector('rad-study-browser')) as RadStudyBrowser;
  return el;
}

describe('rad-study-browser stories', () => {
  it('Live lists the corpus through <rad-dicomweb>', async () => {
    const el = await renderStory('Live');
    await settled(el);
    expect(rows(el)).to.have.length((await loadManifest()).studies.length);
  });

  for (const name of ['Worklist', 'Dark'] as const) {
    it(`${name} shows every sample row with markup as text`, async () => {
      const el = await renderStory(name);
      await settled(el);
      expect(rows(el)).to.have.length(5);
      expect(el.shadowRoot!.textContent).to.contain('<img src=x onerror=alert(1)>');
      expect(el.shadowRoot!.querySelector('tbody img')).to.equal(null);
    });
  }

  it('Loading stays in the loading state', async () => {
    const el = await renderStory('Loading');
    await new Promise((r) => setTimeout(r, 300));
    expect(part(el, 'loading')).to.exist;
  });

  it('Empty restates the query', async () => {
    const el = await renderStory('Empty');
    await settled(el);
    expect(part(el, 'empty')!.textContent).to.contain('Nobody');
  });

  for (const [name, text] of [
    ['ServerError', 'HTTP 500'],
    ['Unreachable', 'could not be reached'],
    ['Unauthorized', 'Sign-in is required'],
  ] as const) {
    it(`${name} shows "${text}" with a retry button`, async () => {
      const el = await renderStory(name);
      await settled(el);
      expect(part(el, 'error')!.textContent).to.contain(text);
      expect(part(el, 'retry')).to.exist;
    });
  }
});
