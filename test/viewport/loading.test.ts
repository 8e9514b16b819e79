import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { DicomWebService } from '@telerad/core';
import { DEFAULT_CACHE_MB, imageCacheUsage, WORKER_REQUEST_MARK, type FirstImageDetail, type LoadProgressDetail, type RadViewport } from '@telerad/viewport';
import '@telerad/viewport/rad-viewport.js';
import { study } from '../support/corpus.js';
import { CODEC_BASE_PATH, displayedAt, requestedSince, sizeImageArea } from './helpers.js';

/** A viewport on `url` asked for a series; resolves with its first-image detail and, if early, the early canvas' greys then. */
async function open(url: string, studyUid: string, seriesUid: string) {
  const el = document.createElement('rad-viewport');
  sizeImageArea(el, 256);
  el.service = new DicomWebService({ url });
  el.codecBasePath = CODEC_BASE_PATH;
  [el.studyUid, el.seriesUid] = [studyUid, seriesUid];
  const events: FirstImageDetail[] = [];
  let early: ImageData | undefined;
  el.addEventListener('rad-first-image', (e) => {
    events.push(e.detail);
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('[part~="first-image"]')!;
    // Read at once: what the reader saw before the engine drew.
    if (e.detail.early) early = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  });
  const engineDrew = oneEvent(el, 'rad-image-rendered');
  document.body.append(el);
  await el.loaded();
  await engineDrew;
  return { el, events, early: () => early };
}

/** Resolves once every image of the series has settled (the progress bar is gone). */
const allLoaded = (el: RadViewport) => waitUntil(() => el.frames.length > 0 && !el.shadowRoot!.querySelector('[part~="progress"]'), 'series loaded', { timeout: 30_000 });

/**
 * Requests under a URL prefix, the page's (resource timing) and its workers' (their marks): series
 * retrievals and frame requests.
 */
function requests(prefix: string) {
  const entries = requestedSince().filter((name) => name.includes(prefix));
  return { series: entries.filter((name) => /\/series\/[0-9.]+$/.test(name)).length, frames: entries.filter((name) => name.includes('/frames/')).length };
}

