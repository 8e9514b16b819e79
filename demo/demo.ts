// The host side of the demo: register the elements, listen to their events, show the selection.
import '@telerad/core/rad-dicomweb.js';
import '@telerad/study-browser/rad-study-browser.js';
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
document.addEventListener('rad-study-open', (event) => {
  if (lastEvent) lastEvent.textContent = `rad-study-open: ${event.detail.study.studyInstanceUID}${event.detail.prior ? ' (prior)' : ''}`;
});
document.addEventListener('rad-series-select', (event) => {
  if (lastEvent) lastEvent.textContent = `rad-series-select: series ${event.detail.series.seriesNumber ?? '?'} (${event.detail.series.modality ?? ''})`;
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
