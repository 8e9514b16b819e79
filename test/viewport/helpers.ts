import { oneEvent, waitUntil } from '@open-wc/testing';
import { DicomWebService, type RadErrorDetail } from '@telerad/core';
import '@telerad/viewport/rad-viewport.js';
import { WORKER_REQUEST_MARK, type RadViewport } from '@telerad/viewport';
import type { ManifestSeries, ManifestStudy } from '../support/corpus.js';

/**
 * URLs the page asked from `since` (ms, performance.now()) on: its own requests (resource timing)
 * and those its workers sent (their marks).
 */
export function requestedSince(since = 0): string[] {
  const after = (entries: PerformanceEntryList) => entries.filter((e) => e.startTime >= since);
  return [
    ...after(performance.getEntriesByType('resource')).map((e) => e.name),
    ...after(performance.getEntriesByName(WORKER_REQUEST_MARK)).map((e) => String((e as PerformanceMark).detail.url)),
  ];
}

export const CODEC_BASE_PATH = '/cornerstone-codecs/';

/** Truth coordinates are continuous (pixel i spans [i, i+1]); image coordinates index pixel centres. */
export const toImage = ([x, y]: readonly number[]): [number, number] => [x - 0.5, y - 0.5];
const service = new DicomWebService({ url: '/dicom-web' });

/**
 * Gives `el` an image area of exactly size × height CSS pixels (square by default), as a host
 * would: through the `viewport` part (the host has a 1 px border).
 */
export function sizeImageArea(el: RadViewport, size: number, height = size): void {
  if (!document.querySelector('style[data-image-area]')) {
    const style = document.createElement('style');
    style.dataset.imageArea = '';
    style.textContent = 'rad-viewport[data-image-size]::part(viewport) { flex: none; height: var(--test-image-size); }';
    document.head.append(style);
  }
  el.dataset.imageSize = '';
  el.style.cssText = `width: ${size + 2}px; height: auto; --test-image-size: ${height}px`;
}

/** A viewport of `size` px set up by `show`, in the page once its first image is rendered. */
async function drawnViewport(size: number, cpuRendering: boolean, show: (el: RadViewport) => void, parent: Element = document.body): Promise<RadViewport> {
  const el = document.createElement('rad-viewport');
  el.cpuRendering = cpuRendering;
  sizeImageArea(el, size);
  el.codecBasePath = CODEC_BASE_PATH;
  show(el);
  const firstImage = oneEvent(el, 'rad-image-rendered');
  parent.append(el);
  await el.loaded();
  await firstImage;
  return el;
}

/**
 * A viewport showing a series of the corpus, its first image rendered. Not a @open-wc fixture
 * (those are removed after each test): the caller removes it, so a suite can share one.
 */
export function viewportFor(study: ManifestStudy, series: ManifestSeries = study.series[0], size = 512, { cpuRendering = false, parent = document.body as Element } = {}): Promise<RadViewport> {
  return drawnViewport(
    size,
    cpuRendering,
    (el) => {
      el.service = service;
      el.studyUid = study.studyInstanceUID;
      el.seriesUid = series.seriesInstanceUID;
    },
    parent,
  );
}

/**
 * A viewport showing a series of the corpus from its Part 10 files, as a host gives them
 * (`wadouri:` image ids, one per frame), its first image rendered; the caller removes it.
 */
export function hostViewportFor(series: ManifestSeries, size = 512, { cpuRendering = false } = {}): Promise<RadViewport> {
  const frames = Array.from({ length: series.framesPerInstance }, (_, i) => i + 1);
  const imageIds = series.files.flatMap((file) => frames.map((frame) => `wadouri:${location.origin}/corpus/${file}${series.framesPerInstance > 1 ? `?frame=${frame}` : ''}`));
  return drawnViewport(size, cpuRendering, (el) => (el.imageIds = imageIds));
}

/**
 * A viewport of `width` × `height` px set up by `configure`, in the page once it has drawn its
 * first image or failed, with the failure; the caller removes it.
 */
export async function settledViewport(configure: (el: RadViewport) => void, width = 128, height = width): Promise<{ el: RadViewport; error?: RadErrorDetail['error'] }> {
  const el = document.createElement('rad-viewport');
  sizeImageArea(el, width, height);
  el.codecBasePath = CODEC_BASE_PATH;
  configure(el);
  const outcome = Promise.race([oneEvent(el, 'rad-image-rendered'), oneEvent(el, 'rad-error')]);
  document.body.append(el);
  const event = await outcome;
  return { el, error: event.type === 'rad-error' ? (event as CustomEvent<RadErrorDetail>).detail.error : undefined };
}

