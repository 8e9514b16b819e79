import { numberValue, sequenceItems, stringValue, stringValues, type DicomJsonDataset } from '@telerad/core';
import type { InstanceMetadata } from '@cornerstonejs/calculate-suv';

/** SUV body-weight factors of a PET series, one per instance, or why they cannot be computed. */
export type SuvScaling = { factors: number[] } | { unavailable: string };

function instanceMetadata(d: DicomJsonDataset): InstanceMetadata {
  const radiopharmaceutical = sequenceItems(d, '00540016')[0] ?? {};
  const required = (value: string | number | undefined, what: string) => {
    if (value === undefined) throw new Error(`no ${what}`);
    return value;
  };
  return {
    CorrectedImage: stringValues(d, '00280051'),
    Units: String(required(stringValue(d, '00541001'), 'Units')),
    RadionuclideHalfLife: Number(required(numberValue(radiopharmaceutical, '00181075'), 'radionuclide half-life')),
    RadionuclideTotalDose: Number(required(numberValue(radiopharmaceutical, '00181074'), 'injected dose')),
    RadiopharmaceuticalStartTime: stringValue(radiopharmaceutical, '00181072'),
    RadiopharmaceuticalStartDateTime: stringValue(radiopharmaceutical, '00181078'),
    DecayCorrection: String(required(stringValue(d, '00541102'), 'decay correction')),
    PatientWeight: Number(required(numberValue(d, '00101030'), 'patient weight')),
    PatientSize: numberValue(d, '00101020'),
    PatientSex: stringValue(d, '00100040'),
    SeriesDate: String(required(stringValue(d, '00080021'), 'series date')),
    SeriesTime: String(required(stringValue(d, '00080031'), 'series time')),
    AcquisitionDate: String(required(stringValue(d, '00080022'), 'acquisition date')),
    AcquisitionTime: String(required(stringValue(d, '00080032'), 'acquisition time')),
    FrameReferenceTime: numberValue(d, '00541300'),
    ActualFrameDuration: numberValue(d, '00181242'),
  };
}

/**
 * SUVbw factors (PS3.3 C.8.9.1, via @cornerstonejs/calculate-suv) for PET instances; modality values
 * (after rescale) times the factor are SUV. Without radiopharmaceutical data there is no SUV.
 */
export async function suvScaling(instances: DicomJsonDataset[]): Promise<SuvScaling> {
  // Imported with the rest of Cornerstone: only when a PET series is shown.
  const { calculateSUVScalingFactors } = await import('./cornerstone-modules.js');
  try {
    return { factors: calculateSUVScalingFactors(instances.map(instanceMetadata)).map((f) => f.suvbw) };
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}
