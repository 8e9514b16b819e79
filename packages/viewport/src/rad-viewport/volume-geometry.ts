// Whether a series' slices make a volume that can be reformatted (issue 17): one orientation, one
// matrix and pixel spacing, slices stacked along the image normal (a gantry tilt is refused, never
// shown distorted), evenly spaced (to a tenth of a slice), and enough of them. The answer is the volume's geometry in
// patient space, or the reason it cannot be built, in words a reader understands.
import { msg, str } from '@lit/localize';
import { numberValue, type DicomJsonDataset } from '@telerad/core';
import { cross, dot, sub, type Vec3 } from './vector3.js';

/** What one slice says of its place in patient space (PS3.3 C.7.6.2). */
export interface SliceGeometry {
  /** Image Position (Patient): the centre of the first pixel, mm. */
  position: Vec3;
  /** Image Orientation (Patient): the row direction, then the column direction. */
  orientation: [number, number, number, number, number, number];
  rows: number;
  columns: number;
  /** Pixel Spacing: between rows, then between columns, mm. */
  pixelSpacing: [number, number];
  frames: number;
}

/** A volume the slices make: the slices in order along the normal, its size and spacing. */
export interface VolumeGeometry {
  ok: true;
  /** Indices of the given slices, in order along `normal`. */
  order: number[];
  /** Columns, rows, slices. */
  dimensions: Vec3;
  /** Between columns, rows and slices, mm. */
  spacingMm: Vec3;
  rowDirection: Vec3;
  columnDirection: Vec3;
  normal: Vec3;
  /** The first pixel of the first slice in order, mm. */
  origin: Vec3;
}

/** Why the slices make no volume. */
export type VolumeRefusal =
  | { reason: 'missing-geometry' }
  | { reason: 'multi-frame' }
  | { reason: 'too-few-slices'; slices: number; minimum: number }
  | { reason: 'mixed-orientation' }
  | { reason: 'mixed-matrix' }
  | { reason: 'duplicate-positions' }
  | { reason: 'gantry-tilt'; degrees: number }
  | { reason: 'uneven-spacing'; minMm: number; maxMm: number };

export interface VolumeOptions {
  /** Fewer slices make no useful reformat (default 10). */
  minimumSlices?: number;
  /** Degrees between the slice direction and the image normal still taken as none (default 0.5). */
  tiltToleranceDegrees?: number;
  /**
   * How far a slice may lie off its place on an even grid, as a fraction of the gap (default 0.1:
   * a tenth of a slice, which no reformat shows; scanners round positions).
   */
  spacingTolerance?: number;
}

const unit = (v: Vec3): Vec3 => {
  const length = Math.hypot(...v) || 1;
  return [v[0] / length, v[1] / length, v[2] / length];
};
const near = (a: readonly number[], b: readonly number[], tolerance = 1e-3) =>
  a.length === b.length && a.every((value, i) => Math.abs(value - b[i]) <= tolerance);

/** A multi-valued numeric attribute (DS values may come as strings); undefined where one is not a number. */
function numbersOf(metadata: DicomJsonDataset, tag: string): number[] | undefined {
  const values = (metadata[tag]?.Value ?? []).map(Number);
  return values.every(Number.isFinite) ? values : undefined;
}

/** The geometry a slice's attributes (WADO-RS metadata) give; undefined where any is missing. */
export function sliceGeometryOf(metadata: DicomJsonDataset): SliceGeometry | undefined {
  const position = numbersOf(metadata, '00200032');
  const orientation = numbersOf(metadata, '00200037');
  const pixelSpacing = numbersOf(metadata, '00280030');
  const rows = numberValue(metadata, '00280010');
  const columns = numberValue(metadata, '00280011');
  if (position?.length !== 3 || orientation?.length !== 6 || pixelSpacing?.length !== 2 || !rows || !columns)
    return undefined;
  return {
    position: position as Vec3,
    orientation: orientation as SliceGeometry['orientation'],
    rows,
    columns,
    pixelSpacing: pixelSpacing as [number, number],
    frames: numberValue(metadata, '00280008') ?? 1,
  };
}

