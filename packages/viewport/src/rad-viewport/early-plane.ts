// A reformatted plane drawn from a series' slices as they arrive, before Cornerstone3D has loaded:
// the plane the engine will first show (its standard orientation through the volume's centre
// voxel, per getVolumeCenterIJK), fitted as it fits it (the whole volume's extent, centred, in mm),
// with the same interpolation (linear between voxel centres) and grey mapping. Only volumes whose
// axes run along the patient's (an axial, coronal or sagittal acquisition) and whose slices can be
// drawn early (first-image.ts: uncompressed, a linear window in the file) are drawn this way.
import { numberValue, stringValue, type DicomJsonDataset } from '@telerad/core';
import { drawableEarly, imageContext } from './first-image.js';
import { nativeFrameBytes, plainPixels } from './part10-pixels.js';
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

/** Where each drawn pixel samples the cells along one axis: the lower of its two cells, and the upper's weight. */
interface Samples {
  low: Int32Array;
  weight: Float32Array;
}

function samplesAlong(cells: number, pixels: number): Samples {
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

/** The first and last pixels (along one axis) sampling any cell from `from` to `to`. */
function pixelsSampling({ low }: Samples, from: number, to: number): [number, number] {
  let first = 0;
  while (first < low.length - 1 && low[first] + 1 < from) first++;
  let last = low.length - 1;
  while (last > first && low[last] > to) last--;
  return [first, last];
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
  /** Where each drawn pixel samples the cells, across and down. */
  readonly #across: Samples;
  readonly #down: Samples;
  /** The drawn pixels, kept: only those whose cells changed are computed again. */
  readonly #image: ImageData;
  readonly #rgba: Uint32Array;
  /** Cells changed since the last rendering (inclusive bounds); whether a canvas holds the rest. */
  #dirty?: { x0: number; x1: number; y0: number; y1: number };
  #drawn = false;

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
    this.#bytes = nativeFrameBytes(frames[0].metadata) ?? 0;
    this.#range = range;
    this.#monochrome1 = stringValue(frames[0].metadata, '00280004') === 'MONOCHROME1';
    const [mmAcross, mmDown] = [volume.spacingMm[right.index] * width, volume.spacingMm[up.index] * height];
    let pixelMm = Math.min(volume.spacingMm[right.index], volume.spacingMm[up.index]);
    pixelMm = Math.max(pixelMm, Math.sqrt((mmAcross * mmDown) / MAX_PIXELS));
    this.size = {
      width: Math.max(1, Math.round(mmAcross / pixelMm)),
      height: Math.max(1, Math.round(mmDown / pixelMm)),
    };
    this.#across = samplesAlong(width, this.size.width);
    this.#down = samplesAlong(height, this.size.height);
    this.#image = new ImageData(this.size.width, this.size.height);
    this.#rgba = new Uint32Array(this.#image.data.buffer);
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
    const width = this.cells.width;
    for (let i = starts[slice.k]; i < starts[slice.k + 1]; i++) {
      const cell = bySlice[i];
      this.#values[cell] = read(plain.pixels, pixel[cell]) * slope + intercept;
      const [x, y] = [cell % width, Math.floor(cell / width)];
      const d = (this.#dirty ??= { x0: x, x1: x, y0: y, y1: y });
      [d.x0, d.x1, d.y0, d.y1] = [Math.min(d.x0, x), Math.max(d.x1, x), Math.min(d.y0, y), Math.max(d.y1, y)];
    }
    return starts[slice.k + 1] > starts[slice.k] ? slice.frame : undefined;
  }

  /** The plane as drawn now (a copy): linear between cell centres, through the window; clear where no slice is. */
  image(): ImageData {
    this.#render();
    return new ImageData(new Uint8ClampedArray(this.#image.data), this.size.width, this.size.height);
  }

  /** Draws what changed since the last drawing into `canvas` (sized to the plane). */
  drawInto(canvas: HTMLCanvasElement): void {
    const { width, height } = this.size;
    if (canvas.width !== width || canvas.height !== height) {
      [canvas.width, canvas.height] = [width, height];
      this.#drawn = false;
    }
    const changed = this.#render();
    // A canvas new to the plane (or resized, hence cleared) is given every pixel.
    const rect = this.#drawn ? changed : { x: 0, y: 0, width, height };
    this.#drawn = true;
    if (rect) imageContext(canvas)?.putImageData(this.#image, 0, 0, rect.x, rect.y, rect.width, rect.height);
  }

  /** Computes the pixels whose cells changed since the last time; resolves to their rectangle, if any. */
  #render(): { x: number; y: number; width: number; height: number } | undefined {
    const dirty = this.#dirty;
    if (!dirty) return undefined;
    this.#dirty = undefined;
    const [x0, x1] = pixelsSampling(this.#across, dirty.x0, dirty.x1);
    const [y0, y1] = pixelsSampling(this.#down, dirty.y0, dirty.y1);
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) this.#pixel(x, y);
    return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
  }

  /** One pixel: the loaded cells around it, weighted (linear), through the window. */
  #pixel(x: number, y: number): void {
    const cells = this.cells.width;
    const [fx, fy] = [this.#across.weight[x], this.#down.weight[y]];
    const left = this.#down.low[y] * cells + this.#across.low[x];
    let [sum, total] = [0, 0];
    for (let c = 0; c < 4; c++) {
      const weight = (c & 1 ? fx : 1 - fx) * (c & 2 ? fy : 1 - fy);
      const value = this.#values[left + (c & 1) + (c & 2 ? cells : 0)];
      if (weight > 0 && !Number.isNaN(value)) [sum, total] = [sum + weight * value, total + weight];
    }
    const i = y * this.size.width + x;
    if (total < 0.5) return void (this.#rgba[i] = 0);
    const { lower, upper } = this.#range;
    const level = Math.min(1, Math.max(0, (sum / total - lower) / (upper - lower)));
    const grey = Math.round((this.#monochrome1 ? 1 - level : level) * 255);
    // Little-endian RGBA: alpha in the high byte.
    this.#rgba[i] = 0xff000000 | (grey << 16) | (grey << 8) | grey;
  }
}
