// <rad-viewport view="coronal"> in <rad-dicomweb>, from the installed package as a host app builds
// it: first reformatted slice drawn (early or by the engine), the whole volume loaded, then scrolling through the coronal slices.
import '@telerad/core/rad-dicomweb.js';
import '@telerad/viewport/rad-viewport.js';
import { hasPixels, record, scrollTimes, target } from './measure.js';

const viewport = document.querySelector('rad-viewport');
const volumeLoaded = () => {
  const state = viewport.reformat.state();
  return state && state.volumeLoaded === state.volumeSlices;
};
// The first reformatted slice on screen: the plane drawn early from the slices as they arrive, or
// the reformat's own drawing.
const earlyPlane = () => viewport.shadowRoot.querySelector('[part~="first-image"]');
viewport.addEventListener('rad-first-image', (e) => {
  if (e.detail.plane && window.__bench.firstImageMs === undefined && hasPixels(earlyPlane())) record({ firstImageMs: performance.now() });
});
viewport.addEventListener('rad-reformat-rendered', () => {
  if (window.__bench.firstImageMs === undefined && hasPixels(viewport.canvas)) record({ firstImageMs: performance.now() });
});
viewport.setAttribute('study-uid', target.study);
viewport.setAttribute('series-uid', target.series);
// The volume's slices are counted as they arrive, not all drawn: asked after each frame.
while (window.__bench.firstImageMs === undefined || !volumeLoaded()) await new Promise(requestAnimationFrame);
const { sliceIndex, slices, volumeSlices } = viewport.reformat.state();
record({ allLoadedMs: performance.now(), frames: volumeSlices });
const scroll = await scrollTimes(slices - sliceIndex, (index) => viewport.reformat.showSlice(sliceIndex + index));
record({ scroll, done: true });
