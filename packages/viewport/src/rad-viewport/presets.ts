import { stringValue, stringValues, Tag, type DicomJsonDataset } from '@telerad/core';
import type { VoiLut } from './voi-lut.js';

/** A window (VOI LUT linear function: centre and width, PS3.3 C.11.2.1.2). */
export interface WindowLevel {
  center: number;
  width: number;
}

export interface WindowPreset extends WindowLevel {
  /** Also the key of its (localized) label. */
  id: string;
  /** Keyboard shortcut (a digit). */
  key: string;
}

/** CT presets in HU, in the order radiologists reach for them. */
export const CT_PRESETS: readonly WindowPreset[] = [
  { id: 'brain', center: 40, width: 80, key: '1' },
  { id: 'subdural', center: 75, width: 215, key: '2' },
  { id: 'stroke', center: 40, width: 40, key: '3' },
  { id: 'lung', center: -600, width: 1500, key: '4' },
  { id: 'mediastinum', center: 50, width: 350, key: '5' },
  { id: 'abdomen', center: 40, width: 400, key: '6' },
  { id: 'liver', center: 60, width: 160, key: '7' },
  { id: 'bone', center: 400, width: 1800, key: '8' },
];

/** Presets offered for a modality (CT only: other modalities have no absolute scale). */
/** The window presets of a series' modality, from its first image's attributes. */
export const presetsOfSeries = (metadata: DicomJsonDataset | undefined) =>
  presetsFor(stringValue(metadata ?? {}, Tag.Modality));

export function presetsFor(modality: string | undefined): readonly WindowPreset[] {
  return modality === 'CT' ? CT_PRESETS : [];
}

/** A presentation the image carries itself: one of its windows or VOI LUTs (PS3.3 C.11.2). */
export interface ImagePreset {
  id: string;
  /** Window Center & Width Explanation or LUT Explanation. */
  explanation?: string;
  /** 1-based position among the image's windows or LUTs. */
  number: number;
  window?: WindowLevel;
  /** Index into the VOI LUT Sequence. */
  voiLut?: number;
}

/** The windows and VOI LUTs of an image, in file order. */
export function imagePresets(metadata: DicomJsonDataset, luts: readonly VoiLut[]): ImagePreset[] {
  const numbers = (tag: string) => (metadata[tag]?.Value ?? []).map(Number);
  const widths = numbers('00281051');
  const explanations = stringValues(metadata, '00281055');
  const windows = numbers('00281050').flatMap((center, i) =>
    widths[i]
      ? [
          {
            id: `file-window-${i + 1}`,
            number: i + 1,
            explanation: explanations[i],
            window: { center, width: widths[i] },
          },
        ]
      : [],
  );
  return [
    ...windows,
    ...luts.map((lut, i) => ({ id: `voi-lut-${i + 1}`, number: i + 1, explanation: lut.explanation, voiLut: i })),
  ];
}

/**
 * The displayed value (0…255) of a modality value under a window, per the DICOM linear VOI
 * function (PS3.3 C.11.2.1.2.1).
 */
export function windowed(value: number, { center, width }: WindowLevel): number {
  const low = center - 0.5 - (width - 1) / 2;
  const high = center - 0.5 + (width - 1) / 2;
  if (value <= low) return 0;
  if (value > high) return 255;
  return ((value - (center - 0.5)) / (width - 1) + 0.5) * 255;
}
