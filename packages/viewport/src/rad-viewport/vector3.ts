// Vectors of patient space (LPS, mm) as the geometry modules use them: plain arrays of three numbers.
export type Vec3 = [number, number, number];

export const sub = (a: readonly number[], b: readonly number[]): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const dot = (a: readonly number[], b: readonly number[]): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: readonly number[], b: readonly number[]): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
/** `point` moved `distance` along `direction`. */
export const offset = (point: readonly number[], direction: readonly number[], distance: number): Vec3 => [
  point[0] + distance * direction[0],
  point[1] + distance * direction[1],
  point[2] + distance * direction[2],
];
/** `v` turned by `radians` about the unit `axis` (right-handed: counterclockwise seen from the axis' tip). */
export function rotateAbout(v: readonly number[], axis: readonly number[], radians: number): Vec3 {
  const [c, s] = [Math.cos(radians), Math.sin(radians)];
  const along = dot(axis, v) * (1 - c);
  const [x, y, z] = cross(axis, v);
  return [0, 1, 2].map((i) => v[i] * c + [x, y, z][i] * s + axis[i] * along) as Vec3;
}
