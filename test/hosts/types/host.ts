// A strict TypeScript host compiled against the packed declarations (.d.ts) only: what a portal
// developer's editor and compiler see. Each @ts-expect-error is a mistake the types must catch.
import '@telerad/core/rad-dicomweb.js';
import '@telerad/viewport/rad-viewport.js';
import '@telerad/report-panel/rad-report-panel.js';
import '@telerad/viewer/rad-viewer.js';
import { DicomWebError, ViewerError, type RadErrorDetail } from '@telerad/core';
import type { RadViewport, RadMeasurement } from '@telerad/viewport';
import type { ReportSignedDetail } from '@telerad/report-panel';

const viewport = document.querySelector('rad-viewport');
if (viewport) {
  const typed: RadViewport = viewport;
  typed.studyUid = '1.2.3';
  typed.activeTool = 'Length';
  // @ts-expect-error: not a tool of the viewport
  typed.activeTool = 'Lasso';
  viewport.addEventListener('rad-measurement-added', (e) => {
    const measurement: RadMeasurement = e.detail.measurement;
    const first: number = measurement.values[0].value;
    const unit: string = e.detail.measurement.values[0].unit;
    // @ts-expect-error: a misspelt detail property
    void e.detail.measurment;
    void [first, unit];
  });
}

document.addEventListener('rad-error', (e) => {
  const detail: RadErrorDetail = e.detail;
  const whose: 'archive' | 'viewer' | 'file' = detail.source;
  if (detail.error instanceof ViewerError) void (detail.error.kind satisfies 'client' | 'no-size');
  if (detail.error instanceof DicomWebError) void (detail.error.status satisfies number);
  // @ts-expect-error: no such property on the detail
  void e.detail.reason;
  void whose;
});

document.querySelector('rad-report-panel')?.addEventListener('rad-report-signed', (e) => {
  const signed: ReportSignedDetail = e.detail;
  // @ts-expect-error: the status is one of the signed states, not any string
  const status: 'draft' = e.detail.status;
  void [signed, status];
});

const viewer = document.createElement('rad-viewer');
viewer.url = '/dicom-web';
// @ts-expect-error: url is a string
viewer.url = 42;