/** The element Cornerstone draws into and listens on. */
export const imageArea = (el: RadViewport) => el.shadowRoot!.querySelector<HTMLElement>('.cornerstone')!;

/** Waits for the next rad-image-rendered after `action`. */
export async function rendered(el: RadViewport, action: () => unknown): Promise<void> {
  const next = oneEvent(el, 'rad-image-rendered');
  await action();
  await next;
}

/** The displayed colour [r, g, b] at an image point, read back from the canvas. */
export function displayedColourAt(el: RadViewport, point: readonly [number, number]): number[] {
  const canvas = el.canvas!;
  const [x, y] = el.imageToCanvas(point)!;
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return [...context.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data.slice(0, 3)];
}

/** The displayed grey level (red channel) at an image point. */
export const displayedAt = (el: RadViewport, point: readonly [number, number]): number => displayedColourAt(el, point)[0];

/** Whether the viewport shows an image with anything but black in it. */
export function hasContent(el: RadViewport): boolean {
  const canvas = el.canvas;
  if (!canvas || el.viewState.count === 0) return false;
  const { data } = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < data.length; i += 4 * 53) if (data[i] > 10 || data[i + 1] > 10) return true;
  return false;
}

/**
 * A viewport in the page (not a fixture) asked for a series of the archive at `url`, styled by
 * `style` (none: sized by the page's stylesheets), with the `rad-error` details it fires; the caller
 * removes it.
 */
export function pageViewport(url: string, studyUid: string, seriesUid: string, style = ''): { el: RadViewport; errors: RadErrorDetail[] } {
  const errors: RadErrorDetail[] = [];
  const el = document.createElement('rad-viewport');
  el.addEventListener('rad-error', (e) => errors.push(e.detail));
  el.style.cssText = style;
  el.service = new DicomWebService({ url });
  el.codecBasePath = CODEC_BASE_PATH;
  [el.studyUid, el.seriesUid] = [studyUid, seriesUid];
  document.body.append(el);
  return { el, errors };
}

/** A 300 px viewport in the page asked for a series that should fail (see `pageViewport`). */
export const failingViewport = (url: string, studyUid: string, seriesUid: string) => pageViewport(url, studyUid, seriesUid, 'width: 300px; height: 300px');

/** Waits for the error state of a viewport and returns its part. */
export async function errorState(el: RadViewport, timeout = 10_000): Promise<HTMLElement> {
  await el.loaded().catch(() => undefined);
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="error"]'), 'error state', { timeout });
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!;
}

/** Drags the primary button from one image point to another, like a user measuring. */
export async function drag(el: RadViewport, from: readonly [number, number], to: readonly [number, number]): Promise<void> {
  const area = imageArea(el);
  const box = area.getBoundingClientRect();
  const client = (point: readonly [number, number]) => {
    const [x, y] = el.imageToCanvas(point)!;
    return { clientX: box.left + x, clientY: box.top + y, pageX: box.left + x, pageY: box.top + y };
  };
  const options = { bubbles: true, composed: true, button: 0, buttons: 1 };
  area.dispatchEvent(new MouseEvent('mousedown', { ...options, ...client(from) }));
  for (let i = 1; i <= 5; i++) {
    const t = i / 5;
    const point = [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t] as const;
    document.dispatchEvent(new MouseEvent('mousemove', { ...options, ...client(point) }));
    await new Promise((r) => setTimeout(r, 20));
  }
  document.dispatchEvent(new MouseEvent('mouseup', { ...options, buttons: 0, ...client(to) }));
}

/**
 * The grey level (0…255, before any inversion) of a stored value through the series' VOI LUT, from
 * the corpus truth (PS3.3 C.11.2.1.1: values outside the LUT take its first or last entry).
 */
export function voiLutOf(series: ManifestSeries): (stored: number) => number {
  const { firstValueMapped, entries, bits, gamma } = (series.truth as { voiLut: { firstValueMapped: number; entries: number; bits: number; gamma: number } }).voiLut;
  return (stored) => {
    const i = Math.max(0, Math.min(entries - 1, stored - firstValueMapped));
    return (Math.round((2 ** bits - 1) * (i / (entries - 1)) ** gamma) / (2 ** bits - 1)) * 255;
  };
}
