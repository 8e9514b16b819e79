// What the report-panel tests share: a panel on a corpus study, its buttons and signing.
import { DicomWebService } from '@telerad/core';
import '@telerad/report-panel/rad-report-panel.js';
import type { RadReportPanel, Reader, ReportSignedDetail } from '@telerad/report-panel';
import type { ManifestStudy } from '../support/corpus.js';

export const READER: Reader = { name: 'Okoye^Daniel^^Dr', id: 'R-0042', subspecialty: 'Neuroradiology', organization: 'Telerad Reading Group' };

/** A panel on `target`, loaded, with the archive at /dicom-web and READER unless told otherwise. */
export async function panelFor(target: ManifestStudy, options: Partial<Pick<RadReportPanel, 'mode' | 'reader' | 'service' | 'draftStorage'>> = {}): Promise<RadReportPanel> {
  const el = document.createElement('rad-report-panel');
  el.service = options.service ?? new DicomWebService({ url: '/dicom-web' });
  el.reader = 'reader' in options ? options.reader : READER;
  if (options.mode) el.mode = options.mode;
  if (options.draftStorage) el.draftStorage = options.draftStorage;
  el.studyUid = target.studyInstanceUID;
  document.body.append(el);
  await el.loaded();
  return el;
}

export const button = (el: RadReportPanel, label: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;
export const signed = (el: RadReportPanel) => new Promise<ReportSignedDetail>((resolve) => el.addEventListener('rad-report-signed', (e) => resolve(e.detail), { once: true }));
