// Grey mappings Cornerstone's CPU renderer cannot draw by itself. It knows the linear window and
// lookup tables only, and it scales a table's entries to 8 bits by shifting them right by (bits of
// the largest entry − 8): a table whose largest entry is not 2^bits − 1 comes out too bright or
// too dark. Tables here are written so that the shift is 8 and each entry is its exact grey.
import type { VoiLut } from './voi-lut.js';
import type { WindowLevel } from './presets.js';

/** Entries whose largest, as the CPU renderer finds it (spreading them), reads 16 bits. */
class SixteenBitEntries extends Array<number> {
  override *[Symbol.iterator](): ArrayIterator<number> {
    yield* this.values();
    yield 0xffff;
  }
}

/** A table for the CPU renderer: from `firstValueMapped`, `count` entries of `greyAt` (0…1). */
export function cpuLut(
  firstValueMapped: number,
  count: number,
  greyAt: (value: number) => number,
): { firstValueMapped: number; lut: number[] } {
  const lut = new SixteenBitEntries();
  for (let i = 0; i < count; i++)
    lut.push(Math.round(Math.min(1, Math.max(0, greyAt(firstValueMapped + i))) * 255) << 8);
  return { firstValueMapped, lut };
}

/** The SIGMOID VOI LUT function (PS3.3 C.11.2.1.3.1), 0…1. */
export const sigmoid = (value: number, { center, width }: WindowLevel) =>
  1 / (1 + Math.exp((-4 * (value - center)) / width));

/** Most entries a table drawn from a function may have (a 16-bit image's values and then some). */
const MAX_ENTRIES = 2 ** 17;

/** A SIGMOID window over the modality values `lower`…`upper` of an image, as a CPU table. */
export function cpuSigmoidLut(
  lower: number,
  upper: number,
  window: WindowLevel,
): { firstValueMapped: number; lut: number[] } {
  const first = Math.floor(lower);
  const count = Math.min(MAX_ENTRIES, Math.max(1, Math.ceil(upper) - first + 1));
  return cpuLut(first, count, (value) => sigmoid(value, window));
}

/** `lut` for the CPU renderer, each entry its exact grey (PS3.3 C.11.2.1.1: entry / (2^bits − 1)). */
export const cpuVoiLut = (lut: VoiLut) =>
  cpuLut(
    lut.firstValueMapped,
    lut.data.length,
    (value) => lut.data[value - lut.firstValueMapped] / (2 ** lut.bits - 1),
  );

/** The CPU renderer's own viewport state (not public API), or undefined with WebGL. */
export const cpuViewportOf = (viewport: object) =>
  (
    viewport as {
      _cpuFallbackEnabledElement?: { viewport?: { voiLUT?: { firstValueMapped: number; lut: readonly number[] } } };
    }
  )._cpuFallbackEnabledElement?.viewport;

/** What the SIGMOID table needs of a decoded image: its value range, stored or rescaled. */
export interface ImageRange {
  minPixelValue: number;
  maxPixelValue: number;
  slope: number;
  intercept: number;
  preScale?: { scaled?: boolean };
}

/** The modality values an image spans (PS3.3 C.11.1: stored values through the rescale). */
export function modalityRange(image: ImageRange): [number, number] {
  const modality = (stored: number) => (image.preScale?.scaled ? stored : stored * image.slope + image.intercept);
  const [a, b] = [modality(image.minPixelValue), modality(image.maxPixelValue)];
  return [Math.min(a, b), Math.max(a, b)];
}
