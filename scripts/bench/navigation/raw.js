// The ceiling: the series' frames fetched with `fetch`, six at once (the browser's connections per
// origin), bytes only — nothing decoded or drawn.
import { record, seriesInstances, seriesRoot } from './measure.js';

const instances = await seriesInstances();
const urls = instances.map((i) => `${seriesRoot}/instances/${i['00080018'].Value[0]}/frames/1`);
let next = 0;
async function worker() {
  while (next < urls.length) {
    const index = next++;
    const response = await fetch(urls[index], { headers: { Accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' } });
    await response.arrayBuffer();
    if (index === 0) record({ firstImageMs: performance.now() });
  }
}
await Promise.all(Array.from({ length: 6 }, worker));
record({ allLoadedMs: performance.now(), frames: urls.length, done: true });
