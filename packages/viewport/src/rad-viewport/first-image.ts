// The first image of a series drawn before Cornerstone3D has loaded: the same pixels and the same
// grey mapping the engine will show (its fit, its VOI range arithmetic), so that the hand-over is
// invisible. Only images whose display needs nothing beyond the modality rescale and a linear
// window are drawn this way; any other image waits for the engine, which draws everything.
import { numberValue, stringValue, type DicomJsonDataset } from '@telerad/core';
import { nativeFrameBytes } from './part10-pixels.js';
import { rangeOfValues, voiRangeOf, type VoiRange } from './voi-range.js';

/** Uncompressed little-endian syntaxes: the frame's bytes are its pixels. */
const NATIVE_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

const numbers = (dataset: DicomJsonDataset, tag: string) => (dataset[tag]?.Value ?? []).map(Number);

/** Whether rows and columns are as far apart as each other (or the image says nothing of spacing). */
function squarePixels(metadata: DicomJsonDataset): boolean {
  const spacing =
    numbers(metadata, '00280030').length === 2 ? numbers(metadata, '00280030') : numbers(metadata, '00181164');
  return spacing.length !== 2 || Math.abs(spacing[0] - spacing[1]) <= 1e-6 * Math.max(spacing[0], spacing[1]);
}

/** The pixel layout and grey mapping of an image, when it can be drawn without the engine. */
export interface EarlyImage {
  rows: number;
  columns: number;
  pixels: ArrayLike<number>;
  slope: number;
  intercept: number;
  monochrome1: boolean;
  window?: { center: number; width: number; exact: boolean };
}

/**
 * Whether an image with these attributes can be drawn early: stored uncompressed, greyscale, a
 * linear window or none, no lookup tables, not PET (shown in SUV), square pixels (the canvas is
 * fitted by its own aspect ratio).
 */
export function drawableEarly(metadata: DicomJsonDataset): boolean {
  const storedSyntax = stringValue(metadata, '00020010');
  const photometric = stringValue(metadata, '00280004');
  const bitsAllocated = numberValue(metadata, '00280100');
  const voiFunction = stringValue(metadata, '00281056') ?? 'LINEAR';
  return (
    (storedSyntax === undefined || NATIVE_SYNTAXES.has(storedSyntax)) &&
    (numberValue(metadata, '00280002') ?? 1) === 1 &&
    (photometric === 'MONOCHROME1' || photometric === 'MONOCHROME2') &&
    (bitsAllocated === 8 || bitsAllocated === 16) &&
    stringValue(metadata, '00080060') !== 'PT' &&
    !metadata['00283000'] &&
    !metadata['00283010'] &&
    (voiFunction === 'LINEAR' || voiFunction === 'LINEAR_EXACT') &&
    squarePixels(metadata)
  );
}

/** The image, when its metadata and frame allow drawing it here; undefined when only the engine can. */
export function earlyImage(
  metadata: DicomJsonDataset,
  bytes: Uint8Array,
  transferSyntax: string,
): EarlyImage | undefined {
  const rows = numberValue(metadata, '00280010') ?? 0;
  const columns = numberValue(metadata, '00280011') ?? 0;
  const bitsAllocated = numberValue(metadata, '00280100') ?? 0;
  const photometric = stringValue(metadata, '00280004');
  const voiFunction = stringValue(metadata, '00281056') ?? 'LINEAR';
  const simple =
    drawableEarly(metadata) && NATIVE_SYNTAXES.has(transferSyntax) && bytes.length === nativeFrameBytes(metadata);
  if (!simple || rows === 0 || columns === 0) return undefined;
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  const signed = numberValue(metadata, '00280103') === 1;
  const pixels =
    bitsAllocated === 8
      ? aligned
      : new (signed ? Int16Array : Uint16Array)(aligned.buffer as ArrayBuffer, aligned.byteOffset, rows * columns);
  const [center] = numbers(metadata, '00281050');
  const [width] = numbers(metadata, '00281051');
  return {
    rows,
    columns,
    pixels,
    slope: numberValue(metadata, '00281053') ?? 1,
    intercept: numberValue(metadata, '00281052') ?? 0,
    monochrome1: photometric === 'MONOCHROME1',
    ...(center !== undefined && width !== undefined && width > 0
      ? { window: { center, width, exact: voiFunction === 'LINEAR_EXACT' } }
      : {}),
  };
}

/**
 * The VOI range the engine shows the image with (see voi-range.ts): the file's window, else one
 * spanning the image's values.
 */
export function earlyVoiRange(image: EarlyImage): VoiRange {
  if (image.window) return voiRangeOf(image.window, image.window.exact);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < image.pixels.length; i++) {
    const value = image.pixels[i] * image.slope + image.intercept;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return rangeOfValues(min, max);
}

/** The image's greys (RGBA), through the modality rescale and the linear VOI range. */
function greys(image: EarlyImage): ImageData {
  const { lower, upper } = earlyVoiRange(image);
  const span = upper - lower;
  const data = new ImageData(image.columns, image.rows);
  const rgba = new Uint32Array(data.data.buffer);
  for (let i = 0; i < rgba.length; i++) {
    const value = image.pixels[i] * image.slope + image.intercept;
    const level = Math.min(1, Math.max(0, (value - lower) / span));
    const grey = Math.round((image.monochrome1 ? 1 - level : level) * 255);
    // Little-endian RGBA: alpha in the high byte.
    rgba[i] = 0xff000000 | (grey << 16) | (grey << 8) | grey;
  }
  return data;
}

/**
 * The 2D context of a canvas the page's thread fills with `putImageData` (the first image, the
 * early plane): kept in memory, not on the GPU. Each piece drawn is then a copy, not an upload the
 * GPU process must finish first (with WebGL in software that process is also Cornerstone's), and
 * reading the pixels back (a host's screenshot, the bench's check) waits for nothing.
 */
export const imageContext = (canvas: HTMLCanvasElement) => canvas.getContext('2d', { willReadFrequently: true });

/**
 * Draws the image into `canvas` at its own size: the canvas is fitted to its box by CSS
 * (`object-fit: contain`), as Cornerstone's stack viewport fits it (the whole image, centred), and
 * the compositor scales it — no scaled copy is drawn on the page's thread.
 */
export function drawEarlyImage(canvas: HTMLCanvasElement, image: EarlyImage): void {
  canvas.width = image.columns;
  canvas.height = image.rows;
  imageContext(canvas)?.putImageData(greys(image), 0, 0);
}
