// What a host page's CSS and a failing engine do to <rad-viewport>: host rules (display: block or
// inline, no height) never take the image away; an image area without size is said, with an event,
// and the image comes once it has one; a failure of the viewer itself is never an archive fault.
import { expect, waitUntil } from '@open-wc/testing';
import { ViewerError, type RadErrorDetail } from '@telerad/core';
import '@telerad/viewport/rad-viewport.js';
import type { RadViewport } from '@telerad/viewport';
import { loadManifest, type ManifestStudy } from '../support/corpus.js';
import { errorState, hasContent, imageArea, pageViewport } from './helpers.js';

/** A viewport on the CT head under the host rule `css`, in the page; with the `rad-error`s it fires. */
function hostedViewport(study: ManifestStudy, css: string): { el: RadViewport; errors: RadErrorDetail[] } {
  const style = document.createElement('style');
  style.textContent = `rad-viewport.hosted { ${css} }`;
  document.head.append(style);
  const hosted = pageViewport('/dicom-web', study.studyInstanceUID, study.series[0].seriesInstanceUID);
  hosted.el.className = 'hosted';
  return hosted;
}

afterEach(() => {
  document.querySelectorAll('rad-viewport.hosted').forEach((el) => el.remove());
  document.head.querySelectorAll('style').forEach((style) => style.textContent?.startsWith('rad-viewport.hosted') && style.remove());
});

// First: Cornerstone must not have started in this page yet.
describe('<rad-viewport> when the viewer itself fails', function () {
  this.timeout(60_000);

  it('reports an engine that does not start as a viewer error, not an archive fault, and starts on the next try', async () => {
    const study = (await loadManifest()).studies.find((s) => s.key === 'ct-head-garcia')!;
    // The viewer's start reads the page's core count after Cornerstone's own initialisation: make
    // that throw, as a broken build or engine would.
    Object.defineProperty(navigator, 'hardwareConcurrency', {
      configurable: true,
      get() {
        throw new TypeError('Class extends value undefined is not a constructor or null');
      },
    });
    try {
      const { el, errors } = hostedViewport(study, 'display: block; height: 300px');
      const state = await errorState(el, 30_000);
      expect(state.textContent).to.contain('The viewer could not start: TypeError: Class extends value undefined');
      expect(state.textContent).not.to.contain('archive');
      expect(errors.map((e) => [e.source, e.error.kind, e.error.status, e.operation])).to.deep.equal([['viewer', 'client', 0, 'load-series']]);
    } finally {
      delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
    }
    const { el, errors } = hostedViewport(study, 'display: block; height: 300px');
    await waitUntil(() => hasContent(el), 'a later viewport starts the engine', { timeout: 30_000 });
    expect(errors).to.deep.equal([]);
  });
});

describe('<rad-viewport> under host CSS', function () {
  this.timeout(60_000);
  let study: ManifestStudy;
  before(async () => {
    study = (await loadManifest()).studies.find((s) => s.key === 'ct-head-garcia')!;
  });

  for (const css of ['display: block', 'display: inline', 'display: block; height: 480px', 'display: inline-block; width: 400px']) {
    it(`shows the image with "${css}"`, async () => {
      const { el, errors } = hostedViewport(study, css);
      await waitUntil(() => hasContent(el), 'image drawn', { timeout: 30_000 });
      const area = imageArea(el).getBoundingClientRect();
      expect(area.height, 'image area height').to.be.greaterThan(150);
      expect(area.width).to.be.greaterThan(150);
      if (css.includes('480px')) expect(el.clientHeight, 'the host keeps its height').to.equal(480);
      expect(errors).to.deep.equal([]);
    });
  }

  it('waits without an error while the host is not rendered (display: none), then shows the image', async () => {
    const { el, errors } = hostedViewport(study, 'display: none');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(el.shadowRoot!.querySelector('[part~="no-size"]')).to.equal(null);
    el.style.display = 'block';
    await waitUntil(() => hasContent(el), 'image drawn once shown', { timeout: 30_000 });
    expect(errors).to.deep.equal([]);
  });

  it('says that an image area with no height has no size, fires rad-error (viewer, no-size), and recovers', async () => {
    const { el, errors } = hostedViewport(study, 'display: block; height: 0; min-height: 0');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="no-size"]'), 'no-size state', { timeout: 10_000 });
    expect(el.shadowRoot!.querySelector('[part~="no-size"]')!.textContent).to.contain('The image area has no size');
    expect(errors.map((e) => [e.source, e.error.kind, e.operation])).to.deep.equal([['viewer', 'no-size', 'layout']]);
    expect(errors[0].error).to.be.instanceOf(ViewerError);
    el.style.height = '300px';
    await waitUntil(() => hasContent(el), 'image drawn once the area has a size', { timeout: 30_000 });
    expect(el.shadowRoot!.querySelector('[part~="no-size"]')).to.equal(null);
  });
});
