/**
 * Modalities whose series hold documents, presentation states, segmentations, plans or signals
 * rather than images to show as a stack: nothing to draw in a viewport or to ask `/rendered` for.
 */
const NON_IMAGE_MODALITIES = new Set([
  'SR',
  'KO',
  'PR',
  'DOC',
  'REG',
  'SEG',
  'FID',
  'RWV',
  'PLAN',
  'RTPLAN',
  'RTSTRUCT',
  'RTRECORD',
  'AU',
  'ECG',
  'HD',
  'EPS',
  'SMR',
]);

/** Whether a series of `modality` holds images (an unknown modality is assumed to). */
export const holdsImages = (modality: string | undefined): boolean =>
  !modality || !NON_IMAGE_MODALITIES.has(modality.toUpperCase());
