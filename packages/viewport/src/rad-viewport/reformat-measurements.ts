// Measurements drawn on a reformat (issue 17): Cornerstone's annotations on the series' volume in
// this reformat's plane, as RadMeasurements whose values come from their points in patient space
// (mm, exact in any plane), whose statistics are Cornerstone's over the volume (modality units),
// which name their plane and slice, and which reference the source image nearest to them.
import { calibrationOf } from './calibration.js';
import type { CornerstoneRuntime } from './cornerstone-runtime.js';
import {
  MEASUREMENT_TOOLS,
  measuredImageOf,
  type MeasuredValue,
  type MeasurementTool,
  type RadMeasurement,
} from './measurements.js';
import { modalityUnitOf } from './modality-value.js';
import type { Plane, Point3 } from './reformat-viewport.js';
import type { StackFrame } from './series-stack.js';
import { sliceGeometryOf } from './volume-geometry.js';
import { suvStatistics, type SampledVolume } from './suv-statistics.js';
import { cross, dot, offset, sub } from './vector3.js';

/** A Cornerstone annotation made on a volume viewport, as far as this module reads it. */
export interface VolumeAnnotation {
  annotationUID?: string;
  metadata: { toolName: string; volumeId?: string; viewPlaneNormal?: number[] };
  data: {
    handles: { points: number[][] };
    cachedStats?: Record<string, Record<string, number | string>>;
    text?: string;
  };
}

/** What the measurements read of the reformat they are on. */
export interface MeasuredReformat {
  volumeId: string;
  plane: Plane;
  /** The plane's name for a report ("coronal reformat"). */
  planeName: string;
  normal: Point3;
  screenRight: Point3;
  screenUp: Point3;
  sliceIndex: number;
  slices: number;
  frames: readonly StackFrame[];
  /** A PET volume under the plane (the series shown, or one fused onto it): ROIs report SUVmax, SUVmean and SUVpeak. */
  pet?: { volume: SampledVolume; unit: string };
}

const PET_ROI_TOOLS: readonly MeasurementTool[] = ['EllipticalROI', 'RectangleROI', 'CircleROI'];

/** SUVmax, SUVmean and SUVpeak of an ROI over the PET volume (suv-statistics.ts), in its unit. */
function petStatistics(
  tool: MeasurementTool,
  points: Point3[],
  reformat: MeasuredReformat,
): MeasuredValue[] | undefined {
  const { pet } = reformat;
  if (!pet || !PET_ROI_TOOLS.includes(tool)) return undefined;
  const stats = suvStatistics(pet.volume, tool, points, { right: reformat.screenRight, up: reformat.screenUp });
  if (!stats) return [];
  return (['max', 'mean', 'peak'] as const).map((name) => ({ name, value: stats[name], unit: pet.unit }));
}

const length = (a: readonly number[], b: readonly number[]) => Math.hypot(...sub(a, b));
const angle = (u: readonly number[], v: readonly number[]) =>
  (Math.acos(Math.max(-1, Math.min(1, dot(u, v) / (Math.hypot(...u) * Math.hypot(...v))))) * 180) / Math.PI;

/** Whether an annotation is one drawn on this reformat: on its volume, in its plane. */
export function isOnReformat(annotation: VolumeAnnotation, reformat: MeasuredReformat): boolean {
  const { volumeId, viewPlaneNormal } = annotation.metadata;
  return (
    volumeId === reformat.volumeId &&
    viewPlaneNormal !== undefined &&
    Math.abs(dot(viewPlaneNormal, reformat.normal)) > 0.999 &&
    MEASUREMENT_TOOLS.includes(annotation.metadata.toolName as MeasurementTool)
  );
}

/** Geometric values of a tool's points in patient space (mm); statistics are added by the caller. */
function geometricValues(tool: MeasurementTool, p: readonly number[][], reformat: MeasuredReformat): MeasuredValue[] {
  const area = (mm2: number): MeasuredValue => ({ name: 'area', value: mm2, unit: 'mm²' });
  switch (tool) {
    case 'Length':
      return [{ name: 'length', value: length(p[0], p[1]), unit: 'mm' }];
    case 'Angle':
      return [{ name: 'angle', value: angle(sub(p[0], p[1]), sub(p[2], p[1])), unit: '°' }];
    case 'CobbAngle': {
      const value = angle(sub(p[1], p[0]), sub(p[3], p[2]));
      return [{ name: 'angle', value: Math.min(value, 180 - value), unit: '°' }];
    }
    case 'Bidirectional':
      return [
        { name: 'long-axis', value: length(p[0], p[1]), unit: 'mm' },
        { name: 'short-axis', value: length(p[2], p[3]), unit: 'mm' },
      ];
    case 'EllipticalROI':
      return [area((Math.PI * length(p[0], p[1]) * length(p[2], p[3])) / 4)];
    case 'CircleROI':
      return [area(Math.PI * length(p[0], p[1]) ** 2)];
    case 'RectangleROI': {
      const diagonal = sub(p[3], p[0]);
      return [area(Math.abs(dot(diagonal, reformat.screenRight) * dot(diagonal, reformat.screenUp)))];
    }
    case 'Probe':
    case 'ArrowAnnotate':
      return [];
  }
}

