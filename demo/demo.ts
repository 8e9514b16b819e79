// The host side of the demo: register the elements, listen to their events, show the selection.
import '@telerad/core/rad-dicomweb.js';
import '@telerad/study-browser/rad-study-browser.js';
import { formatPersonName, type Study } from '@telerad/core';

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

document.addEventListener('rad-error', (event) => {
  // The element shows the error itself; the host may log it (messages carry no patient data).
  console.warn(`[telerad] ${event.detail.operation}: ${event.detail.error.message}`);
});
