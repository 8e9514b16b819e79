// A reformatted plane drawn from a series' slices as they arrive, before Cornerstone3D has loaded:
// the plane the engine will first show (its standard orientation through the volume's centre
// voxel, per getVolumeCenterIJK), fitted as it fits it (the whole volume's extent, centred, in mm),
// with the same interpolation (linear between voxel centres) and grey mapping. Only volumes whose
// axes run along the patient's (an axial, coronal or sagittal acquisition) and whose slices can be
// drawn early (first-image.ts: uncompressed, a linear window in the file) are drawn this way.
import { numberValue, stringValue, type DicomJsonDataset } from '@telerad/core';
import { drawableEarly } from './first-image.js';
import { plainPixels } from './part10-pixels.js';
import type { Plane } from './reformat-viewport.js';
import type { StackFrame } from './series-stack.js';
import { dot, type Vec3 } from './vector3.js';
import { voiRangeOf, type VoiRange } from './voi-range.js';
import { sliceGeometryOf, volumeGeometry, type VolumeGeometry } from './volume-geometry.js';

/** Screen right and up of Cornerstone3D's standard planes (its MPR camera values), patient LPS. */
const SCREEN: Record<Plane, { right: Vec3; up: Vec3 }> = {
  axial: { right: [1, 0, 0], up: [0, -1, 0] },
  coronal: { right: [1, 0, 0], up: [0, 0, 1] },
  sagittal: { right: [0, 1, 0], up: [0, 0, 1] },
};

/** The drawn image's size is bounded (a long series' sagittal plane at its finest spacing). */
const MAX_PIXELS = 2048 * 2048;

/** A volume axis (0 across columns, 1 down rows, 2 through slices), and whether it runs along a direction. */
interface Axis {
  index: number;
  forward: boolean;
}

/** The volume axis running along `direction`, where one does (within 0.001 of parallel). */
function axisAlong(volume: VolumeGeometry, direction: Vec3): Axis | undefined {
  const axes = [volume.rowDirection, volume.columnDirection, volume.normal];
  const index = axes.findIndex((axis) => Math.abs(Math.abs(dot(axis, direction)) - 1) < 1e-3);
  return index < 0 ? undefined : { index, forward: dot(axes[index], direction) > 0 };
}

/** How a slice's stored values become modality values, and how they are read. */
interface SliceEncoding {
  slope: number;
  intercept: number;
  read: (pixels: DataView, offset: number) => number;
}

function encodingOf(metadata: DicomJsonDataset): SliceEncoding {
  const bits = numberValue(metadata, '00280100');
  const signed = numberValue(metadata, '00280103') === 1;
  const read =
    bits === 8
      ? (pixels: DataView, i: number) => (signed ? pixels.getInt8(i) : pixels.getUint8(i))
      : (pixels: DataView, i: number) => (signed ? pixels.getInt16(2 * i, true) : pixels.getUint16(2 * i, true));
  return { slope: numberValue(metadata, '00281053') ?? 1, intercept: numberValue(metadata, '00281052') ?? 0, read };
}

/** The plane's ramp: the first slice's window, as the stack (and the reformat after it) shows it. */
function windowRangeOf(metadata: DicomJsonDataset): VoiRange | undefined {
  const [center] = (metadata['00281050']?.Value ?? []).map(Number);
  const [width] = (metadata['00281051']?.Value ?? []).map(Number);
  const linear = (stringValue(metadata, '00281056') ?? 'LINEAR') === 'LINEAR';
  return linear && Number.isFinite(center) && width > 0 ? voiRangeOf({ center, width }) : undefined;
}

/** The plane's cells (row by row from the top left) grouped by the slice each comes from, with its pixel there. */
function cellsOf(volume: VolumeGeometry, right: Axis, up: Axis) {
  const { dimensions } = volume;
  const [width, height, slices] = [dimensions[right.index], dimensions[up.index], dimensions[2]];
  const sliceOf = new Int32Array(width * height);
  const pixel = new Int32Array(width * height);
  const ijk = [0, 0, 0];
  // The third axis at Cornerstone's centre voxel: floor(size / 2) along an axis the plane is normal to.
  const normalAxis = 3 - right.index - up.index;
  ijk[normalAxis] = Math.floor(dimensions[normalAxis] / 2);
  for (let y = 0; y < height; y++) {
    ijk[up.index] = up.forward ? height - 1 - y : y;
    for (let x = 0; x < width; x++) {
      ijk[right.index] = right.forward ? x : width - 1 - x;
      sliceOf[y * width + x] = ijk[2];
      pixel[y * width + x] = ijk[1] * dimensions[0] + ijk[0];
    }
  }
  // Grouped by slice (a counting sort): an arriving slice fills its cells without a search.
  const starts = new Int32Array(slices + 1);
  for (const k of sliceOf) starts[k + 1]++;
  for (let k = 0; k < slices; k++) starts[k + 1] += starts[k];
  const next = starts.slice(0, slices);
  const bySlice = new Int32Array(sliceOf.length);
  for (let cell = 0; cell < sliceOf.length; cell++) bySlice[next[sliceOf[cell]]++] = cell;
  return { width, height, starts, bySlice, pixel };
}

/** Where each drawn pixel samples the cells along one axis: the two neighbours and the second's weight. */
function samplesAlong(cells: number, pixels: number) {
  const low = new Int32Array(pixels);
  const weight = new Float32Array(pixels);
  for (let p = 0; p < pixels; p++) {
    // Pixel centres on the cell grid, whose cells span the volume's extent (half a voxel beyond the centres).
    const at = Math.min(cells - 1, Math.max(0, ((p + 0.5) * cells) / pixels - 0.5));
    low[p] = Math.min(cells - 2, Math.floor(at));
    weight[p] = at - low[p];
    if (cells === 1) [low[p], weight[p]] = [0, 0];
  }
  return { low, weight };
}

