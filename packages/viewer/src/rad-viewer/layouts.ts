// The viewer's layouts and what each slot shows in them: side by side the series as acquired, or
// (MPR) the active slot's series reformatted in its three planes, which share a crosshair point.
import type { Series } from '@telerad/core';
import type { SlabMode, ViewPlane } from '@telerad/viewport';

export type ViewerLayout = '1x1' | '1x2' | '2x2' | 'mpr';

/** What one viewport of the grid shows: a series, as acquired or reformatted in a plane. */
export interface Slot {
  studyUid: string;
  seriesUid: string;
  view?: ViewPlane;
}

/** How MPR's planes make each pixel: the plane alone, or a slab's maximum, minimum or mean. */
export interface MprSlab {
  mode: SlabMode;
  thicknessMm: number;
}

const SLOTS: Record<ViewerLayout, number> = { '1x1': 1, '1x2': 2, '2x2': 4, mpr: 3 };
const MPR_PLANES = ['axial', 'coronal', 'sagittal'] as const;

/** The series shown in `slot`, as acquired. */
const acquired = (slot: Slot | undefined): Slot | undefined =>
  slot && { studyUid: slot.studyUid, seriesUid: slot.seriesUid };

/** The slots of `layout`, from those shown: MPR takes the active slot's series into its three planes. */
export function slotsFor(
  layout: ViewerLayout,
  slots: readonly (Slot | undefined)[],
  active: number,
): (Slot | undefined)[] {
  if (layout === 'mpr') {
    const series = acquired(slots[active] ?? slots.find(Boolean));
    return MPR_PLANES.map((view) => series && { ...series, view });
  }
  // Leaving MPR: its first plane's series, as acquired.
  const shown = slots.some((slot) => slot?.view) ? [acquired(slots.find(Boolean))] : slots.map(acquired);
  return Array.from({ length: SLOTS[layout] }, (_, i) => shown[i]);
}

/** The slots once series `seriesUid` is opened in `slot`: in MPR, in every plane. */
export function withSeries(
  layout: ViewerLayout,
  slots: readonly (Slot | undefined)[],
  slot: number,
  shows: Slot,
): (Slot | undefined)[] {
  if (layout === 'mpr') return slotsFor('mpr', [shows], 0);
  return slots.map((s, i) => (i === slot ? shows : s));
}

/** The slots of a study just opened: its series in order (in MPR, its first in every plane). */
export function studySlots(
  layout: ViewerLayout,
  count: number,
  studyUid: string,
  series: readonly Series[],
): (Slot | undefined)[] {
  const shows = Array.from(
    { length: count },
    (_, i) => series[i] && { studyUid, seriesUid: series[i].seriesInstanceUID },
  );
  return slotsFor(layout, shows, 0);
}
