// Entry of the standalone bundle: registers every element, and exports the public API of each
// package for pages without a bundler.
import '@telerad/core/rad-dicomweb.js';
import '@telerad/study-browser/rad-study-browser.js';
import '@telerad/viewport/rad-viewport.js';
import '@telerad/report-panel/rad-report-panel.js';
import './rad-viewer.js';

export * from '@telerad/core';
export { RadStudyBrowser, RadSeriesThumbnail } from '@telerad/study-browser';
export { RadViewport, RadRenderingGroup, TRUSTED_TYPES_POLICY } from '@telerad/viewport';
export { RadReportPanel, toFhirDiagnosticReport, sessionDraftStore, memoryDraftStore } from '@telerad/report-panel';
export * from './index.js';
