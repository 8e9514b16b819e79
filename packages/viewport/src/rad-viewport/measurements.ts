import { stringValue, Tag, type Measurement, type StackPosition } from '@telerad/core';
import { calibrationOf, distance, type Calibration, type CalibrationKind } from './calibration.js';
import type { StackFrame } from './series-stack.js';

/** Measurement tools of the viewport (Cornerstone3D tool names). */
export const MEASUREMENT_TOOLS = [
  'Length',
  'Angle',
  'CobbAngle',
  'Bidirectional',
  'EllipticalROI',
  'RectangleROI',
  'CircleROI',
  'Probe',
  'ArrowAnnotate',
] as const;
export type MeasurementTool = (typeof MEASUREMENT_TOOLS)[number];

/** One number of a measurement with its unit, e.g. `{ name: 'mean', value: 50.2, unit: 'HU' }`. */
export interface MeasuredValue {
  /** `peak`: SUVpeak, the largest mean over 1 cm³ spheres (suv-statistics.ts). */
  name: 'length' | 'angle' | 'long-axis' | 'short-axis' | 'area' | 'mean' | 'stdDev' | 'min' | 'max' | 'peak' | 'value';
  value: number;
  unit: string;
}

/**
 * A measurement as the viewport reports it: values with units, how calibrated, and its image
 * (study, series, instance, SOP class, frame; `image`: its place in the stack as the counter shows
 * it, by position in slice order, and its Instance Number, which may run the other way).
 */
export interface RadMeasurement extends Measurement {
  tool: MeasurementTool;
  values: MeasuredValue[];
  calibration: CalibrationKind;
  /** Handle positions in image coordinates: [column, row], pixel centres at integers + 0.5 (none on a reformat). */
  handles: [number, number][];
  /** On a reformat: the handles in patient coordinates (LPS, mm), and the reformat's plane. */
  points?: [number, number, number][];
  view?: 'axial' | 'coronal' | 'sagittal';
  /** Free text (arrow annotations). */
  text?: string;
}

export type { StackPosition };

/** What `setMeasurements` needs of a measurement: the values are computed again. */
export type MeasurementInput = Pick<
  RadMeasurement,
  'tool' | 'handles' | 'sopInstanceUID' | 'text' | 'points' | 'view'
> & {
  frame?: number;
};

/** The statistics Cornerstone caches on an ROI or probe annotation, per target. */
export interface CachedStats {
  mean?: number;
  stdDev?: number;
  min?: number;
  max?: number;
  value?: number;
  modalityUnit?: string;
}

const degrees = (radians: number) => (radians * 180) / Math.PI;

function angleAt(vertex: number[], a: number[], b: number[], c: Calibration): number {
  const u = [(a[0] - vertex[0]) * c.columnSpacing, (a[1] - vertex[1]) * c.rowSpacing];
  const v = [(b[0] - vertex[0]) * c.columnSpacing, (b[1] - vertex[1]) * c.rowSpacing];
  return degrees(
    Math.acos(Math.max(-1, Math.min(1, (u[0] * v[0] + u[1] * v[1]) / (Math.hypot(...u) * Math.hypot(...v))))),
  );
}

function angleBetweenLines(p: number[][], c: Calibration): number {
  const direction = (a: number[], b: number[]) => [(b[0] - a[0]) * c.columnSpacing, (b[1] - a[1]) * c.rowSpacing];
  const u = direction(p[0], p[1]);
  const v = direction(p[2], p[3]);
  const angle = degrees(Math.acos(Math.abs(u[0] * v[0] + u[1] * v[1]) / (Math.hypot(...u) * Math.hypot(...v))));
  return angle;
}

/**
 * Values of a measurement from its handles (image coordinates) and the frame's calibration;
 * intensity statistics come from Cornerstone, in modality units (HU after rescale, SUV…).
 */
