import { stringValue, type DicomJsonDataset } from '@telerad/core';
import { cpuViewportOf, cpuVoiLut } from './cpu-voi.js';

/** One item of the VOI LUT Sequence (PS3.3 C.11.2.1.1). */
export interface VoiLut {
  /** The modality value mapped to the first entry; lower values take the first entry. */
  firstValueMapped: number;
  /** Bits per entry: entries run 0 … 2^bits − 1. */
  bits: number;
  data: readonly number[];
  explanation?: string;
}

/** The VOI LUTs of an image, once their LUT Data is inline (see `inlineLookupTables`). */
export function voiLutsOf(metadata: DicomJsonDataset): VoiLut[] {
  const items = (metadata['00283010']?.Value ?? []) as DicomJsonDataset[];
  const signed = metadata['00280103']?.Value?.[0] === 1;
  return items.flatMap((item) => {
    const [described = 0, first = 0, bits = 16] = (item['00283002']?.Value ?? []).map(Number);
    // Entries: the descriptor's count, 0 meaning 65,536 (PS3.3 C.11.2.1.1.1); bits 8 to 16.
    const entries = described === 0 ? 65_536 : described;
    const data = (item['00283006']?.Value ?? []).slice(0, entries).map(Number);
    // A table that does not match its descriptor is damaged: the image is shown without it.
    if (
      !Number.isInteger(entries) ||
      entries < 1 ||
      entries > 65_536 ||
      data.length !== entries ||
      !Number.isInteger(bits) ||
      bits < 8 ||
      bits > 16
    )
      return [];
    // The descriptor's first value is SS for signed pixels, but often arrives read as US.
    const firstValueMapped = signed && first > 32767 ? first - 65536 : first;
    return [{ firstValueMapped, bits, data, explanation: stringValue(item, '00283003') }];
  });
}

/** The display value (0…1) of a modality value through a VOI LUT. */
export function throughLut({ firstValueMapped, bits, data }: VoiLut, value: number): number {
  const index = Math.max(0, Math.min(data.length - 1, Math.round(value) - firstValueMapped));
  return data[index] / (2 ** bits - 1);
}

const lutsByImage = new WeakMap<DicomJsonDataset, VoiLut[]>();

/** `voiLutsOf`, parsed once per image. */
export function cachedVoiLuts(metadata: DicomJsonDataset): VoiLut[] {
  let luts = lutsByImage.get(metadata);
  if (!luts) lutsByImage.set(metadata, (luts = voiLutsOf(metadata)));
  return luts;
}

/** The parts of a vtk.js colour transfer function the grey mapping is written into. */
interface RgbTransferFunction {
  removeAllPoints(): void;
  addRGBPoint(x: number, r: number, g: number, b: number): number;
  /** All nodes at once: one sort, where adding them one by one sorts (and serialises) them each time. */
  setNodes(nodes: { x: number; r: number; g: number; b: number; midpoint: number; sharpness: number }[]): boolean;
}

/** What Cornerstone's stack viewport holds for each renderer (the CPU one is not public API). */
interface StackInternals {
  getDefaultActor?():
    { actor: { getProperty?(): { getRGBTransferFunction(index: number): RgbTransferFunction | null } } } | undefined;
  _cpuFallbackEnabledElement?: {
    viewport?: { voiLUT?: { firstValueMapped: number; lut: readonly number[] }; invert?: boolean };
    image?: { invert?: boolean };
  };
}

/**
 * Cornerstone's CPU path shows MONOCHROME1 inverted through its image's `invert`, which its reset
 * overwrites with the viewport's initial (uninverted) state: the image's own inversion is put back.
 */
export function restoreCpuInversion(viewport: object): void {
  const cpu = (viewport as StackInternals)._cpuFallbackEnabledElement;
  if (cpu?.viewport && cpu.image) cpu.viewport.invert = Boolean(cpu.image.invert);
}

/** Where a stack viewport keeps its grey mapping: the CPU renderer's viewport, or the GPU's transfer function. */
export function greyMappingOf(viewport: object): object | undefined {
  const internals = viewport as StackInternals;
  return (
    internals._cpuFallbackEnabledElement?.viewport ??
    internals.getDefaultActor?.()?.actor.getProperty?.().getRGBTransferFunction(0) ??
    undefined
  );
}

/**
 * Draws `lut` on a Cornerstone stack viewport, or a linear ramp over `range` when it is undefined.
 * Cornerstone's GPU path only knows window functions, so the LUT becomes one node per entry of the
 * image's colour transfer function (modality values are integers: the nodes are exact); its CPU
 * path reads a `voiLUT` from the enabled element.
 */
export function drawVoiLut(
  viewport: object,
  lut: VoiLut | undefined,
  range: { lower: number; upper: number },
  invert: boolean,
): void {
  const cpuViewport = cpuViewportOf(viewport);
  if (cpuViewport) {
    cpuViewport.voiLUT = lut && cpuVoiLut(lut);
    return;
  }
  const transferFunction = greyMappingOf(viewport) as RgbTransferFunction | undefined;
  if (!transferFunction) return;
  const shown = (grey: number) => (invert ? 1 - grey : grey);
  transferFunction.removeAllPoints();
  if (lut) {
    // A 16-bit table has 65,536 entries: given as nodes at once (one by one, vtk.js sorts and serialises them each
    // time).
    const nodes = lut.data.map((_, i) => {
      const x = lut.firstValueMapped + i;
      const grey = shown(throughLut(lut, x));
      return { x, r: grey, g: grey, b: grey, midpoint: 0.5, sharpness: 0 };
    });
    transferFunction.setNodes(nodes);
  } else {
    transferFunction.addRGBPoint(range.lower, shown(0), shown(0), shown(0));
    transferFunction.addRGBPoint(range.upper, shown(1), shown(1), shown(1));
  }
}

/** The input range a LUT covers: what window tools start from when the user leaves the LUT. */
export const lutRange = ({ firstValueMapped, data }: VoiLut) => ({
  lower: firstValueMapped,
  upper: firstValueMapped + data.length - 1,
});
