// <rad-viewport> in <rad-dicomweb>, from the installed package as a host app builds it: the series
// set by attribute, first image when its pixels are on the canvas that shows it (the early one, or
// the engine's), all loaded when the element says so.
import '@telerad/core/rad-dicomweb.js';
import '@telerad/viewport/rad-viewport.js';
import { hasPixels, record, scrollTimes, target } from './measure.js';

const viewport = document.querySelector('rad-viewport');
const firstImageCanvas = (early) => (early ? viewport.shadowRoot.querySelector('[part~="first-image"]') : viewport.canvas);
viewport.addEventListener('rad-first-image', (e) => {
  if (hasPixels(firstImageCanvas(e.detail.early))) record({ firstImageMs: performance.now(), early: e.detail.early });
});
const drawn = () => new Promise((resolve) => viewport.addEventListener('rad-image-rendered', resolve, { once: true }));
viewport.addEventListener('rad-load-progress', async (e) => {
  if (!e.detail.total || e.detail.loaded !== e.detail.total) return;
  record({ allLoadedMs: performance.now(), frames: e.detail.total });
  const scroll = await scrollTimes(e.detail.total, async (index) => {
    const next = drawn();
    await viewport.showImage(index);
    await next;
  });
  record({ scroll, done: true });
});
viewport.setAttribute('study-uid', target.study);
viewport.setAttribute('series-uid', target.series);
