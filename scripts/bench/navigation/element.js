// <rad-viewport> in <rad-dicomweb>, from the installed package as a host app builds it: the series
// set by attribute, first image when its pixels are on the canvas, all loaded when the element says so.
import '@telerad/core/rad-dicomweb.js';
import '@telerad/viewport/rad-viewport.js';
import { hasPixels, record, scrollTimes, target } from './measure.js';

const viewport = document.querySelector('rad-viewport');
viewport.addEventListener('rad-image-rendered', () => {
  if (window.__bench.firstImageMs === undefined && viewport.canvas && hasPixels(viewport.canvas)) record({ firstImageMs: performance.now() });
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
