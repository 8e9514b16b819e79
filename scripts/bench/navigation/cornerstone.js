// Bare Cornerstone3D as an application written against it directly: init, the DICOM image loader,
// a stack viewport with `wadors:` image ids and WADO-RS metadata, then every image loaded and cached.
import { Enums, imageLoader, init, RenderingEngine } from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { hasPixels, record, scrollTimes, seriesInstances, seriesRoot } from './measure.js';

const [instances] = await Promise.all([seriesInstances(), init()]);
dicomImageLoader.init({ maxWebWorkers: Math.max(1, Math.floor((navigator.hardwareConcurrency || 2) / 2)) });
const imageIds = instances.map((instance) => {
  const imageId = `wadors:${location.origin}${seriesRoot}/instances/${instance['00080018'].Value[0]}/frames/1`;
  dicomImageLoader.wadors.metaDataManager.add(imageId, instance);
  return imageId;
});
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
