// Bare Cornerstone3D's coronal reformat as an application written against it directly: init, the
// DICOM image loader, `wadors:` image ids with WADO-RS metadata, a streaming image volume on an
// orthographic volume viewport; first reformatted slice drawn, then the whole volume loaded, then
// scrolling through the coronal slices.
import { Enums, eventTarget, RenderingEngine, setVolumesForViewports, volumeLoader } from '@cornerstonejs/core';
import { cornerstoneSeries } from './cornerstone-series.js';
import { hasPixels, record, scrollTimes } from './measure.js';

const imageIds = await cornerstoneSeries();
const element = document.querySelector('#image');
const engine = new RenderingEngine('bench');
engine.enableElement({
  viewportId: 'coronal',
  type: Enums.ViewportType.ORTHOGRAPHIC,
  element,
  defaultOptions: { orientation: Enums.OrientationAxis.CORONAL },
});
const viewport = engine.getViewport('coronal');
element.addEventListener(Enums.Events.IMAGE_RENDERED, () => {
  if (window.__bench.firstImageMs === undefined && hasPixels(viewport.canvas)) record({ firstImageMs: performance.now() });
});
const volumeId = 'cornerstoneStreamingImageVolume:bench';
const volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds });
const loaded = new Promise((resolve) =>
  eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, (e) => e.detail.volumeId === volumeId && resolve()),
);
volume.load();
await setVolumesForViewports(engine, [{ volumeId }], ['coronal']);
viewport.render();
await loaded;
record({ allLoadedMs: performance.now(), frames: imageIds.length });
const drawn = () => new Promise((resolve) => element.addEventListener(Enums.Events.IMAGE_RENDERED, resolve, { once: true }));
const first = viewport.getSliceIndex();
const scroll = await scrollTimes(viewport.getNumberOfSlices() - first, async (index) => {
  const next = drawn();
  viewport.scroll(1);
  await next;
  void index;
});
record({ scroll, done: window.__bench.firstImageMs !== undefined });
