export { RadRenderingGroup } from './rad-rendering-group/rad-rendering-group.js';
export { RenderingGroup, renderingContext } from './rad-rendering-group/rendering-context.js';
export {
  RadViewport,
  type ImageRenderedDetail,
  type LoadProgressDetail,
  type MeasurementDetail,
} from './rad-viewport/rad-viewport.js';
export type { FusionRenderedDetail, ReformatRenderedDetail, ViewChangeDetail } from './rad-viewport/viewport-events.js';
export type { ReformatController, ReformatState, SlabMode, ViewPlane } from './rad-viewport/reformat-controller.js';
export type { FusionController, FusionSettings, FusionState } from './rad-viewport/fusion-controller.js';
export { FUSION_COLORMAPS, type FusionColormap } from './rad-viewport/fusion-colormaps.js';
export { calibrationOf, distance, type Calibration, type CalibrationKind } from './rad-viewport/calibration.js';
export { CT_PRESETS, presetsFor, windowed, type WindowLevel, type WindowPreset } from './rad-viewport/presets.js';
export { type CineChangeDetail } from './rad-viewport/cine-controller.js';
export { type FirstImageDetail } from './rad-viewport/first-image-controller.js';
export {
  MEASUREMENT_TOOLS,
  measuredValues,
  type MeasuredValue,
  type StackPosition,
  type MeasurementInput,
  type MeasurementTool,
  type RadMeasurement,
} from './rad-viewport/measurements.js';
export type { Interpolation, ViewportTool, ViewState } from './rad-viewport/viewport-controller.js';
export { slicePosition, type SeriesService, type StackFrame } from './rad-viewport/series-stack.js';
export { DEFAULT_CACHE_MB, imageCacheUsage, purgeImageCache } from './rad-viewport/cornerstone-runtime.js';
export { toolLabel } from './rad-viewport/messages.js';
export { TRUSTED_TYPES_POLICY } from './rad-viewport/trusted-workers.js';
export { WORKER_REQUEST_MARK } from './rad-viewport/series-readers.js';
export type { ModalityValue } from './rad-viewport/modality-value.js';
