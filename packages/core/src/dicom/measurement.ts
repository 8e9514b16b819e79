// The measurement contract between the elements: what a viewport announces and a report takes in.

/** An image's place in the stack a viewport shows: 1-based position of `count`, and its Instance Number. */
export interface StackPosition {
  position: number;
  count: number;
  instanceNumber?: number;
  /** A reformat's plane ("Coronal reformat"): `position` and `count` are then its slices. */
  plane?: string;
}

/**
 * The image a measurement was made on: enough to name it in a report and to reference it from a
 * DICOM SR (Referenced SOP Class and Instance, frame) in the right study.
 */
export interface MeasuredImage {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  sopClassUID: string;
  /** 1-based frame of a multi-frame instance. */
  frame: number;
  /** Where the image sits in the viewport's stack ("image 3 of 24"). */
  image?: StackPosition;
}

/** One number of a measurement with its unit, e.g. `{ name: 'mean', value: 50.2, unit: 'HU' }`. */
export interface MeasurementValue {
  name: string;
  value: number;
  unit: string;
}

/** A measurement as it crosses from a viewport to a report: values with units, calibration, its image. */
export interface Measurement extends MeasuredImage {
  id: string;
  /** The tool that drew it (Cornerstone3D tool name, e.g. `Length`). */
  tool: string;
  values: readonly MeasurementValue[];
  /** How lengths are calibrated: `patient`, `detector`, `region`, `pixels`… */
  calibration: string;
}

/** `detail` of `rad-measurement-added`, `-modified` and `-removed`. */
export interface MeasurementDetail<M extends Measurement = Measurement> {
  measurement: M;
}

/** The events a viewport announces measurements with (bubbling, composed). */
export const MEASUREMENT_EVENTS = [
  'rad-measurement-added',
  'rad-measurement-modified',
  'rad-measurement-removed',
] as const;
export type MeasurementEventName = (typeof MEASUREMENT_EVENTS)[number];