export class EarlyPlane {
  /** Cells across and down; the drawn image's pixels across and down (square in mm). */
  readonly cells: { width: number; height: number };
  readonly size: { width: number; height: number };
  /** Modality values by cell; NaN until its slice arrives. */
  readonly #values: Float32Array;
  readonly #layout: ReturnType<typeof cellsOf>;
  /** Each instance's place in the volume and its frame, by SOP Instance UID. */
  readonly #slices = new Map<string, { k: number; frame: StackFrame; encoding: SliceEncoding }>();
  readonly #bytes: number;
  readonly #range: VoiRange;
  readonly #monochrome1: boolean;

  private constructor(frames: readonly StackFrame[], volume: VolumeGeometry, right: Axis, up: Axis, range: VoiRange) {
    this.#layout = cellsOf(volume, right, up);
    const { width, height } = this.#layout;
    this.cells = { width, height };
    this.#values = new Float32Array(width * height).fill(Number.NaN);
    volume.order.forEach((index, k) =>
      this.#slices.set(frames[index].sopInstanceUID, {
        k,
        frame: frames[index],
        encoding: encodingOf(frames[index].metadata),
      }),
    );
    const [columns, rows] = volume.dimensions;
    this.#bytes = columns * rows * ((numberValue(frames[0].metadata, '00280100') ?? 16) / 8);
    this.#range = range;
    this.#monochrome1 = stringValue(frames[0].metadata, '00280004') === 'MONOCHROME1';
    const [mmAcross, mmDown] = [volume.spacingMm[right.index] * width, volume.spacingMm[up.index] * height];
    let pixelMm = Math.min(volume.spacingMm[right.index], volume.spacingMm[up.index]);
    pixelMm = Math.max(pixelMm, Math.sqrt((mmAcross * mmDown) / MAX_PIXELS));
    this.size = {
      width: Math.max(1, Math.round(mmAcross / pixelMm)),
      height: Math.max(1, Math.round(mmDown / pixelMm)),
    };
  }

  /** The plane Cornerstone first shows of these frames' volume, where it can be drawn early; undefined otherwise. */
  static of(plane: Plane, frames: readonly StackFrame[]): EarlyPlane | undefined {
    const single =
      frames.every((frame) => frame.frame === 1) && new Set(frames.map((f) => f.sopInstanceUID)).size === frames.length;
    if (!single || !frames.every((frame) => drawableEarly(frame.metadata))) return undefined;
    const range = windowRangeOf(frames[0].metadata);
    const volume = volumeGeometry(frames.map((frame) => sliceGeometryOf(frame.metadata)));
    if (!range || !volume.ok) return undefined;
    const right = axisAlong(volume, SCREEN[plane].right);
    const up = axisAlong(volume, SCREEN[plane].up);
    if (!right || !up || right.index === up.index) return undefined;
    return new EarlyPlane(frames, volume, right, up, range);
  }

  /** Fills the cells an instance's Part 10 file holds; resolves to its frame, or undefined if it gave none. */
  add(part10: Uint8Array): StackFrame | undefined {
    const plain = plainPixels(part10, this.#bytes);
    const slice = plain && this.#slices.get(plain.sopInstanceUID);
    if (!plain || !slice) return undefined;
    const { starts, bySlice, pixel } = this.#layout;
    const { slope, intercept, read } = slice.encoding;
    for (let i = starts[slice.k]; i < starts[slice.k + 1]; i++) {
      const cell = bySlice[i];
      this.#values[cell] = read(plain.pixels, pixel[cell]) * slope + intercept;
    }
    return starts[slice.k + 1] > starts[slice.k] ? slice.frame : undefined;
  }

  /** The plane as drawn: linear between cell centres, through the window; transparent where no slice has arrived. */
  image(): ImageData {
    const { width, height } = this.size;
    const cells = this.cells.width;
    const across = samplesAlong(cells, width);
    const down = samplesAlong(this.cells.height, height);
    const { lower, upper } = this.#range;
    const data = new ImageData(width, height);
    const rgba = new Uint32Array(data.data.buffer);
    const values = this.#values;
    // Reused for every pixel: the four cells around it and their weights.
    const corners = new Int32Array(4);
    const weights = new Float64Array(4);
    for (let y = 0; y < height; y++) {
      const [top, fy] = [down.low[y] * cells, down.weight[y]];
      for (let x = 0; x < width; x++) {
        const [left, fx] = [top + across.low[x], across.weight[x]];
        corners.set([left, left + 1, left + cells, left + cells + 1]);
        weights.set([(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy]);
        let [sum, total] = [0, 0];
        for (let c = 0; c < 4; c++) {
          const value = values[corners[c]];
          if (weights[c] > 0 && !Number.isNaN(value)) [sum, total] = [sum + weights[c] * value, total + weights[c]];
        }
        if (total < 0.5) continue;
        const level = Math.min(1, Math.max(0, (sum / total - lower) / (upper - lower)));
        const grey = Math.round((this.#monochrome1 ? 1 - level : level) * 255);
        // Little-endian RGBA: alpha in the high byte.
        rgba[y * width + x] = 0xff000000 | (grey << 16) | (grey << 8) | grey;
      }
    }
    return data;
  }
}
