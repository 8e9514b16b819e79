// Every story of <rad-viewer> rendered as a fixture against Orthanc.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { RadViewer } from '@telerad/viewer';
import type { TemplateResult } from 'lit';
import * as stories from '../../stories/rad-viewer.stories.js';
import { CODEC_BASE_PATH, hasContent } from '../viewport/helpers.js';

type StoryName = Exclude<keyof typeof stories, 'default'>;

async function renderStory(name: StoryName): Promise<RadViewer> {
  const args = { ...stories.default.args, ...stories[name].args, codecBasePath: CODEC_BASE_PATH };
  return fixture<RadViewer>((stories.default.render as (a: typeof args) => TemplateResult)(args));
}

const drawn = (el: RadViewer, count: number) =>
  waitUntil(() => el.viewports.length === count && el.viewports.every((v) => v.frames.length > 0 && hasContent(v)), `${count} viewports drawn`, { timeout: 60_000 });

describe('rad-viewer stories', function () {
  this.timeout(90_000);

  it('Radiologist lists the worklist', async () => {
    const el = await renderStory('Radiologist');
    await waitUntil(() => el.shadowRoot!.querySelector('rad-study-browser')?.shadowRoot?.querySelector('[part~="row"]'), 'worklist rows', { timeout: 20_000 });
  });

  for (const [name, count] of [
    ['RadiologistStudyOpen', 1],
    ['Grid2x2', 4],
    ['CompareWithPrior', 2],
    ['ReferringIid', 1],
    ['ReferringDark', 1],
  ] as const) {
    it(`${name} draws ${count} viewport(s)`, async () => {
      const el = await renderStory(name);
      await drawn(el, count);
    });
  }

  it('MPR draws the series in three planes with reference lines', async () => {
    const el = await renderStory('MPR');
    await drawn(el, 3);
    expect(el.viewports.map((v) => v.reformat.plane)).to.deep.equal(['axial', 'coronal', 'sagittal']);
    await waitUntil(() => el.viewports.every((v) => v.shadowRoot!.querySelectorAll('[part~="crosshairs"] line').length === 2), 'reference lines');
  });

  it('Fusion draws CT, PET, PET on CT and the PET MIP', async () => {
    const el = await renderStory('Fusion');
    await drawn(el, 4);
    await waitUntil(() => el.viewports[2]?.fusion.state()?.volumeLoaded === 40, 'fused', { timeout: 60_000 });
    // Each view builds its volume on its own: the PET's MIP may come after the fusion.
    await waitUntil(() => el.viewports.every((v) => v.reformat.state()), 'every plane shown', { timeout: 60_000 });
    expect(el.viewports.map((v) => [v.reformat.plane, v.reformat.state()?.slab])).to.deep.equal([
      ['axial', 'thin'],
      ['axial', 'thin'],
      ['axial', 'thin'],
      ['coronal', 'mip'],
    ]);
  });

  for (const [name, text] of [
    ['LaunchProblem', 'is not part of IHE Invoke Image Display'],
    ['NoMatch', 'No study matches this link.'],
    ['SmartConsentDenied', 'Access was not granted in the EHR'],
    ['SmartLaunchExpired', 'The EHR did not accept this launch'],
    ['SmartEhrUnreachable', "The EHR's FHIR server could not be reached"],
  ] as const) {
    it(`${name} explains itself`, async () => {
      const el = await renderStory(name);
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="message"][role="alert"]')?.textContent?.includes(text), text, { timeout: 20_000 });
    });
  }

  it('IdleLock locks', async () => {
    const el = await renderStory('IdleLock');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="locked"]'), 'locked', { timeout: 20_000 });
    expect(el.viewports).to.have.length(0);
  });
});
