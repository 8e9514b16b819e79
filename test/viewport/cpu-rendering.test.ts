// The same display checks with Cornerstone's CPU renderer (no WebGL), and the lazy import.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { windowed } from '@telerad/viewport';
import { loadManifest } from '../support/corpus.js';
import { CODEC_BASE_PATH, displayedAt, rendered, sizeImageArea, voiLutOf } from './helpers.js';
import { DicomWebService } from '@telerad/core';

describe('<rad-viewport> CPU rendering', () => {
  it('shows HU through the DICOM window with the CPU renderer (±1 grey level)', async function () {
    this.timeout(90_000);
    const manifest = await loadManifest();
    const ct = manifest.studies.find((s) => s.key === 'ct-head-garcia')!;
    const el = document.createElement('rad-viewport');
    el.cpuRendering = true;
    el.codecBasePath = CODEC_BASE_PATH;
    el.service = new DicomWebService({ url: '/dicom-web' });
    sizeImageArea(el, 256);
    [el.studyUid, el.seriesUid] = [ct.studyInstanceUID, ct.series[0].seriesInstanceUID];
    const first = oneEvent(el, 'rad-image-rendered');
    document.body.append(el);
    try {
      await el.loaded();
      await first;
      await rendered(el, () => el.showImage(12));
      const window = { center: 40, width: 400 };
      await rendered(el, () => el.setWindow(window));
      for (const region of ct.series[0].truth.regions as { name: string; hu: number; centerPx: [number, number] }[]) {
        expect(displayedAt(el, [region.centerPx[0] - 0.5, region.centerPx[1] - 0.5]), region.name).to.be.closeTo(windowed(region.hu, window), 1);
      }
      expect(el.canvas!.getContext('webgl2'), 'a 2D canvas, no WebGL').to.equal(null);

      const dx = manifest.studies.find((s) => s.key === 'dx-chest-prior')!;
      const lutSeries = dx.series.find((s) => (s.truth as { voiLut?: unknown }).voiLut)!;
      const throughLut = voiLutOf(lutSeries);
      await rendered(el, () => ([el.studyUid, el.seriesUid] = [dx.studyInstanceUID, lutSeries.seriesInstanceUID]));
      await el.loaded();
      expect(el.viewState.voiLut?.index).to.equal(0);
      for (const region of lutSeries.truth.regions as { name: string; stored: number; centerPx: [number, number] }[]) {
        expect(displayedAt(el, [region.centerPx[0] - 0.5, region.centerPx[1] - 0.5]), `${region.name} through the VOI LUT`).to.be.closeTo(255 - throughLut(region.stored), 1);
      }

      // Reformats need WebGL: the element says so and keeps the stack.
      const phantom = manifest.studies.find((s) => s.key === 'ct-volume-phantom')!;
      await rendered(el, () => ([el.studyUid, el.seriesUid] = [phantom.studyInstanceUID, phantom.series[0].seriesInstanceUID]));
      const changed = oneEvent(el, 'rad-view-change');
      el.view = 'coronal';
      const refusal = 'Reformats need WebGL; this page renders without it.';
      expect((await changed).detail).to.deep.equal({ requested: 'coronal', shown: 'stack', refusal });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="refusal"]')?.textContent).to.equal(refusal);
      expect(el.viewState.count).to.equal(48);
    } finally {
      el.remove();
    }
  });
});

describe('lazy loading', () => {
  it('a page that registers <rad-viewport> but shows none never downloads Cornerstone', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe title="lazy"></iframe>`);
    const loaded = oneEvent(frame, 'load');
    frame.src = '/test/viewport/fixtures/lazy.html';
    await loaded;
    const win = frame.contentWindow as Window & { registered?: boolean };
    await waitUntil(() => win.registered, 'elements registered', { timeout: 30_000 });
    const resources = win.performance.getEntriesByType('resource').map((e) => e.name);
    expect(resources.some((name) => name.includes('/packages/viewport/'))).to.equal(true);
    expect(resources.filter((name) => name.includes('@cornerstonejs') || name.includes('vtk.js'))).to.deep.equal([]);
  });
});
