import { toDicomDate, type StudyQuery } from '@telerad/core';

/** Relative date ranges, resolved against the clock at search time so a saved query stays "today". */
export type DatePreset = 'any' | 'today' | 'yesterday' | 'last-7-days' | 'last-30-days' | 'custom';

/**
 * What a user searches the worklist for; `query` of `<rad-study-browser>` and `detail.query` of
 * `rad-query-change`. Plain data: a host may store it or put it in a deep link (it may contain
 * patient data, so not in a URL without the user's consent).
 */
export interface WorklistQuery {
  /** DICOM wildcards; free text matches as a case-insensitive prefix. */
  patientName?: string;
  patientId?: string;
  accessionNumber?: string;
  /** DICOM wildcards; free text matches as a prefix. */
  studyDescription?: string;
  /** DICOM wildcards; free text matches as a prefix. */
  referringPhysicianName?: string;
  /** The acquiring facility (Institution Name); free text matches as a prefix. */
  institution?: string;
  /**
   * All the facilities of the browser's `facilities` at once (a reader's contracts), each matched
   * by the archive, newest first; `institution` is then not used.
   */
  myFacilities?: boolean;
  /** Modalities in study: any of these. */
  modalities?: string[];
  datePreset?: DatePreset;
  /** ISO dates of a custom range (`datePreset: 'custom'`), either end open. */
  dateFrom?: string;
  dateTo?: string;
}

/** Modalities offered as filters (a host may search for others through `query`). */
export const FILTER_MODALITIES = ['CT', 'MR', 'PT', 'US', 'CR', 'DX', 'XA', 'NM', 'MG', 'SR', 'OT'] as const;

const DAY_MS = 86_400_000;
const isoDay = (epochMs: number) => toDicomDate(new Date(epochMs)).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3');

/** The inclusive date range of a preset on the day of `now`, in local time. */
export function presetRange(preset: DatePreset, now: number): { from?: string; to?: string } | undefined {
  switch (preset) {
    case 'today':
      return { from: isoDay(now), to: isoDay(now) };
    case 'yesterday':
      return { from: isoDay(now - DAY_MS), to: isoDay(now - DAY_MS) };
    case 'last-7-days':
      return { from: isoDay(now - 6 * DAY_MS), to: isoDay(now) };
    case 'last-30-days':
      return { from: isoDay(now - 29 * DAY_MS), to: isoDay(now) };
    default:
      return undefined;
  }
}

/** The DICOMweb search a worklist query asks for, at time `now`. */
export function toStudyQuery(query: WorklistQuery, now: number): StudyQuery {
  const preset = query.datePreset ?? 'any';
  return {
    patientName: query.patientName,
    patientId: query.patientId,
    accessionNumber: query.accessionNumber,
    studyDescription: query.studyDescription,
    referringPhysicianName: query.referringPhysicianName,
    institution: query.myFacilities ? undefined : query.institution,
    modalities: query.modalities,
    studyDate:
      preset === 'custom'
        ? { from: query.dateFrom || undefined, to: query.dateTo || undefined }
        : presetRange(preset, now),
  };
}

/** Whether any filter is set. */
export function hasFilters(query: WorklistQuery): boolean {
  const text = [
    query.patientName,
    query.patientId,
    query.accessionNumber,
    query.studyDescription,
    query.referringPhysicianName,
    query.institution,
  ];
  const chosen = Boolean(query.modalities?.length) || Boolean(query.myFacilities);
  return text.some((t) => t?.trim()) || chosen || (query.datePreset ?? 'any') !== 'any';
}
