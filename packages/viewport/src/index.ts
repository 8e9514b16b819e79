export { RadRenderingGroup } from './rad-rendering-group/rad-rendering-group.js';
export { RenderingGroup, renderingContext } from './rad-rendering-group/rendering-context.js';
export { RadViewport, type ImageRenderedDetail, type LoadProgressDetail, type MeasurementDetail } from './rad-viewport/rad-viewport.js';
export { calibrationOf, distance, type Calibration, type CalibrationKind } from './rad-viewport/calibration.js';
export { CT_PRESETS, presetsFor, windowed, type WindowLevel, type WindowPreset } from './rad-viewport/presets.js';
export { MEASUREMENT_TOOLS, measuredValues, type MeasuredValue, type MeasurementInput, type MeasurementTool, type RadMeasurement } from './rad-viewport/measurements.js';
export type { ViewportTool, ViewState } from './rad-viewport/viewport-controller.js';
export type { SeriesService, StackFrame } from './rad-viewport/series-stack.js';
