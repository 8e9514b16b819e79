import { numberValue, sequenceItems, type DicomJsonDataset } from '@telerad/core';

/**
 * What a distance on an image means (PS3.3 C.8.11.7 / C.8.5.5): patient-plane pixel spacing,
 * spacing at the detector (projection X-ray: objects appear magnified), an ultrasound region's
 * physical deltas, or nothing (pixels).
 */
export type CalibrationKind = 'patient' | 'detector' | 'ultrasound-region' | 'uncalibrated';

export interface Calibration {
  kind: CalibrationKind;
  /** mm per pixel between rows (vertical) and between columns (horizontal); 1 when uncalibrated. */
  rowSpacing: number;
  columnSpacing: number;
  /** Length unit: "mm", or "px" when uncalibrated. */
  unit: 'mm' | 'px';
}

const CENTIMETRES = 3;

/** The calibration of an image from its DICOM attributes, best source first. */
export function calibrationOf(dataset: DicomJsonDataset): Calibration {
  const region = sequenceItems(dataset, '00186011').find(
    (r) => numberValue(r, '00186024') === CENTIMETRES && numberValue(r, '00186026') === CENTIMETRES,
  );
  if (region) {
    const dx = Math.abs(numberValue(region, '0018602C') ?? 0) * 10;
    const dy = Math.abs(numberValue(region, '0018602E') ?? 0) * 10;
    if (dx > 0 && dy > 0) return { kind: 'ultrasound-region', rowSpacing: dy, columnSpacing: dx, unit: 'mm' };
  }
  const spacing = (tag: string) => (dataset[tag]?.Value ?? []).map(Number).filter((n) => n > 0);
  const patient = spacing('00280030');
  if (patient.length === 2) return { kind: 'patient', rowSpacing: patient[0], columnSpacing: patient[1], unit: 'mm' };
  const detector = spacing('00181164');
  if (detector.length === 2)
    return { kind: 'detector', rowSpacing: detector[0], columnSpacing: detector[1], unit: 'mm' };
  return { kind: 'uncalibrated', rowSpacing: 1, columnSpacing: 1, unit: 'px' };
}

/** Distance between two image points ([column, row]) in the calibration's unit. */
export function distance(a: readonly number[], b: readonly number[], c: Calibration): number {
  return Math.hypot((b[0] - a[0]) * c.columnSpacing, (b[1] - a[1]) * c.rowSpacing);
}