/** What all slices must share: one orientation, one matrix and spacing, one frame each. */
function sharedRefusal(slices: readonly SliceGeometry[], minimum: number): VolumeRefusal | undefined {
  if (slices.some((s) => s.frames > 1)) return { reason: 'multi-frame' };
  if (slices.length < minimum) return { reason: 'too-few-slices', slices: slices.length, minimum };
  const [first] = slices;
  if (!slices.every((s) => near(s.orientation, first.orientation))) return { reason: 'mixed-orientation' };
  const sameMatrix = (s: SliceGeometry) =>
    s.rows === first.rows && s.columns === first.columns && near(s.pixelSpacing, first.pixelSpacing, 1e-4);
  return slices.every(sameMatrix) ? undefined : { reason: 'mixed-matrix' };
}

/** The slices as a volume, or why they are not one. */
export function volumeGeometry(
  given: readonly (SliceGeometry | undefined)[],
  options: VolumeOptions = {},
): VolumeGeometry | { ok: false; refusal: VolumeRefusal } {
  const { minimumSlices = 10, tiltToleranceDegrees = 0.5, spacingTolerance = 0.1 } = options;
  const refuse = (refusal: VolumeRefusal) => ({ ok: false as const, refusal });
  if (!given.length || given.some((s) => !s)) return refuse({ reason: 'missing-geometry' });
  const slices = given as readonly SliceGeometry[];
  const shared = sharedRefusal(slices, minimumSlices);
  if (shared) return refuse(shared);
  const [first] = slices;
  const rowDirection = unit(first.orientation.slice(0, 3) as Vec3);
  const columnDirection = unit(first.orientation.slice(3) as Vec3);
  const normal = unit(cross(rowDirection, columnDirection));
  const order = slices
    .map((_, i) => i)
    .sort((a, b) => dot(slices[a].position, normal) - dot(slices[b].position, normal));
  const gaps = order.slice(1).map((index, i) => sub(slices[index].position, slices[order[i]].position));
  const along = gaps.map((gap) => dot(gap, normal));
  if (along.some((d) => d < 1e-3)) return refuse({ reason: 'duplicate-positions' });
  // The stack's direction against the image normal: a tilted gantry stacks slices obliquely.
  const stack = unit(sub(slices[order[order.length - 1]].position, slices[order[0]].position));
  const degrees = (Math.acos(Math.min(1, Math.abs(dot(stack, normal)))) * 180) / Math.PI;
  if (degrees > tiltToleranceDegrees) return refuse({ reason: 'gantry-tilt', degrees: Math.round(degrees * 10) / 10 });
  const mean = along.reduce((a, b) => a + b, 0) / along.length;
  // Each slice against its place on the even grid from the first to the last.
  const offsets = order.map((index) => dot(sub(slices[index].position, slices[order[0]].position), normal));
  const worst = Math.max(...offsets.map((offset, i) => Math.abs(offset - i * mean)));
  if (worst > spacingTolerance * mean)
    return refuse({ reason: 'uneven-spacing', minMm: Math.min(...along), maxMm: Math.max(...along) });
  const [rowSpacing, columnSpacing] = first.pixelSpacing;
  return {
    ok: true,
    order,
    dimensions: [first.columns, first.rows, slices.length],
    spacingMm: [columnSpacing, rowSpacing, mean],
    rowDirection,
    columnDirection,
    normal,
    origin: [...slices[order[0]].position] as Vec3,
  };
}

const mm = (value: number) => Number(value.toFixed(2));

/** Why no reformat is shown, for the reader. */
export function volumeRefusalText(refusal: VolumeRefusal): string {
  switch (refusal.reason) {
    case 'missing-geometry':
      return msg('The slices do not say where they lie in the patient.', { id: 'viewport.volume.no-geometry' });
    case 'multi-frame':
      return msg('Multi-frame images are not reformatted.', { id: 'viewport.volume.multi-frame' });
    case 'too-few-slices':
      return msg(str`Only ${refusal.slices} slices; a reformat needs ${refusal.minimum}.`, {
        id: 'viewport.volume.few',
      });
    case 'mixed-orientation':
      return msg('The slices are not all oriented alike.', { id: 'viewport.volume.orientation' });
    case 'mixed-matrix':
      return msg('The slices differ in size or pixel spacing.', { id: 'viewport.volume.matrix' });
    case 'duplicate-positions':
      return msg('Several slices lie at the same position.', { id: 'viewport.volume.duplicates' });
    case 'gantry-tilt':
      return msg(str`Gantry tilt ${refusal.degrees}°: not reformatted.`, { id: 'viewport.volume.tilt' });
    case 'uneven-spacing':
      return msg(str`The slices are not evenly spaced (${mm(refusal.minMm)} to ${mm(refusal.maxMm)} mm).`, {
        id: 'viewport.volume.uneven',
      });
  }
}
