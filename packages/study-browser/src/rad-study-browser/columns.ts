import { formatPersonName, type Study } from '@telerad/core';

/** A column of the study list: its header and how a study's cell reads as text. */
export interface StudyColumn {
  id: string;
  header: string;
  text: (study: Study) => string;
}

const dateTime = (study: Study) => [study.studyDate, study.studyTime?.slice(0, 5)].filter(Boolean).join(' ');

const counts = (study: Study) =>
  study.seriesCount === undefined && study.instanceCount === undefined
    ? ''
    : `${study.seriesCount ?? '–'} / ${study.instanceCount ?? '–'}`;

export const DEFAULT_COLUMNS: readonly StudyColumn[] = [
  { id: 'patientName', header: 'Patient', text: (s) => formatPersonName(s.patientName) },
  { id: 'patientId', header: 'Patient ID', text: (s) => s.patientId ?? '' },
  { id: 'birthDateSex', header: 'Born / sex', text: (s) => [s.patientBirthDate, s.patientSex].filter(Boolean).join(' · ') },
  { id: 'accessionNumber', header: 'Accession', text: (s) => s.accessionNumber ?? '' },
  { id: 'studyDateTime', header: 'Study date', text: dateTime },
  { id: 'modalities', header: 'Modalities', text: (s) => s.modalities.join(', ') },
  { id: 'description', header: 'Description', text: (s) => s.description ?? '' },
  { id: 'counts', header: 'Series / images', text: counts },
];

/** Newest first; studies without a date last. */
export function byStudyDateDescending(a: Study, b: Study): number {
  return dateTime(b).localeCompare(dateTime(a));
}
