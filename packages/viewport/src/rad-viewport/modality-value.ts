// The modality value of a pixel (PS3.3 C.11.1: stored value through the Modality LUT, i.e. the
// rescale), as Cornerstone decoded it, with its unit: what a host or a test checks decoding by.
import { stringValue, type DicomJsonDataset } from '@telerad/core';

/** A decoded value under a point and its unit. */
export interface ModalityValue {
  value: number;
  /** 'HU' (CT), 'SUVbw' (PET with SUV), the Rescale Type or PET Units, else 'US' (unspecified). */
  unit: string;
}

/** What this needs of a decoded Cornerstone image. */
export interface DecodedImage {
  rows: number;
  columns: number;
  slope: number;
  intercept: number;
  color?: boolean;
  preScale?: { scaled?: boolean };
  getPixelData(): ArrayLike<number>;
  /**
   * Where Cornerstone keeps the values `slope` and `intercept` apply to (its CPU renderer re-quantises rescaled floats
   * there).
   */
  voxelManager?: { getScalarData(): ArrayLike<number> };
}

/** The unit of an image's modality values (PS3.3 C.11.1.1.2; SUV where the viewer computes it). */
export function modalityUnitOf(metadata: DicomJsonDataset, suvbw: number | undefined): string {
  if (suvbw !== undefined) return 'SUVbw';
  const modality = stringValue(metadata, '00080060');
  if (modality === 'CT') return 'HU';
  return (
    stringValue(metadata, '00281054') ?? (modality === 'PT' ? stringValue(metadata, '00541001') : undefined) ?? 'US'
  );
}

/**
 * The modality value of the pixel an image point [column, row] falls in (image coordinates: pixel
 * (c, r) covers [c, c + 1) × [r, r + 1)), or undefined outside the image and for colour images.
 * Cornerstone may have rescaled the pixels already (and applied SUV); otherwise the rescale is applied here.
 */
export function modalityValueOf(image: DecodedImage, [x, y]: readonly number[]): number | undefined {
  const [column, row] = [Math.floor(x), Math.floor(y)];
  if (image.color || column < 0 || row < 0 || column >= image.columns || row >= image.rows) return undefined;
  const stored = (image.voxelManager?.getScalarData() ?? image.getPixelData())[row * image.columns + column];
  return image.preScale?.scaled ? stored : stored * image.slope + image.intercept;
}