export function measuredValues(
  tool: MeasurementTool,
  handles: number[][],
  frame: StackFrame,
  stats: CachedStats = {},
): MeasuredValue[] {
  const c = calibrationOf(frame.metadata);
  const length = (a: number[], b: number[]) => distance(a, b, c);
  const area = (mm2: number): MeasuredValue => ({ name: 'area', value: mm2, unit: `${c.unit}²` });
  const intensity: MeasuredValue[] = (['mean', 'stdDev', 'min', 'max'] as const)
    .filter((name) => typeof stats[name] === 'number')
    .map((name) => ({ name, value: stats[name] as number, unit: stats.modalityUnit ?? '' }));
  switch (tool) {
    case 'Length':
      return [{ name: 'length', value: length(handles[0], handles[1]), unit: c.unit }];
    case 'Angle':
      return [{ name: 'angle', value: angleAt(handles[1], handles[0], handles[2], c), unit: '°' }];
    case 'CobbAngle':
      return [{ name: 'angle', value: angleBetweenLines(handles, c), unit: '°' }];
    case 'Bidirectional':
      return [
        { name: 'long-axis', value: length(handles[0], handles[1]), unit: c.unit },
        { name: 'short-axis', value: length(handles[2], handles[3]), unit: c.unit },
      ];
    case 'EllipticalROI': {
      // Handles: top, bottom, left, right of the ellipse.
      return [area((Math.PI * length(handles[0], handles[1]) * length(handles[2], handles[3])) / 4), ...intensity];
    }
    case 'CircleROI':
      return [area(Math.PI * length(handles[0], handles[1]) ** 2), ...intensity];
    case 'RectangleROI': {
      const [a, , , d] = handles;
      return [area(Math.abs((d[0] - a[0]) * c.columnSpacing * (d[1] - a[1]) * c.rowSpacing)), ...intensity];
    }
    case 'Probe':
      return typeof stats.value === 'number'
        ? [{ name: 'value', value: stats.value, unit: stats.modalityUnit ?? '' }]
        : [];
    case 'ArrowAnnotate':
      return [];
  }
}

/** Handles closer than this (image pixels) are one point: a click, not a measurement. */
const SUB_PIXEL = 1;
/** Points (image coordinates, or patient coordinates on a reformat) not within a sub-pixel of each other. */
const apart = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, i) => v - b[i])) >= SUB_PIXEL;

/**
 * Whether a shape measures nothing: a zero-length or sub-pixel line, angle arm, axis or ROI side,
 * as a single click with a drawing tool leaves. Probes and arrows are points by nature.
 */
export function isDegenerate(tool: MeasurementTool, handles: readonly (readonly number[])[]): boolean {
  const [a, b, c, d] = handles;
  switch (tool) {
    case 'Length':
    case 'Bidirectional':
    case 'CircleROI':
      return !apart(a, b);
    case 'Angle':
      return !apart(a, b) || !apart(b, c);
    case 'CobbAngle':
    case 'EllipticalROI':
      return !apart(a, b) || !apart(c, d);
    case 'RectangleROI':
      return Math.abs(d[0] - a[0]) < SUB_PIXEL || Math.abs(d[1] - a[1]) < SUB_PIXEL;
    case 'Probe':
    case 'ArrowAnnotate':
      return false;
  }
}

/** The image a measurement on `frame` was made on, as core's contract names it. */
export function measuredImageOf(
  frame: StackFrame,
): Pick<RadMeasurement, 'studyInstanceUID' | 'seriesInstanceUID' | 'sopInstanceUID' | 'sopClassUID' | 'frame'> {
  const uid = (tag: string) => stringValue(frame.metadata, tag) ?? '';
  return {
    studyInstanceUID: uid(Tag.StudyInstanceUID),
    seriesInstanceUID: uid(Tag.SeriesInstanceUID),
    sopInstanceUID: frame.sopInstanceUID,
    sopClassUID: uid(Tag.SOPClassUID),
    frame: frame.frame,
  };
}
