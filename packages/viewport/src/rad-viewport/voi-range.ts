// Windows as the [lower, upper] ramp Cornerstone3D draws, per the DICOM VOI rules (PS3.3
// C.11.2.1.2), including the degenerate cases Cornerstone leaves undefined: a window of width 1
// (a threshold) and an image of a single value (no span at all).
import type { WindowLevel } from './presets.js';

/** The grey ramp between two modality values: below `lower` the minimum output, above `upper` the maximum. */
export interface VoiRange {
  lower: number;
  upper: number;
}

/**
 * The span given to a ramp that would otherwise have none: narrower than any step between integer
 * values, so it acts as the threshold the standard describes, yet wide enough for both renderers
 * (a GPU transfer function's two nodes, the CPU path's lookup table) to tell its ends apart.
 */
export const THRESHOLD_SPAN = 2 ** -10;

/**
 * PS3.3 C.11.2.1.2.1 (LINEAR) and C.11.2.1.3.2 (LINEAR_EXACT) as a ramp. A LINEAR window of width
 * 1 is a threshold at center − 0.5: values at or below it show the minimum, values above the maximum.
 */
export function voiRangeOf({ center, width }: WindowLevel, exact = false): VoiRange {
  const { lower, upper } = exact
    ? { lower: center - width / 2, upper: center + width / 2 }
    : { lower: center - 0.5 - (width - 1) / 2, upper: center - 0.5 + (width - 1) / 2 };
  return atLeastThreshold({ lower, upper });
}

/**
 * The ramp of an image without a window: its values' span. An image of one value (min = max, a
 * window of width 0) shows that value as the minimum: black in MONOCHROME2 and, inverted, white in
 * MONOCHROME1 (C.7.6.3.1.2: the minimum value is white), not whatever an empty ramp gives.
 */
export function rangeOfValues(min: number, max: number): VoiRange {
  return max > min
    ? voiRangeOf({ center: (max + min) / 2, width: max - min })
    : { lower: min, upper: min + THRESHOLD_SPAN };
}

/** A ramp with no span, or a reversed one, as the threshold at its lower end. */
export function atLeastThreshold({ lower, upper }: VoiRange): VoiRange {
  return upper - lower >= THRESHOLD_SPAN ? { lower, upper } : { lower, upper: lower + THRESHOLD_SPAN };
}

/** The LINEAR window a ramp shows (the inverse of `voiRangeOf`); a threshold is a window of width 1. */
export function windowOfRange({ lower, upper }: VoiRange): WindowLevel {
  if (upper - lower <= THRESHOLD_SPAN) return { center: lower + 0.5, width: 1 };
  return { center: (lower + upper + 1) / 2, width: upper - lower + 1 };
}
