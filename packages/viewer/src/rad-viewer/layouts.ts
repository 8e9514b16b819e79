// The viewer's layouts and what each slot shows in them: side by side the series as acquired,
// (MPR) the active slot's series reformatted in its three planes, which share a crosshair point, or
// (fusion) a study's CT and PET: CT, PET, the PET fused onto the CT, and the PET's MIP.
import type { Series } from '@telerad/core';
import type { FusionColormap, SlabMode, ViewPlane } from '@telerad/viewport';

export type ViewerLayout = '1x1' | '1x2' | '2x2' | 'mpr' | 'fusion';

/** What one viewport of the grid shows: a series, as acquired or reformatted in a plane, maybe with another fused. */
export interface Slot {
  studyUid: string;
  seriesUid: string;
  view?: ViewPlane;
  /** A series fused onto this one (fusion's PET on its CT). */
  fusionSeriesUid?: string;
  /** The slot's own slab (fusion's planes and MIP), instead of the toolbar's. */
  slab?: MprSlab;
}

/** How MPR's planes make each pixel: the plane alone, or a slab's maximum, minimum or mean. */
export interface MprSlab {
  mode: SlabMode;
  thicknessMm: number;
}

/** How fusion lays the PET over the CT: colour map, opacity (0–1) and the SUV window. */
export interface FusionLook {
  colormap: FusionColormap;
  opacity: number;
  window: [number, number];
}

/** How the toolbar asks planes to be drawn: MPR's slab, fusion's look. */
export interface PlaneLook {
  slab: MprSlab;
  fusion: FusionLook;
}

export const DEFAULT_LOOK: PlaneLook = {
  slab: { mode: 'thin', thicknessMm: 10 },
  fusion: { colormap: 'hot-iron', opacity: 0.5, window: [0, 5] },
};

const SLOTS: Record<ViewerLayout, number> = { '1x1': 1, '1x2': 2, '2x2': 4, mpr: 3, fusion: 4 };
const THIN: MprSlab = { mode: 'thin', thicknessMm: 10 };
/** A MIP through the whole PET (thicker than any body). */
const WHOLE_MIP: MprSlab = { mode: 'mip', thicknessMm: 1000 };
const MPR_PLANES = ['axial', 'coronal', 'sagittal'] as const;

/** The series shown in `slot`, as acquired. */
const acquired = (slot: Slot | undefined): Slot | undefined =>
  slot && { studyUid: slot.studyUid, seriesUid: slot.seriesUid };

/** A study's CT and PET to fuse (the first image series of each), if it has both. */
export function fusionPair(series: readonly Series[]): { ct: string; pet: string } | undefined {
  const first = (modality: string) => series.find((s) => s.modality === modality)?.seriesInstanceUID;
  const [ct, pet] = [first('CT'), first('PT')];
  return ct && pet ? { ct, pet } : undefined;
}

/** Fusion's slots: CT and PET axial, the PET fused onto the CT, and the PET's coronal MIP. */
function fusionSlots(studyUid: string, { ct, pet }: { ct: string; pet: string }): Slot[] {
  return [
    { studyUid, seriesUid: ct, view: 'axial', slab: THIN },
    { studyUid, seriesUid: pet, view: 'axial', slab: THIN },
    { studyUid, seriesUid: ct, view: 'axial', slab: THIN, fusionSeriesUid: pet },
    { studyUid, seriesUid: pet, view: 'coronal', slab: WHOLE_MIP },
  ];
}

/**
 * The slots of `layout`, from those shown: MPR takes the active slot's series into its three
 * planes; fusion, the study's CT and PET (`series`: the open study's), or its first series where
 * it has not both.
 */
export function slotsFor(
  layout: ViewerLayout,
  slots: readonly (Slot | undefined)[],
  active: number,
  series: readonly Series[] = [],
): (Slot | undefined)[] {
  const shown = acquired(slots[active] ?? slots.find(Boolean));
  if (layout === 'mpr') return MPR_PLANES.map((view) => shown && { ...shown, view });
  if (layout === 'fusion') {
    const pair = fusionPair(series);
    return shown && pair ? fusionSlots(shown.studyUid, pair) : [shown];
  }
  // Leaving MPR or fusion: its first plane's series, as acquired.
  const kept = slots.some((slot) => slot?.view) ? [acquired(slots.find(Boolean))] : slots.map(acquired);
  return Array.from({ length: SLOTS[layout] }, (_, i) => kept[i]);
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
  return slotsFor(layout, shows, 0, series);
}
