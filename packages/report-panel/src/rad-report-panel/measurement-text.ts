// A measurement in words for the Findings: values with units, calibration when not at the patient,
// and the image as a reader finds it again in the viewer.
import { imageRef, instanceRef, measurementSentence, seriesRef, sliceRef } from './messages.js';
import type { ReportMeasurement } from './report-model.js';
import type { EvidenceInstance } from './report-sr.js';

/**
 * Names a measurement's image: by its position in the stack the viewport shows ("series 2, image
 * 1 of 24", as its counter), and the Instance Number only labelled as such, when it differs from
 * that position or no position is known (it may run the other way).
 */
export function imageNamed(measurement: ReportMeasurement, evidence: EvidenceInstance | undefined): string {
  const series = String(evidence?.seriesNumber ?? '?');
  const instanceNumber = measurement.image?.instanceNumber ?? evidence?.instanceNumber;
  const instance =
    instanceNumber === undefined
      ? undefined
      : instanceRef(`${instanceNumber}${measurement.frame > 1 ? `:${measurement.frame}` : ''}`);
  const { image } = measurement;
  if (!image) return [seriesRef(series), instance].filter(Boolean).join(', ');
  // A reformat: its plane and slice; the nearest source image as its instance.
  if (image.plane) return [seriesRef(series), sliceRef(image.plane, image.position, image.count), instance].join(', ');
  return [imageRef(series, image.position, image.count), image.position === instanceNumber ? undefined : instance]
    .filter(Boolean)
    .join(', ');
}

/** "Length: 42.46 mm (series 2, image 3 of 24)."; "Ellipse ROI: area 120 mm², mean 40 HU, …". */
export function measurementText(measurement: ReportMeasurement, evidence: EvidenceInstance | undefined): string {
  // "Length: 42.46 mm", not "Length: length 42.46 mm".
  const named = (name: string) => (name.toLowerCase() === measurement.tool.toLowerCase() ? '' : `${name} `);
  const values = measurement.values.map((v) => `${named(v.name)}${Number(v.value.toFixed(2))} ${v.unit}`).join(', ');
  const calibration = measurement.calibration === 'patient' ? '' : ` [${measurement.calibration}]`;
  return measurementSentence(`${measurement.tool}: ${values}${calibration}`, imageNamed(measurement, evidence));
}
