// Server faults while a series loads (scripts/lib/fault-injection.mjs): an image the archive fails
// to send is shown as failed, the rest load, the loading bar ends, and the image is drawn once the
// archive answers again; metadata refused, then given on the next visit; a token that expires
// mid-series is refreshed once and the series goes on.
import { expect, waitUntil } from '@open-wc/testing';
import { cache } from '@cornerstonejs/core';
import { DicomWebService, type RadErrorDetail, type TokenProvider } from '@telerad/core';
import type { RadViewport } from '@telerad/viewport';
import '@telerad/viewport/rad-viewport.js';
import { study, type ManifestStudy } from '../support/corpus.js';
import { CODEC_BASE_PATH, hasContent, rendered, sizeImageArea } from './helpers.js';

const FAULTY_ARCHIVE = '/__quirks/faults/dicom-web';

/** Rules of the archive's faults for the following requests; none heals it. */
const setFaults = (rules: { match: string; fault: string; after?: number }[]) => fetch('/__test/faults', { method: 'PUT', body: JSON.stringify(rules) });

function viewportOn(head: ManifestStudy, options: { timeoutMs?: number; tokenProvider?: TokenProvider } = {}): { el: RadViewport; errors: RadErrorDetail[] } {
  const el = document.createElement('rad-viewport');
  sizeImageArea(el, 128);
  el.service = new DicomWebService({ url: FAULTY_ARCHIVE, ...options });
  el.codecBasePath = CODEC_BASE_PATH;
  el.studyUid = head.studyInstanceUID;
  el.seriesUid = head.series[0].seriesInstanceUID;
  const errors: RadErrorDetail[] = [];
  el.addEventListener('rad-error', (e) => errors.push(e.detail));
  document.body.append(el);
  return { el, errors };
}

/** The loading bar has gone: every image settled, drawn or failed. */
const settled = (el: RadViewport) => waitUntil(() => el.frames.length > 0 && !el.shadowRoot!.querySelector('[part~="progress"]'), 'loading bar gone', { timeout: 20_000 });

const imageError = (el: RadViewport) => el.shadowRoot!.querySelector('[part~="image-error"]');

describe('<rad-viewport> under archive faults', function () {
  this.timeout(60_000);
  // Each test's images come from the archive, not from the last test's decoded images.
  beforeEach(() => cache.purgeCache());
  afterEach(async () => {
    await setFaults([]);
    document.querySelectorAll('rad-viewport').forEach((el) => el.remove());
  });

  for (const [fault, kind] of [
    ['500', 'server'],
    ['404', 'not-found'],
    ['drop', 'network'],
    ['stall', 'timeout'],
  ] as const) {
    it(`shows the image the archive fails to send (${fault}) as failed, loads the rest, and draws it once the archive answers`, async () => {
      const head = await study('ct-head-garcia');
      const failing = head.series[0].sopInstanceUIDs[10];
      await setFaults([{ match: `/instances/${failing}`, fault }]);
      const { el, errors } = viewportOn(head, { timeoutMs: 3_000 });
      await el.loaded();
      await settled(el);
      const k = el.frames.findIndex((f) => f.sopInstanceUID === failing);
      expect(errors.map((e) => [e.error.kind, e.source, e.operation])).to.deep.equal([[kind, 'archive', 'load-image']]);
      void el.showImage(k);
      await waitUntil(() => imageError(el), `image ${k + 1} shown as failed`, { timeout: 10_000 });
      expect(imageError(el)!.textContent).to.contain(`${k + 1}`);
      expect(el.viewState.failed).to.equal(true);
      await rendered(el, () => el.showImage(k === 0 ? 1 : k - 1));
      expect(imageError(el), 'a neighbour is drawn').to.equal(null);

      await setFaults([]);
      await rendered(el, () => el.showImage(k));
      await waitUntil(() => !imageError(el) && hasContent(el), 'drawn after the archive recovered');
      expect(el.viewState.failed).to.equal(false);
    });
  }

  it('says the archive failed when the series metadata answers 500, and loads on the next visit', async () => {
    const head = await study('ct-head-garcia');
    await setFaults([{ match: '/metadata', fault: '500' }]);
    const { el, errors } = viewportOn(head);
    await el.loaded().catch(() => undefined);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="error"]'), 'error state');
    expect(el.shadowRoot!.querySelector('[part~="progress"]'), 'no loading bar').to.equal(null);
    expect(errors.map((e) => [e.error.kind, e.source])).to.deep.equal([['server', 'archive']]);
    await setFaults([]);
    const page = el.parentElement!;
    el.remove();
    page.append(el);
    await el.loaded();
    await settled(el);
    expect(el.frames).to.have.length(24);
    expect(el.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
  });

  it('asks the host once for a fresh token when it expires mid-series, and the series goes on', async () => {
    const head = await study('ct-head-garcia');
    await setFaults([{ match: '/frames/', fault: 'expired', after: 3 }]);
    let token = 'issued-token';
    const { el, errors } = viewportOn(head, { tokenProvider: async () => token });
    let refreshes = 0;
    el.addEventListener('rad-auth-required', (e) => {
      refreshes++;
      token = 'fresh-token';
      e.detail.waitUntil(Promise.resolve());
    });
    await el.loaded();
    await settled(el);
    expect(errors.map((e) => e.error.kind)).to.deep.equal([]);
    expect(refreshes).to.equal(1);
    for (const index of [5, 23]) {
      await rendered(el, () => el.showImage(index));
      expect(el.viewState.failed, `image ${index + 1}`).to.equal(false);
    }
  });
});
