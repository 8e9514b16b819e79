// dwv as an application written against it: whole instances by WADO-RS (Part 10 in multipart
// answers, which dwv reads), one layer group, its own slice order; first image when its canvas has
// pixels, all loaded at its `load` event, then the cached scroll along its scroll axis.
import { App, AppOptions, ViewConfig } from 'dwv';
import { hasPixels, record, scrollTimes, seriesInstances, seriesRoot } from './measure.js';

const instances = await seriesInstances();
const app = new App();
app.init(new AppOptions({ '*': [new ViewConfig('image')] }));
const canvas = () => document.querySelector('#image canvas');
app.addEventListener('renderend', () => {
  if (window.__bench.firstImageMs === undefined && canvas() && hasPixels(canvas())) record({ firstImageMs: performance.now() });
});
app.addEventListener('load', async () => {
  record({ allLoadedMs: performance.now(), frames: instances.length });
  const helper = app.getActiveLayerGroup().getPositionHelper();
  // dwv draws the new slice as its position changes; the step ends with the frame that shows it.
  const scroll = await scrollTimes(instances.length, async () => {
    helper.incrementPositionAlongScroll();
    await new Promise(requestAnimationFrame);
  });
  record({ scroll, done: true });
});
app.loadURLs(
  instances.map((instance) => `${location.origin}${seriesRoot}/instances/${instance['00080018'].Value[0]}`),
  { requestHeaders: [{ name: 'Accept', value: 'multipart/related; type="application/dicom"; transfer-syntax=*' }] },
);
