// The one module that imports Cornerstone3D and its loaders: the viewport reaches them only through
// a dynamic import of this file. From sources (tests, Storybook, the standalone bundle) it is this
// TypeScript; in the published package it is a pre-built bundle (vite.cornerstone.config.mjs) with
// the Node-only modules Cornerstone names stubbed and its decode worker and codecs as files beside
// it, so that a host's bundler needs no configuration for Cornerstone.
import * as dicomParserModule from 'dicom-parser';

export * as core from '@cornerstonejs/core';
export * as tools from '@cornerstonejs/tools';
export { default as loader } from '@cornerstonejs/dicom-image-loader';
export * as metadata from '@cornerstonejs/metadata';
export { calculateSUVScalingFactors } from '@cornerstonejs/calculate-suv';

/** dicom-parser is CommonJS: bundlers differ on whether its API is the namespace or `default`. */
export const dicomParser: typeof dicomParserModule =
  typeof dicomParserModule.parseDicom === 'function'
    ? dicomParserModule
    : (dicomParserModule as unknown as { default: typeof dicomParserModule }).default;
