// What both bare Cornerstone3D pages do first, as an application written against it: init, the
// DICOM image loader, and the series as `wadors:` image ids with their WADO-RS metadata.
import { init } from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { seriesInstances, seriesRoot } from './measure.js';

/** Cornerstone started; the series' image ids in slice order. */
export async function cornerstoneSeries() {
  const [instances] = await Promise.all([seriesInstances(), init()]);
  dicomImageLoader.init({ maxWebWorkers: Math.max(1, Math.floor((navigator.hardwareConcurrency || 2) / 2)) });
  return instances.map((instance) => {
    const imageId = `wadors:${location.origin}${seriesRoot}/instances/${instance['00080018'].Value[0]}/frames/1`;
    dicomImageLoader.wadors.metaDataManager.add(imageId, instance);
    return imageId;
  });
}
