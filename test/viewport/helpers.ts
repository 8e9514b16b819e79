import { oneEvent } from '@open-wc/testing';
import { DicomWebService } from '@telerad/core';
import '@telerad/viewport/rad-viewport.js';
import type { RadViewport } from '@telerad/viewport';
import type { ManifestSeries, ManifestStudy } from '../support/corpus.js';

export const CODEC_BASE_PATH = '/cornerstone-codecs/';
const service = new DicomWebService({ url: '/dicom-web' });

/**
 * A viewport showing a series of the corpus, its first image rendered. Not a @open-wc fixture
 * (those are removed after each test): the caller removes it, so a suite can share one.
 */
export async function viewportFor(study: ManifestStudy, series: ManifestSeries = study.series[0], size = 512): Promise<RadViewport> {
  const el = document.createElement('rad-viewport');
  // An image area of exactly size × size CSS pixels (the host has a 1 px border).
  el.style.cssText = `width: ${size + 2}px; height: auto; grid-template-rows: auto ${size}px auto`;
  el.service = service;
  el.codecBasePath = CODEC_BASE_PATH;
  el.studyUid = study.studyInstanceUID;
  el.seriesUid = series.seriesInstanceUID;
  const firstImage = oneEvent(el, 'rad-image-rendered');
  document.body.append(el);
  await el.loaded();
  await firstImage;
  return el;
}

/** The element Cornerstone draws into and listens on. */
export const imageArea = (el: RadViewport) => el.shadowRoot!.querySelector<HTMLElement>('.cornerstone')!;

/** Waits for the next rad-image-rendered after `action`. */
export async function rendered(el: RadViewport, action: () => unknown): Promise<void> {
  const next = oneEvent(el, 'rad-image-rendered');
  await action();
  await next;
}

/** The displayed grey level (red channel) at an image point, read back from the canvas. */
export function displayedAt(el: RadViewport, point: readonly [number, number]): number {
  const canvas = el.canvas!;
  const [x, y] = el.imageToCanvas(point)!;
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return context.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data[0];
}

/** The displayed colour [r, g, b] at an image point, read back from the canvas. */
export function displayedColourAt(el: RadViewport, point: readonly [number, number]): number[] {
  const canvas = el.canvas!;
  const [x, y] = el.imageToCanvas(point)!;
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return [...context.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data.slice(0, 3)];
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
