// The one module that imports Cornerstone3D and its loaders: the viewport reaches them only through
// a dynamic import of this file. From sources (tests, Storybook, the standalone bundle) it is this
// TypeScript; in the published package it is a pre-built bundle (vite.cornerstone.config.mjs) with
// the Node-only modules Cornerstone names stubbed and its decode worker and codecs as files beside
// it, so that a host's bundler needs no configuration for Cornerstone.
import * as dicomParserModule from 'dicom-parser';
import {
  addTool,
  annotation,
  AngleTool,
  ArrowAnnotateTool,
  BidirectionalTool,
  CircleROITool,
  CobbAngleTool,
  EllipticalROITool,
  Enums,
  init,
  LengthTool,
  PanTool,
  PlanarRotateTool,
  ProbeTool,
  RectangleROITool,
  StackScrollTool,
  state,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';

import type * as AllTools from '@cornerstonejs/tools';

export * as core from '@cornerstonejs/core';
type Tools = Pick<
  typeof AllTools,
  | 'addTool'
  | 'annotation'
  | 'Enums'
  | 'init'
  | 'state'
  | 'ToolGroupManager'
  | 'WindowLevelTool'
  | 'PanTool'
  | 'ZoomTool'
  | 'StackScrollTool'
  | 'PlanarRotateTool'
  | 'LengthTool'
  | 'AngleTool'
  | 'CobbAngleTool'
  | 'BidirectionalTool'
  | 'EllipticalROITool'
  | 'RectangleROITool'
  | 'CircleROITool'
  | 'ProbeTool'
  | 'ArrowAnnotateTool'
>;
/**
 * The parts of Cornerstone's tools the viewport uses, by name: a namespace of them all would keep
 * every tool (segmentation, contours…) in the bundle, as a bundler cannot tell which are read.
 */
export const tools: Tools = {
  addTool,
  annotation,
  Enums,
  init,
  state,
  ToolGroupManager,
  WindowLevelTool,
  PanTool,
  ZoomTool,
  StackScrollTool,
  PlanarRotateTool,
  LengthTool,
  AngleTool,
  CobbAngleTool,
  BidirectionalTool,
  EllipticalROITool,
  RectangleROITool,
  CircleROITool,
  ProbeTool,
  ArrowAnnotateTool,
};
export { default as loader } from '@cornerstonejs/dicom-image-loader';
export * as metadata from '@cornerstonejs/metadata';
export { calculateSUVScalingFactors } from '@cornerstonejs/calculate-suv';

/** dicom-parser is CommonJS: bundlers differ on whether its API is the namespace or `default`. */
export const dicomParser: typeof dicomParserModule =
  typeof dicomParserModule.parseDicom === 'function'
    ? dicomParserModule
    : (dicomParserModule as unknown as { default: typeof dicomParserModule }).default;
