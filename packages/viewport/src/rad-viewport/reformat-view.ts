// A reformat as the element's frame and overlay show it: its slice as the position, its window and
// zoom, its screen directions for the orientation labels, its plane's scale for the scale bar.
import { reformatName } from './messages.js';
import type { ReformatState } from './reformat-controller.js';
import type { ViewState } from './viewport-controller.js';
import type { ReformatOverlay } from './viewport-overlay.js';

/** The stack's view state with the reformat's position, window, zoom and directions. */
export function reformatViewState(stack: ViewState, reformat: ReformatState): ViewState {
  return {
    ...stack,
    index: reformat.sliceIndex,
    count: reformat.slices,
    failed: false,
    window: reformat.window,
    voiLut: undefined,
    zoom: reformat.zoom,
    screenRight: reformat.screenRight,
    screenUp: reformat.screenUp,
  };
}

/** The patient axis (0 x, 1 y, 2 z) a plane's normal runs most along. */
const mainAxis = (normal: readonly number[]) => normal.map(Math.abs).indexOf(Math.max(...normal.map(Math.abs)));

/** The patient axis of each plane's normal as first shown. */
const PLANE_AXIS = { sagittal: 0, coronal: 1, axial: 2 } as const;

/** The plane's name: its own, or oblique where the crosshairs turned it more than half a degree off its axis. */
export function shownPlane({
  plane,
  normal,
}: Pick<ReformatState, 'plane' | 'normal'>): ReformatState['plane'] | 'oblique' {
  return Math.abs(normal[PLANE_AXIS[plane]]) < Math.cos((0.5 * Math.PI) / 180) ? 'oblique' : plane;
}

export function reformatOverlay(reformat: ReformatState): ReformatOverlay {
  return {
    name: reformatName(shownPlane(reformat), reformat.slab, reformat.slabThicknessMm),
    pixelsPerMm: reformat.pixelsPerMm,
    locationMm: reformat.centreMm[mainAxis(reformat.normal)],
  };
}
