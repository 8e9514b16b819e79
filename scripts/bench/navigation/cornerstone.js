// Bare Cornerstone3D as an application written against it directly: init, the DICOM image loader,
// a stack viewport with `wadors:` image ids and WADO-RS metadata, then every image loaded and cached.
import { Enums, imageLoader, RenderingEngine } from '@cornerstonejs/core';
import { cornerstoneSeries } from './cornerstone-series.js';
import { hasPixels, record, scrollTimes } from './measure.js';

const imageIds = await cornerstoneSeries();
const element = document.querySelector('#image');
const engine = new RenderingEngine('bench');
engine.enableElement({ viewportId: 'stack', type: Enums.ViewportType.STACK, element });
const viewport = engine.getViewport('stack');
element.addEventListener(
  Enums.Events.IMAGE_RENDERED,
  () => {
    if (window.__bench.firstImageMs === undefined && hasPixels(viewport.canvas)) record({ firstImageMs: performance.now() });
  },
);
await viewport.setStack(imageIds, 0);
await Promise.all(imageIds.map((imageId) => imageLoader.loadAndCacheImage(imageId)));
record({ allLoadedMs: performance.now(), frames: imageIds.length });
const drawn = () => new Promise((resolve) => element.addEventListener(Enums.Events.IMAGE_RENDERED, resolve, { once: true }));
const scroll = await scrollTimes(imageIds.length, async (index) => {
  const next = drawn();
  await viewport.setImageIdIndex(index);
  await next;
});
record({ scroll, done: window.__bench.firstImageMs !== undefined });
