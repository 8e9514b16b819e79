// The host side of the demo: register the elements, listen to their events, show the selection.
import '@telerad/core/rad-dicomweb.js';
import '@telerad/study-browser/rad-study-browser.js';
import '@telerad/viewport/rad-viewport.js';
import '@telerad/report-panel/rad-report-panel.js';
import type { ReportPanelMode } from '@telerad/report-panel';
import { formatPersonName, setRadLocale, type RadLocale, type Study } from '@telerad/core';

const selection = document.querySelector<HTMLDListElement>('#selection');

function describe(study: Study): [string, string][] {
  return [
    ['Patient', formatPersonName(study.patientName) || '(no name)'],
    ['Patient ID', study.patientId ?? ''],
    ['Accession', study.accessionNumber ?? '(none)'],
    ['Date', [study.studyDate, study.studyTime].filter(Boolean).join(' ')],
    ['Modalities', study.modalities.join(', ')],
    ['Description', study.description ?? ''],
    ['Study UID', study.studyInstanceUID],
  ];
}

document.addEventListener('rad-study-select', (event) => {
  // Text nodes only: tag values are never parsed as HTML.
  selection?.replaceChildren(
    ...describe(event.detail.study).flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }),
  );
});

const lastEvent = document.querySelector<HTMLElement>('#last-event');
const viewport = document.querySelector('rad-viewport');
const report = document.querySelector('rad-report-panel');
// The portal knows who is signed in; the panel never invents a reader.
if (report) report.reader = { name: 'Demo^Radiologist^^Dr', id: 'DEMO-001', subspecialty: 'Emergency radiology', organization: 'Telerad Demo Group' };
document.addEventListener('rad-study-select', (event) => {
  if (report) report.studyUid = event.detail.study.studyInstanceUID;
});
document.querySelector<HTMLSelectElement>('#report-mode')?.addEventListener('change', (event) => {
  if (report) report.mode = (event.target as HTMLSelectElement).value as ReportPanelMode;
});
document.addEventListener('rad-report-signed', (event) => {
  if (lastEvent) lastEvent.textContent = `rad-report-signed: ${event.detail.status} (SR ${event.detail.sopInstanceUID})`;
});
document.addEventListener('rad-critical-result', (event) => {
  if (lastEvent) lastEvent.textContent = `rad-critical-result: ${event.detail.communication ? `communicated by ${event.detail.communication.method}` : 'flagged'}`;
});

/** Opens a study's first image series (reports and other documents have no images). */
async function openStudy(studyInstanceUID: string): Promise<void> {
  const service = document.querySelector('rad-dicomweb')?.service;
  if (!service || !viewport) return;
  const series = (await service.searchSeries(studyInstanceUID)).filter((s) => !['SR', 'KO', 'PR', 'DOC'].includes(s.modality ?? ''));
  series.sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0));
  if (!series[0]) return;
  viewport.studyUid = studyInstanceUID;
  viewport.seriesUid = series[0].seriesInstanceUID;
}

document.addEventListener('rad-study-open', (event) => {
  if (lastEvent) lastEvent.textContent = `rad-study-open: ${event.detail.study.studyInstanceUID}${event.detail.prior ? ' (prior)' : ''}`;
  void openStudy(event.detail.study.studyInstanceUID);
});
document.addEventListener('rad-series-select', (event) => {
  if (lastEvent) lastEvent.textContent = `rad-series-select: series ${event.detail.series.seriesNumber ?? '?'} (${event.detail.series.modality ?? ''})`;
  if (viewport) {
    viewport.studyUid = event.detail.study.studyInstanceUID;
    viewport.seriesUid = event.detail.series.seriesInstanceUID;
  }
});
document.addEventListener('rad-measurement-added', (event) => {
  const { tool, values, calibration } = event.detail.measurement;
  if (lastEvent) lastEvent.textContent = `${tool}: ${values.map((v) => `${v.name} ${v.value.toFixed(1)} ${v.unit}`).join(', ')} (${calibration})`;
});
// The host keeps the query in memory only: it may hold patient data, so not in the URL or storage.
document.addEventListener('rad-query-change', (event) => {
  if (lastEvent) lastEvent.textContent = `rad-query-change: ${Object.keys(event.detail.query).join(', ') || 'cleared'}`;
});

document.querySelector<HTMLSelectElement>('#locale')?.addEventListener('change', (event) => {
  void setRadLocale((event.target as HTMLSelectElement).value as RadLocale);
});

document.addEventListener('rad-error', (event) => {
  // The element shows the error itself; the host may log it (messages carry no patient data).
  console.warn(`[telerad] ${event.detail.operation}: ${event.detail.error.message}`);
});
