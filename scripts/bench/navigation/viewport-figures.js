// The figures of a page showing the series in a <rad-viewport> (its own, or the first of a
// <rad-viewer>): first image when its pixels are on the canvas that shows it (the early one, or the
// engine's), all loaded when the element says so, then the cached scroll.
import { hasPixels, record, scrollTimes } from './measure.js';

export function recordViewportFigures(viewportOf) {
  const firstImageCanvas = (viewport, early) => (early ? viewport.shadowRoot.querySelector('[part~="first-image"]') : viewport.canvas);
  document.addEventListener('rad-first-image', (e) => {
    if (hasPixels(firstImageCanvas(viewportOf(), e.detail.early))) record({ firstImageMs: performance.now(), early: e.detail.early });
  });
  document.addEventListener('rad-load-progress', async (e) => {
    if (!e.detail.total || e.detail.loaded !== e.detail.total) return;
    record({ allLoadedMs: performance.now(), frames: e.detail.total });
    const viewport = viewportOf();
    const drawn = () => new Promise((resolve) => viewport.addEventListener('rad-image-rendered', resolve, { once: true }));
    const scroll = await scrollTimes(e.detail.total, async (index) => {
      const next = drawn();
      await viewport.showImage(index);
      await next;
    });
    record({ scroll, done: true });
  });
}
