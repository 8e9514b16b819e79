// Reference lines on a reformat: where each other plane of the group cuts this one, through the
// shared crosshair point, as a segment across the image area in canvas pixels. Coloured by the
// cutting plane (axial red, coronal green, sagittal yellow, as reading software commonly does).
import type { Plane, Point3 } from './reformat-viewport.js';
import { cross, offset } from './vector3.js';

export interface ReferenceLine {
  /** The plane that cuts this one (by its normal's main axis). */
  plane: Plane;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The standard plane a normal is nearest to. */
export function planeOf(normal: readonly number[]): Plane {
  const magnitudes = normal.map(Math.abs);
  return (['sagittal', 'coronal', 'axial'] as const)[magnitudes.indexOf(Math.max(...magnitudes))];
}

/**
 * The lines where planes with normals `others` cut the plane with normal `own`, all through
 * `point`, projected by `toCanvas` and long enough to cross an area of `extent` pixels.
 */
export function referenceLines(
  point: Point3,
  own: Point3,
  others: readonly Point3[],
  toCanvas: (point: readonly number[]) => [number, number] | undefined,
  extent: number,
): ReferenceLine[] {
  const centre = toCanvas(point);
  if (!centre) return [];
  return others.flatMap((normal) => {
    const direction = cross(own, normal);
    const length = Math.hypot(...direction);
    // A parallel plane does not cut this one.
    if (length < 1e-3) return [];
    const along = toCanvas(offset(point, direction, 10 / length));
    if (!along) return [];
    const [dx, dy] = [along[0] - centre[0], along[1] - centre[1]];
    const scale = extent / (Math.hypot(dx, dy) || 1);
    const [x, y] = centre;
    return [{ plane: planeOf(normal), x1: x - dx * scale, y1: y - dy * scale, x2: x + dx * scale, y2: y + dy * scale }];
  });
}
