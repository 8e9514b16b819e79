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

/** Bare Cornerstone3D: series metadata over WADO-RS, `wadors:` image ids, a stack viewport. */
class BareStack {
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
  el.style.cssText = `width: ${SIZE + 2}px; height: auto; grid-template-rows: auto ${SIZE}px auto`;
  el.service = service;
  el.codecBasePath = '/cornerstone-codecs/';
  el.studyUid = studyUid;
  el.seriesUid = seriesUid;
  const drawn = renderedOnce(el, 'rad-image-rendered');
  document.body.append(el);
  await drawn;
  return el;
}

async function showOnElement(el: RadViewport, index: number): Promise<void> {
  const drawn = renderedOnce(el, 'rad-image-rendered');
  await el.showImage(index);
  await drawn;
}

/** Milliseconds per image for stepping through every image of a stack once. */
async function perImage(count: number, show: (index: number) => Promise<void>): Promise<number> {
  return (await timed(async () => {
    for (let index = 1; index < count; index++) await show(index);
  })) / (count - 1);
}

async function run(): Promise<Result[]> {
  const series = await phantomSeries();
  // Loads and initialises Cornerstone (both sides use it), outside any measurement.
  (await radViewport(series)).remove();
  // One cache: the element's runtime imports the same Cornerstone modules.
  const cold = async () => cache.purgeCache();
  const results: Result[] = [];
  results.push(
    await compare(
      'CT 100 × 512²: series opened to first image drawn (cold cache)',
      7,
      async () => {
        await cold();
        const bare = new BareStack();
        const ms = await timed(() => bare.open(series));
        bare.close();
        return ms;
      },
      async () => {
        await cold();
        const ms = await timed(async () => (await radViewport(series)).remove());
        return ms;
      },
    ),
  );
  results.push(
    await compare(
      'CT 100 × 512²: each image while scrolling (first pass, loading)',
      3,
      async () => {
        await cold();
        const bare = new BareStack();
        await bare.open(series);
        const ms = await perImage(bare.count, (index) => bare.show(index));
        bare.close();
        return ms;
      },
      async () => {
        await cold();
        const el = await radViewport(series);
        const ms = await perImage(el.frames.length, (index) => showOnElement(el, index));
        el.remove();
        return ms;
      },
    ),
  );
  results.push(
    await compare(
      'CT 100 × 512²: each image while scrolling (cached)',
      3,
      async () => {
        const bare = new BareStack();
        await bare.open(series);
        await perImage(bare.count, (index) => bare.show(index));
        await bare.show(0);
        const ms = await perImage(bare.count, (index) => bare.show(index));
        bare.close();
        return ms;
      },
      async () => {
        const el = await radViewport(series);
        await perImage(el.frames.length, (index) => showOnElement(el, index));
        await showOnElement(el, 0);
        const ms = await perImage(el.frames.length, (index) => showOnElement(el, index));
        el.remove();
        return ms;
      },
    ),
  );
  return results;
}

publish(run);