/**
 * The plane a measurement's points span where it is not their view's own (an oblique plane): its
 * normal (on the view's side) and the view's up laid into it. Undefined for two points, points on
 * a line, or points in the view's plane (within half a degree).
 */
export function obliquePlaneOf(
  points: readonly (readonly number[])[],
  standard: { viewPlaneNormal: readonly number[]; viewUp: readonly number[] },
): { normal: Point3; up: Point3 } | undefined {
  const [a, b] = points;
  const spans = points.slice(2).map((c) => cross(sub(b, a), sub(c, a)));
  const span = spans.find((n) => Math.hypot(...n) > 1e-3 * Math.hypot(...sub(b, a)) ** 2);
  if (!span) return undefined;
  const side = Math.sign(dot(span, standard.viewPlaneNormal)) || 1;
  const normal = span.map((v) => (v * side) / Math.hypot(...span)) as Point3;
  if (dot(normal, standard.viewPlaneNormal) > Math.cos((0.5 * Math.PI) / 180)) return undefined;
  const up = offset(standard.viewUp, normal, -dot(standard.viewUp, normal));
  return { normal, up: up.map((v) => v / Math.hypot(...up)) as Point3 };
}

/** The source image nearest to a patient point (what an SR's reference and a report's link name). */
export function nearestFrame(frames: readonly StackFrame[], point: readonly number[]): StackFrame | undefined {
  let best: { frame: StackFrame; distance: number } | undefined;
  for (const frame of frames) {
    const slice = sliceGeometryOf(frame.metadata);
    if (!slice) continue;
    const normal = cross(slice.orientation.slice(0, 3), slice.orientation.slice(3));
    const distance = Math.abs(dot(sub(point, slice.position), normal));
    if (!best || distance < best.distance) best = { frame, distance };
  }
  return best?.frame;
}

/** A reformat's annotation as a measurement: values in mm from its points, statistics in the modality's unit. */
export function reformatMeasurement(
  annotation: VolumeAnnotation,
  reformat: MeasuredReformat,
): RadMeasurement | undefined {
  const tool = annotation.metadata.toolName as MeasurementTool;
  const points = annotation.data.handles.points.map((p) => [p[0], p[1], p[2]] as Point3);
  const centre = [0, 1, 2].map((i) => points.reduce((sum, p) => sum + p[i], 0) / points.length);
  const frame = nearestFrame(reformat.frames, centre);
  if (!frame || !points.length) return undefined;
  const stats = Object.values(annotation.data.cachedStats ?? {})[0] ?? {};
  const unit = modalityUnitOf(frame.metadata, frame.suvbw);
  const names = tool === 'Probe' ? (['value'] as const) : (['mean', 'stdDev', 'min', 'max'] as const);
  const statistics =
    petStatistics(tool, points, reformat) ??
    names
      .filter((name) => typeof stats[name] === 'number')
      .map((name): MeasuredValue => ({ name, value: stats[name] as number, unit }));
  return {
    id: annotation.annotationUID ?? '',
    tool,
    values: [...geometricValues(tool, points, reformat), ...statistics],
    // Patient space: the volume's own spacing, whatever the calibration of its images.
    calibration: calibrationOf(frame.metadata).kind === 'patient' ? 'patient' : 'uncalibrated',
    ...measuredImageOf(frame),
    image: { position: reformat.sliceIndex + 1, count: reformat.slices, plane: reformat.planeName },
    handles: [],
    points,
    view: reformat.plane,
    ...(annotation.data.text ? { text: annotation.data.text } : {}),
  };
}

/** The annotations of the volume's frame of reference that are this reformat's. */
export function reformatAnnotations(
  { tools }: CornerstoneRuntime,
  element: HTMLElement,
  reformat: MeasuredReformat,
): VolumeAnnotation[] {
  return MEASUREMENT_TOOLS.flatMap(
    (tool) =>
      (tools.annotation.state.getAnnotations(tool, element as HTMLDivElement) ?? []) as unknown as VolumeAnnotation[],
  ).filter((annotation) => isOnReformat(annotation, reformat));
}
