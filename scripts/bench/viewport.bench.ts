// Runs in Chromium (scripts/bench/run.mjs): <rad-viewport> against bare Cornerstone3D showing the
// same 100-slice CT from the same archive. The element's runtime initialises Cornerstone once; the
// baseline then uses that initialised Cornerstone with its own engine, WADO-RS image ids and
// metadata, as an application written against Cornerstone directly would.
import { cache, Enums, RenderingEngine, type Types } from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { DicomWebService, numberValue, type DicomJsonDataset } from '@telerad/core';
import type { RadViewport } from '@telerad/viewport';
import '@telerad/viewport/rad-viewport.js';
import { compare, publish, timed, type Result } from './measure.js';

const SIZE = 512;
const service = new DicomWebService({ url: '/dicom-web' });

interface Series {
  studyUid: string;
  seriesUid: string;
}

async function phantomSeries(): Promise<Series> {
  const manifest = (await (await fetch('/corpus/manifest.json')).json()) as { studies: { key: string; studyInstanceUID: string; series: { seriesInstanceUID: string }[] }[] };
  const study = manifest.studies.find((s) => s.key === 'ct-phantom');
  if (!study) throw new Error('the corpus has no ct-phantom study');
  return { studyUid: study.studyInstanceUID, seriesUid: study.series[0].seriesInstanceUID };
}

function imageArea(): HTMLDivElement {
  const area = document.createElement('div');
  area.style.cssText = `width: ${SIZE}px; height: ${SIZE}px`;
  document.body.append(area);
  return area;
}

const renderedOnce = (target: EventTarget, type: string) => new Promise<void>((resolve) => target.addEventListener(type, () => resolve(), { once: true }));

/** A series on screen, shown by either side. */
interface ShownSeries {
  readonly count: number;
  show(index: number): Promise<void>;
  close(): void;
}

type OpenSeries = (series: Series) => Promise<ShownSeries>;

/** Bare Cornerstone3D: series metadata over WADO-RS, `wadors:` image ids, a stack viewport. */
class BareStack implements ShownSeries {
  readonly #engine = new RenderingEngine('bench-baseline');
  readonly #area = imageArea();
  #imageIds: string[] = [];

  get viewport(): Types.IStackViewport {
    return this.#engine.getViewport('baseline') as Types.IStackViewport;
  }

  async open({ studyUid, seriesUid }: Series): Promise<void> {
    this.#engine.enableElement({ viewportId: 'baseline', type: Enums.ViewportType.STACK, element: this.#area });
    const root = `${location.origin}/dicom-web/studies/${studyUid}/series/${seriesUid}`;
    const response = await fetch(`${root}/metadata`, { headers: { Accept: 'application/dicom+json' } });
    const instances = ((await response.json()) as DicomJsonDataset[]).sort((a, b) => (numberValue(a, '00200013') ?? 0) - (numberValue(b, '00200013') ?? 0));
    this.#imageIds = instances.map((instance) => {
      const imageId = `wadors:${root}/instances/${String(instance['00080018']?.Value?.[0])}/frames/1`;
      dicomImageLoader.wadors.metaDataManager.add(imageId, instance as never);
      return imageId;
    });
    const drawn = renderedOnce(this.#area, Enums.Events.IMAGE_RENDERED);
    await this.viewport.setStack(this.#imageIds, 0);
    await drawn;
  }

  async show(index: number): Promise<void> {
    const drawn = renderedOnce(this.#area, Enums.Events.IMAGE_RENDERED);
    await this.viewport.setImageIdIndex(index);
    await drawn;
  }

  get count(): number {
    return this.#imageIds.length;
  }

  close(): void {
    for (const imageId of this.#imageIds) dicomImageLoader.wadors.metaDataManager.remove(imageId);
    this.#engine.destroy();
    this.#area.remove();
  }
}

async function radViewport({ studyUid, seriesUid }: Series): Promise<RadViewport> {
  const el = document.createElement('rad-viewport');
  // A square image area of SIZE CSS pixels: the viewport is as high as it is wide (1 px border).
  el.style.cssText = `width: ${SIZE + 2}px`;
  el.service = service;
  el.codecBasePath = '/cornerstone-codecs/';
  el.studyUid = studyUid;
  el.seriesUid = seriesUid;
  const drawn = renderedOnce(el, 'rad-image-rendered');
  document.body.append(el);
  await drawn;
  return el;
}

const openBare: OpenSeries = async (series) => {
  const bare = new BareStack();
  await bare.open(series);
  return bare;
};

const openElement: OpenSeries = async (series) => {
  const el = await radViewport(series);
  return {
    count: el.frames.length,
    async show(index) {
      const drawn = renderedOnce(el, 'rad-image-rendered');
      await el.showImage(index);
      await drawn;
    },
    close: () => el.remove(),
  };
};

/** Milliseconds per image for stepping from the first image through every other one. */
async function perImage(shown: ShownSeries): Promise<number> {
  return (await timed(async () => {
    for (let index = 1; index < shown.count; index++) await shown.show(index);
  })) / (shown.count - 1);
}

async function run(): Promise<Result[]> {
  const series = await phantomSeries();
  // Loads and initialises Cornerstone (both sides use it), outside any measurement.
  (await radViewport(series)).remove();
  // One cache: the element's runtime imports the same Cornerstone modules.
  const cold = async () => cache.purgeCache();
  /** Each measurement, written once, runs the same way on both sides. */
  const measure = (name: string, runs: number, measurement: (open: OpenSeries) => Promise<number>) =>
    compare(name, runs, () => measurement(openBare), () => measurement(openElement));
  const results: Result[] = [];
  results.push(
    await measure('CT 100 × 512²: series opened to first image drawn (cold cache)', 7, async (open) => {
      await cold();
      let shown: ShownSeries | undefined;
      const ms = await timed(async () => (shown = await open(series)));
      shown?.close();
      return ms;
    }),
  );
  results.push(
    await measure('CT 100 × 512²: each image while scrolling (first pass, loading)', 3, async (open) => {
      await cold();
      const shown = await open(series);
      const ms = await perImage(shown);
      shown.close();
      return ms;
    }),
  );
  results.push(
    await measure('CT 100 × 512²: each image while scrolling (cached)', 3, async (open) => {
      const shown = await open(series);
      await perImage(shown);
      await shown.show(0);
      const ms = await perImage(shown);
      shown.close();
      return ms;
    }),
  );
  return results;
}

publish(run);
