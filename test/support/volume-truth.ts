// The volume phantom's voxels from its truth in the manifest (scripts/corpus/volume-phantoms.mjs):
// the anatomy (a sphere, three rods) sampled at each voxel centre, as the corpus wrote it, and the
// values a reformat must show from them under nearest-neighbour and trilinear resampling.
type Vec3 = readonly [number, number, number];

export interface VolumePhantomTruth {
  anatomy: {
    backgroundHu: number;
    sphere: { centerMm: number[]; radiusMm: number; hu: number };
    rods: { axis: 'x' | 'y' | 'z'; throughMm: number[]; halfMm: number; hu: number }[];
  };
  matrix: [number, number, number];
  pixelSpacingMm: [number, number];
  sliceGapMm: number;
  positionsMm: number[][];
}

/** The anatomy's value at a patient point (LPS, mm): the phantom's definition. */
export function anatomyAt({ anatomy }: VolumePhantomTruth, point: Vec3): number {
  const { sphere, rods, backgroundHu } = anatomy;
  if (Math.hypot(...point.map((v, i) => v - sphere.centerMm[i])) <= sphere.radiusMm) return sphere.hu;
  for (const rod of rods) {
    const along = 'xyz'.indexOf(rod.axis);
    if ([0, 1, 2].every((i) => i === along || Math.abs(point[i] - rod.throughMm[i]) <= rod.halfMm)) return rod.hu;
  }
  return backgroundHu;
}

/** Voxel indices (column, row, slice; fractional) of a patient point. The phantom's slices run towards −z. */
export function voxelIndexOf(truth: VolumePhantomTruth, [x, y, z]: Vec3): Vec3 {
  const [origin] = truth.positionsMm;
  const [spacing] = truth.pixelSpacingMm;
  return [(x - origin[0]) / spacing, (y - origin[1]) / spacing, (origin[2] - z) / truth.sliceGapMm];
}

/** The stored value of voxel [column, row, slice]. */
export function voxel(truth: VolumePhantomTruth, [c, r, k]: Vec3): number {
  const origin = truth.positionsMm[k];
  const [spacing] = truth.pixelSpacingMm;
  return anatomyAt(truth, [origin[0] + c * spacing, origin[1] + r * spacing, origin[2]]);
}

const clampIndex = (value: number, size: number) => Math.max(0, Math.min(size - 1, value));

/** The value nearest-neighbour resampling gives at a patient point. */
export function nearestValue(truth: VolumePhantomTruth, point: Vec3): number {
  const index = voxelIndexOf(truth, point).map((v, i) => clampIndex(Math.round(v), truth.matrix[i])) as unknown as Vec3;
  return voxel(truth, index);
}

/** The value trilinear interpolation gives at a patient point. */
export function trilinearValue(truth: VolumePhantomTruth, point: Vec3): number {
  const index = voxelIndexOf(truth, point);
  const base = index.map((v, i) => clampIndex(Math.floor(v), truth.matrix[i] - 1));
  const t = index.map((v, i) => Math.max(0, Math.min(1, v - base[i])));
  let value = 0;
  for (let corner = 0; corner < 8; corner++) {
    const bits = [corner & 1, (corner >> 1) & 1, (corner >> 2) & 1];
    const weight = bits.reduce((w, bit, i) => w * (bit ? t[i] : 1 - t[i]), 1);
    if (weight) value += weight * voxel(truth, bits.map((bit, i) => base[i] + bit) as unknown as Vec3);
  }
  return value;
}

/** The largest stored value among voxels whose centres lie within `half` mm of the plane `axis` = `at`. */
export function slabMaximum(truth: VolumePhantomTruth, point: Vec3, axis: 0 | 1 | 2, half: number): number {
  let max = -Infinity;
  const centre = voxelIndexOf(truth, point).map((v, i) => clampIndex(Math.round(v), truth.matrix[i]));
  for (let k = 0; k < truth.matrix[axis]; k++) {
    const index = [...centre];
    index[axis] = k;
    const [origin] = truth.positionsMm;
    const mm = axis === 2 ? origin[2] - k * truth.sliceGapMm : origin[axis] + k * truth.pixelSpacingMm[0];
    if (Math.abs(mm - point[axis]) <= half + 1e-6) max = Math.max(max, voxel(truth, index as unknown as Vec3));
  }
  return max;
}
