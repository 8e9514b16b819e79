// The viewport's events and their details, added to core's event map.
import type { MeasurementDetail as CoreMeasurementDetail } from '@telerad/core';
import type { CineChangeDetail } from './cine-controller.js';
import type { FirstImageDetail } from './first-image-controller.js';
import type { FusionState } from './fusion-controller.js';
import type { RadMeasurement } from './measurements.js';
import type { ReformatState, ViewPlane } from './reformat-controller.js';
import type { ViewState } from './viewport-controller.js';

/** `detail` of `rad-load-progress`. */
export interface LoadProgressDetail {
  loaded: number;
  /** Images loaded ahead: the whole series, or as many as the page's image cache holds (`cache-size`). */
  total: number;
}

/**
 * `detail` of `rad-image-rendered`: an image of the stack drawn. A viewport opened in a plane that
 * is drawn early (`view`) draws its stack only once the reader goes to it.
 */
export interface ImageRenderedDetail extends ViewState {
  sopInstanceUID: string;
  frame: number;
}

/** `detail` of `rad-view-change`: the view asked for (`view`), the one shown, and why they differ. */
export interface ViewChangeDetail {
  requested: ViewPlane;
  shown: ViewPlane;
  /** Why the plane asked for is not shown (its geometry, no WebGL); the stack is shown instead. */
  refusal?: string;
}

/** `detail` of `rad-reformat-rendered`. */
export type ReformatRenderedDetail = ReformatState;

/** `detail` of `rad-fusion-rendered`. */
export type FusionRenderedDetail = FusionState;

/** `detail` of `rad-measurement-added`, `-modified` and `-removed` (core's contract, with the viewport's handles). */
export type MeasurementDetail = CoreMeasurementDetail<RadMeasurement>;

declare module '@telerad/core' {
  interface RadEventMap {
    'rad-load-progress': LoadProgressDetail;
    'rad-first-image': FirstImageDetail;
    'rad-image-rendered': ImageRenderedDetail;
    'rad-measurement-added': MeasurementDetail;
    'rad-cine-change': CineChangeDetail;
    'rad-measurement-modified': MeasurementDetail;
    'rad-measurement-removed': MeasurementDetail;
    'rad-view-change': ViewChangeDetail;
    'rad-reformat-rendered': ReformatRenderedDetail;
    'rad-fusion-rendered': FusionRenderedDetail;
  }
}
