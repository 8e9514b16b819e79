// Frames shared between viewports (one registry that counts its users), patient metadata that
// leaves Cornerstone with the last viewport, and a service provider that arrives late.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { cache } from '@cornerstonejs/core';
import { DicomWebService, RadDicomweb, type RadErrorDetail } from '@telerad/core';
import '@telerad/core/rad-dicomweb.js';
import type { RadViewport } from '@telerad/viewport';
import '@telerad/viewport/rad-viewport.js';
import { loadManifest, type ManifestStudy } from '../support/corpus.js';
import { everythingKnownOf } from '../support/cornerstone-metadata.js';
import { CODEC_BASE_PATH, hasContent, rendered, sizeImageArea, viewportFor } from './helpers.js';

const headStudy = async (): Promise<ManifestStudy> => (await loadManifest()).studies.find((s) => s.key === 'ct-head-garcia')!;

/** A viewport of the study's first series with no archive of its own, not yet in the page. */
function unconnectedViewport(study: ManifestStudy): RadViewport {
  const el = document.createElement('rad-viewport');
  sizeImageArea(el, 128);
  el.codecBasePath = CODEC_BASE_PATH;
  el.studyUid = study.studyInstanceUID;
  el.seriesUid = study.series[0].seriesInstanceUID;
  return el;
}

/** Errors a viewport announces from now on. */
function errorsOf(el: RadViewport): RadErrorDetail[] {
  const errors: RadErrorDetail[] = [];
  el.addEventListener('rad-error', (e) => errors.push(e.detail));
  return errors;
}

/** Scrolls to `index` after the image cache was emptied, so the frame must be fetched again. */
async function showUncached(el: RadViewport, index: number): Promise<void> {
  cache.purgeCache();
  const failed = oneEvent(el, 'rad-error').then((e) => Promise.reject(new Error(`image ${index}: ${e.detail.error.message}`)));
  await Promise.race([rendered(el, () => el.showImage(index)), failed]);
  await waitUntil(() => hasContent(el), `image ${index} drawn`);
}

describe('<rad-viewport> frames shared between viewports', function () {
  this.timeout(60_000);

  it('keeps loading a series after another viewport of the same series closes', async () => {
    const study = await headStudy();
    const first = await viewportFor(study, undefined, 128);
    const second = await viewportFor(study, undefined, 128);
    const errors = errorsOf(second);
    try {
      first.remove();
      await showUncached(second, 10);
      await showUncached(second, 20);
      expect(errors.map((e) => e.error.message)).to.deep.equal([]);
      expect(second.viewState.index).to.equal(20);
    } finally {
      second.remove();
    }
  });

  it('keeps loading a series reloaded with a new token provider, which then signs the requests', async () => {
    const study = await headStudy();
    const archive = document.createElement('rad-dicomweb');
    archive.url = '/dicom-web';
    archive.tokenProvider = async () => 'first-token';
    const el = unconnectedViewport(study);
    archive.append(el);
    document.body.append(archive);
    const errors = errorsOf(el);
    try {
      await el.loaded();
      let asked = 0;
      archive.tokenProvider = async () => {
        asked++;
        return 'second-token';
      };
      await archive.updateComplete;
      await el.loaded();
      await showUncached(el, 12);
      expect(errors.map((e) => e.error.message)).to.deep.equal([]);
      expect(asked, 'the new provider signs the frames fetched after the swap').to.be.above(0);
    } finally {
      archive.remove();
    }
  });

  it('leaves no patient attribute in Cornerstone once no viewport shows the images', async () => {
    const study = await headStudy();
    const first = await viewportFor(study, undefined, 128);
    const second = await viewportFor(study, undefined, 128);
    const imageIds = first.frames.map((f) => f.imageId);
    const patientName = study.patientName!.Alphabetic!.split('^')[0];
    expect(everythingKnownOf(imageIds[0]), 'known while shown').to.contain(patientName);
    first.remove();
    expect(everythingKnownOf(imageIds[0]), 'still shown by the second viewport').to.contain(patientName);
    second.remove();
    for (const imageId of imageIds) expect(everythingKnownOf(imageId)).to.not.contain(patientName).and.not.contain(study.patientId);
  });
});

describe('<rad-viewport> with a late service provider', function () {
  this.timeout(30_000);

  it('waits for an enclosing provider defined after it, instead of failing first', async () => {
    const study = await headStudy();
    const tag = `late-archive-${Date.now()}`;
    const archive = document.createElement(tag);
    archive.setAttribute('url', '/dicom-web');
    const el = unconnectedViewport(study);
    archive.append(el);
    const errors = errorsOf(el);
    document.body.append(archive);
    const loaded = el.loaded();
    try {
      await el.updateComplete;
      // The provider's definition arrives after the element has rendered, within the same frame.
      customElements.define(tag, class extends RadDicomweb {});
      const drawn = oneEvent(el, 'rad-image-rendered');
      await loaded;
      await drawn;
      expect(errors.map((e) => e.error.kind)).to.deep.equal([]);
      expect(el.frames.length).to.equal(24);
    } finally {
      archive.remove();
    }
  });

  it('still says not-configured when no provider comes', async () => {
    const study = await headStudy();
    const el = unconnectedViewport(study);
    const error = oneEvent(el, 'rad-error');
    document.body.append(el);
    try {
      expect((await error).detail.error.kind).to.equal('not-configured');
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="error"]'), 'error state shown');
      // Given a service later, it loads.
      el.service = new DicomWebService({ url: '/dicom-web' });
      await el.loaded();
      expect(el.frames.length).to.equal(24);
    } finally {
      el.remove();
    }
  });
});
