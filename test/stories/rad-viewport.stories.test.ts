// Every story of <rad-viewport> rendered as a fixture: live ones against Orthanc, states as stand-ins.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { getEnabledElements } from '@cornerstonejs/core';
import { ToolGroupManager } from '@cornerstonejs/tools';
import type { RadViewport } from '@telerad/viewport';
import type { TemplateResult } from 'lit';
import * as stories from '../../stories/rad-viewport.stories.js';
import { CODEC_BASE_PATH, hasContent } from '../viewport/helpers.js';

type StoryName = Exclude<keyof typeof stories, 'default'>;

async function renderStory(name: StoryName): Promise<RadViewport> {
  const args = { ...stories.default.args, ...stories[name].args, codecBasePath: CODEC_BASE_PATH };
  return fixture<RadViewport>((stories.default.render as (a: typeof args) => TemplateResult)(args));
}

describe('rad-viewport stories', function () {
  this.timeout(90_000);

  for (const name of ['CT', 'CTLength', 'CTEllipseROI', 'MR', 'PET', 'DXMonochrome1', 'USCine', 'XAMultiframe', 'CompressedJPEG2000'] as const) {
    it(`${name} finds its series in the archive and draws it`, async () => {
      const el = await renderStory(name);
      await waitUntil(() => hasContent(el), `${name} drawn`, { timeout: 60_000 });
      const tool = stories[name].args?.activeTool ?? 'WindowLevel';
      expect(el.activeTool).to.equal(tool);
      // The attribute reached Cornerstone: the tool is on the primary button of this viewport.
      const enabled = getEnabledElements().find((e) => e.viewport.element === el.shadowRoot!.querySelector('.cornerstone'))!;
      expect(ToolGroupManager.getToolGroupForViewport(enabled.viewportId, enabled.renderingEngineId)!.getActivePrimaryMouseButtonTool()).to.equal(tool);
      expect(el.shadowRoot!.querySelector('[part~="overlay"]')).to.exist;
    });
  }

  for (const [name, plane] of [
    ['CoronalReformat', 'coronal'],
    ['SagittalMIP', 'sagittal'],
  ] as const) {
    it(`${name} draws its ${plane} reformat`, async () => {
      const el = await renderStory(name);
      await waitUntil(() => el.reformat.plane === plane && hasContent(el), `${name} drawn`, { timeout: 60_000 });
      expect(el.reformat.state()!.slab).to.equal(stories[name].args?.slab ?? 'thin');
    });
  }

  for (const [name, colormap, opacity] of [
    ['PETCTFusion', 'hot-iron', 0.5],
    ['PETCTFusionRainbow', 'rainbow', 0.7],
  ] as const) {
    it(`${name} fuses the PET onto the axial CT`, async () => {
      const el = await renderStory(name);
      await waitUntil(() => el.fusion.state()?.volumeLoaded === 40, `${name} fused`, { timeout: 60_000 });
      expect(el.fusion.state()).to.deep.include({ colormap, opacity, unit: 'SUVbw' });
      expect(el.canvas).to.equal(el.fusion.canvas);
    });
  }

  it('ReformatRefused keeps the tilted scan on the stack and says why', async () => {
    const el = await renderStory('ReformatRefused');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="refusal"]'), 'refusal', { timeout: 60_000 });
    expect(el.shadowRoot!.querySelector('[part~="refusal"]')!.textContent).to.equal('Gantry tilt 12°: not reformatted.');
    // Said as soon as the slices are known; the stack draws meanwhile.
    await waitUntil(() => hasContent(el), 'the stack drawn', { timeout: 60_000 });
  });

  it('Loading shows the loading state', async () => {
    const el = await renderStory('Loading');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="status"]'), 'loading', { timeout: 30_000 });
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Loading series');
  });

  for (const [name, kind, text] of [
    ['NotFound', 'not-found', 'was not found'],
    ['Unauthorized', 'unauthorized', 'Sign-in is required'],
    ['NoImages', 'unsupported', 'cannot be displayed'],
  ] as const) {
    it(`${name} shows the ${kind} error`, async () => {
      const el = await renderStory(name);
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="error"]'), 'error state', { timeout: 30_000 });
      const error = el.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!;
      expect(error.dataset.kind).to.equal(kind);
      expect(error.textContent).to.contain(text);
    });
  }
});
