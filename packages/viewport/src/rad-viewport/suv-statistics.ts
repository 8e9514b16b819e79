// SUV statistics of an ROI drawn on a plane through a PET volume (issue 17), by these definitions:
// - the ROI's voxels: those whose cells the ROI covers in the plane (sampled every half voxel);
// - SUVmax: the largest value among them; SUVmean: their mean, each voxel once;
// - SUVpeak: the largest mean over 1 cm³ spheres (radius 6.20 mm; the voxels whose centres lie
//   inside) centred on the ROI's voxels — PERCIST 1.0's peak, its centre kept within the ROI.
import type { MeasurementTool } from './measurements.js';
import { dot, offset, sub, type Vec3 } from './vector3.js';

/** The radius (mm) of a sphere of 1 cm³. */
export const PEAK_RADIUS_MM = Math.cbrt(3000 / (4 * Math.PI));

/** A scalar volume as the statistics read it. */
export interface SampledVolume {
  dimensions: readonly [number, number, number];
  /** Voxel size (mm) along each index axis. */
  spacing: readonly [number, number, number];
  /** Fractional voxel indices of a patient point (LPS, mm). */
  indexOf(point: Vec3): Vec3;
  /** The value of voxel [i, j, k]. */
  valueAt(i: number, j: number, k: number): number;
}

export interface SuvStatistics {
  max: number;
  mean: number;
  peak: number;
  /** Voxels in the ROI. */
  voxels: number;
}

/** The plane an ROI lies in: its in-plane directions (unit vectors). */
export interface RoiPlane {
  right: Vec3;
  up: Vec3;
}

/** The ROI's outline as a test of in-plane offsets (mm) from its centre, and its half extent along right/up. */
function roiShape(tool: MeasurementTool, p: readonly Vec3[], plane: RoiPlane) {
  const along = (v: Vec3) => [dot(v, plane.right), dot(v, plane.up)];
  if (tool === 'CircleROI') {
    const radius = Math.hypot(...sub(p[1], p[0]));
    return { centre: p[0], half: [radius, radius], inside: (x: number, y: number) => x * x + y * y <= radius * radius };
  }
  const centre = [0, 1, 2].map((i) => p.reduce((sum, q) => sum + q[i], 0) / p.length) as unknown as Vec3;
  const offsets = p.map((q) => along(sub(q, centre)));
  const half = [0, 1].map((axis) => Math.max(...offsets.map((o) => Math.abs(o[axis]))));
  if (tool === 'RectangleROI')
    return { centre, half, inside: (x: number, y: number) => Math.abs(x) <= half[0] && Math.abs(y) <= half[1] };
  // An ellipse's handles lie at the ends of its axes: the semi-axes along right and up.
  return { centre, half, inside: (x: number, y: number) => (x / half[0]) ** 2 + (y / half[1]) ** 2 <= 1 };
}

/** The voxels (flat indices) an ROI covers in its plane. */
function roiVoxels(volume: SampledVolume, tool: MeasurementTool, points: readonly Vec3[], plane: RoiPlane): number[] {
  const { centre, half, inside } = roiShape(tool, points, plane);
  const [nx, ny, nz] = volume.dimensions;
  const step = Math.min(...volume.spacing) / 2;
  const found = new Set<number>();
  for (let x = -half[0]; x <= half[0] + 1e-9; x += step) {
    for (let y = -half[1]; y <= half[1] + 1e-9; y += step) {
      if (!inside(x, y)) continue;
      const [i, j, k] = volume.indexOf(offset(offset(centre, plane.right, x), plane.up, y)).map(Math.round);
      if (i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz) found.add(i + nx * (j + ny * k));
    }
  }
  return [...found];
}

/** Index offsets of the voxels whose centres lie within a 1 cm³ sphere about a voxel's centre. */
function peakOffsets(spacing: readonly number[]): Vec3[] {
  const reach = spacing.map((s) => Math.floor(PEAK_RADIUS_MM / s));
  const offsets: Vec3[] = [];
  for (let di = -reach[0]; di <= reach[0]; di++)
    for (let dj = -reach[1]; dj <= reach[1]; dj++)
      for (let dk = -reach[2]; dk <= reach[2]; dk++)
        if (Math.hypot(di * spacing[0], dj * spacing[1], dk * spacing[2]) <= PEAK_RADIUS_MM) offsets.push([di, dj, dk]);
  return offsets;
}

/** SUVmax, SUVmean and SUVpeak of an ellipse, rectangle or circle ROI; undefined if it covers no voxel. */
export function suvStatistics(
  volume: SampledVolume,
  tool: MeasurementTool,
  points: readonly Vec3[],
  plane: RoiPlane,
): SuvStatistics | undefined {
  const voxels = roiVoxels(volume, tool, points, plane);
  if (!voxels.length) return undefined;
  const [nx, ny, nz] = volume.dimensions;
  const indexOf = (flat: number): Vec3 => [flat % nx, Math.floor(flat / nx) % ny, Math.floor(flat / (nx * ny))];
  const values = voxels.map((flat) => volume.valueAt(...indexOf(flat)));
  const sphere = peakOffsets(volume.spacing);
  let peak = -Infinity;
  for (const flat of voxels) {
    const [i, j, k] = indexOf(flat);
    let sum = 0;
    let count = 0;
    for (const [di, dj, dk] of sphere) {
      const [a, b, c] = [i + di, j + dj, k + dk];
      if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
      sum += volume.valueAt(a, b, c);
      count++;
    }
    peak = Math.max(peak, sum / count);
  }
  return {
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    peak,
    voxels: voxels.length,
  };
}