describe('<rad-viewport> loading: early first image, series retrieved at once', () => {
  beforeEach(() => {
    performance.setResourceTimingBufferSize(10_000);
    performance.clearResourceTimings();
    performance.clearMarks(WORKER_REQUEST_MARK);
  });

  it('draws an uncompressed first image before the engine, with the greys the engine then shows, and hands over', async () => {
    const ct = await study('ct-phantom');
    const { el, events, early } = await open('/dicom-web', ct.studyInstanceUID, ct.series[0].seriesInstanceUID);
    try {
      expect(events.map((e) => [e.early, e.sopInstanceUID])).to.deep.equal([[true, el.frames[0].sopInstanceUID]]);
      const image = early()!;
      expect([image.width, image.height]).to.deep.equal([512, 512]);
      // Water, air and the water's edge region of slice 1, at pixel centres well inside each.
      for (const [column, row] of [[256, 256], [20, 20], [256, 120], [120, 256], [400, 400]] as const) {
        const earlyGrey = image.data[(row * image.width + column) * 4];
        expect(Math.abs(earlyGrey - displayedAt(el, [column + 0.5, row + 0.5])), `grey at ${column},${row}`).to.be.at.most(2);
      }
      const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('[part~="first-image"]')!;
      expect(getComputedStyle(canvas).visibility, 'the early canvas gives way to the engine').to.equal('hidden');
    } finally {
      el.remove();
    }
  });

  it('leaves a compressed first image to the engine, and says so', async () => {
    const compressed = await study('ct-compression');
    const series = compressed.series.find((s) => s.transferSyntax === 'jpegLsLossless')!;
    const { el, events } = await open('/dicom-web', compressed.studyInstanceUID, series.seriesInstanceUID);
    try {
      expect(events.map((e) => e.early)).to.deep.equal([false]);
    } finally {
      el.remove();
    }
  });

  it('retrieves the series in one request, and frame by frame from a server that refuses it, with the same pixels', async () => {
    const ct = await study('ct-phantom');
    const seriesUid = ct.series[0].seriesInstanceUID;
    const at = ['/dicom-web', '/__quirks/no-series-retrieval/dicom-web'];
    const [bulk, frames] = await Promise.all(at.map((url) => open(url, ct.studyInstanceUID, seriesUid).then(({ el }) => el)));
    try {
      await Promise.all([allLoaded(bulk), allLoaded(frames)]);
      const count = ct.series[0].instanceCount;
      const origin = location.origin;
      // Chromium may add a request's timing entry a moment after its body was read: wait for the count to
      // reach the series, then require it exactly (no more requests than images).
      const refusing = `${origin}/__quirks/no-series-retrieval/`;
      await waitUntil(() => requests(refusing).frames >= count, 'every frame request timed', { timeout: 5_000 }).catch(() => undefined);
      expect(requests(`${origin}/dicom-web/studies/${ct.studyInstanceUID}`), 'one series request, the first frame alone').to.deep.equal({ series: 1, frames: 1 });
      expect(requests(refusing), 'refused once, then every frame').to.deep.equal({ series: 1, frames: count });
      // Both retrievals were sent by the series reader's worker, so the network did not wait for the page's thread.
      const seriesUrl = `${origin}/dicom-web/studies/${ct.studyInstanceUID}/series/${seriesUid}`;
      const byWorker = performance.getEntriesByName(WORKER_REQUEST_MARK).map((e) => (e as PerformanceMark).detail.url);
      expect([...byWorker].sort(), 'sent by the worker').to.deep.equal([seriesUrl, seriesUrl.replace('/dicom-web/', '/__quirks/no-series-retrieval/dicom-web/')].sort());
      expect(performance.getEntriesByType('resource').filter((e) => e.name === seriesUrl), 'not by the page').to.deep.equal([]);
      for (const index of [10, 50, 99]) {
        await Promise.all([bulk.showImage(index), frames.showImage(index)]);
        for (const point of [[153.6, 358.4], [358.4, 153.6], [256, 256], [176.5, 256.5]] as const) {
          expect(displayedAt(bulk, point), `image ${index} at ${point}`).to.equal(displayedAt(frames, point));
        }
      }
      // The refusal is remembered for that server: a second series there is not asked for at once.
      const again = await open(at[1], ct.studyInstanceUID, seriesUid);
      await allLoaded(again.el);
      again.el.remove();
      expect(requests(refusing).series).to.equal(1);
    } finally {
      bulk.remove();
      frames.remove();
    }
  });

  it('reads the series on the page where the page refuses workers, with every image', async function () {
    this.timeout(60_000);
    const ct = await study('ct-phantom');
    const series = ct.series[0];
    const frame = await fixture<HTMLIFrameElement>(html`<iframe title="no workers" style="width: 500px; height: 500px"></iframe>`);
    const loaded = oneEvent(frame, 'load');
    frame.src = `/test/viewport/fixtures/no-workers.html?study=${ct.studyInstanceUID}&series=${series.seriesInstanceUID}`;
    await loaded;
    const win = frame.contentWindow as Window & { refused?: string[]; errors?: string[] };
    const el = () => win.document.querySelector('rad-viewport') as RadViewport | null;
    await waitUntil(() => el()?.frames.length && !el()!.shadowRoot!.querySelector('[part~="progress"]'), 'series loaded', { timeout: 30_000 });
    expect(win.refused, 'the worker was tried and refused').to.include('worker-src');
    const seriesUrl = `${location.origin}/dicom-web/studies/${ct.studyInstanceUID}/series/${series.seriesInstanceUID}`;
    const asked = win.performance.getEntriesByType('resource').map((e) => e.name);
    expect(asked.filter((url) => url === seriesUrl), 'retrieved once, by the page').to.have.length(1);
    expect(asked.filter((url) => url.includes('/frames/')), 'the first image alone, the rest from the series').to.have.length(1);
    expect(win.performance.getEntriesByName(WORKER_REQUEST_MARK)).to.deep.equal([]);
    expect([el()!.frames.length, win.errors]).to.deep.equal([series.instanceCount, []]);
  });

  it('asks frame by frame where the quirks say so', async () => {
    const mr = await study('mr-brain');
    const el = document.createElement('rad-viewport');
    sizeImageArea(el, 128);
    el.service = new DicomWebService({ url: '/__quirks/relative-bulkdata/dicom-web', quirks: { seriesRetrieval: 'frames' } });
    [el.studyUid, el.seriesUid] = [mr.studyInstanceUID, mr.series[0].seriesInstanceUID];
    document.body.append(el);
    try {
      await el.loaded();
      await allLoaded(el);
      expect(requests(`${location.origin}/__quirks/relative-bulkdata/`)).to.deep.equal({ series: 0, frames: mr.series[0].instanceCount });
    } finally {
      el.remove();
    }
  });

  it("keeps the page's decoded images within cache-size: loads ahead what fits, scrolls end to end, brings back what it dropped", async () => {
    const ct = await study('ct-phantom');
    const series = ct.series[0];
    const bound = 4 * 2 ** 20;
    const el = document.createElement('rad-viewport');
    sizeImageArea(el, 128);
    el.cacheSize = 4;
    el.service = new DicomWebService({ url: '/dicom-web' });
    [el.studyUid, el.seriesUid] = [ct.studyInstanceUID, series.seriesInstanceUID];
    const progress: LoadProgressDetail[] = [];
    el.addEventListener('rad-load-progress', (e) => progress.push(e.detail));
    document.body.append(el);
    try {
      await el.loaded();
      await allLoaded(el);
      // 512² signed 16-bit: 512 KiB each, so seven fit in nine tenths of 4 MiB.
      expect(progress.at(-1)).to.deep.equal({ loaded: 7, total: 7 });
      expect((await imageCacheUsage()).maxBytes).to.equal(bound);
      const centre = [256, 256] as const;
      const waterGrey = displayedAt(el, centre);
      let most = 0;
      for (let index = 1; index < series.instanceCount; index++) {
        await el.showImage(index);
        expect([el.viewState.index, el.viewState.failed], `image ${index}`).to.deep.equal([index, false]);
        most = Math.max(most, (await imageCacheUsage()).usedBytes);
      }
      expect(most, 'never above the bound').to.be.at.most(bound);
      expect(most, 'the bound was reached').to.be.greaterThan(bound - 2 * 512 * 1024);
      // The bone insert of a middle slice, then the first image again: both loaded anew.
      await el.showImage(50);
      const bone = (series.truth as { regions: { name: string; centerPx: [number, number] }[] }).regions.find((r) => r.name === 'bone')!.centerPx;
      expect(displayedAt(el, bone)).to.equal(255);
      await el.showImage(0);
      expect(displayedAt(el, centre)).to.equal(waterGrey);
    } finally {
      el.cacheSize = DEFAULT_CACHE_MB;
      await el.updateComplete;
      el.remove();
    }
  });
});
