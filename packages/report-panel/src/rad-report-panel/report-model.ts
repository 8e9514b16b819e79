// What a radiology report is, independent of how it is stored: sections of text, its reader, its
// place in the lifecycle (draft → preliminary → final → amended by addenda), a critical-result
// record, and RADPEER peer reviews of it.
import { formatPersonName, parsePersonName, type Measurement } from '@telerad/core';

/** The sections every template has, in report order. */
export const SECTION_IDS = ['clinical', 'technique', 'comparison', 'findings', 'impression'] as const;
export type SectionId = (typeof SECTION_IDS)[number];
export type ReportSections = Record<SectionId, string>;

/** Lifecycle state of a stored report. */
export type SignedStatus = 'preliminary' | 'final' | 'amended';
export type ReportStatus = 'draft' | SignedStatus;

/** The radiologist (or reviewer), as the host identifies them; the panel never invents one. */
export interface Reader {
  /** A DICOM person name ("Family^Given^^Prefix") or plain text. */
  name: string;
  id: string;
  subspecialty?: string;
  organization?: string;
}

/** A reader's name for people to read: "Dr Okoye, Daniel" from "Okoye^Daniel^^Dr". */
export const readerName = (reader: Reader): string =>
  formatPersonName(parsePersonName({ Alphabetic: reader.name })) || reader.name;

/** How a critical result reached the care team (who was told, when, how). */
export interface CriticalCommunication {
  recipient: string;
  /** ISO date-time. */
  communicatedAt: string;
  method: string;
}

/** An image the report refers to (a measured one). */
export interface ImageReference {
  sopInstanceUID: string;
  /** Its SOP Class UID, where the measurement named it (else the study's evidence does). */
  sopClassUID?: string;
  /** 1-based frame of a multi-frame instance. */
  frame: number;
}

/** The editable state of a report before it is signed. */
export interface ReportDraft {
  templateId: string;
  sections: ReportSections;
  critical: boolean;
  communication?: CriticalCommunication;
  /** Images the text refers to (inserted measurements). */
  references: ImageReference[];
}

export interface Addendum {
  text: string;
  reader: Reader;
  /** ISO date-time. */
  signedAt: string;
}

/** A report as stored in the archive (one SR document). */
export interface SignedReport {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  status: SignedStatus;
  reader: Reader;
  /** ISO date-time of signing (the SR content date and time). */
  signedAt: string;
  sections: ReportSections;
  critical: boolean;
  communication?: CriticalCommunication;
  addenda: Addendum[];
  references: ImageReference[];
  /** The report this one follows (the preliminary a final replaces, the report an addendum amends). */
  predecessorUID?: string;
}

/** RADPEER scores: 1 concur; 2–4 discrepancies of rising severity, a/b not/likely clinically significant. */
export const RADPEER_SCORES = ['1', '2a', '2b', '3a', '3b', '4a', '4b'] as const;
export type RadpeerScore = (typeof RADPEER_SCORES)[number];

export interface PeerReview {
  studyInstanceUID: string;
  sopInstanceUID: string;
  score: RadpeerScore;
  comment: string;
  reviewer: Reader;
  /** ISO date-time. */
  reviewedAt: string;
  /** SOP Instance UID of the report reviewed. */
  reviewedReportUID: string;
}

/**
 * A measurement to put into words: core's `Measurement`, as `<rad-viewport>` reports it in its
 * `rad-measurement-*` events. A host's own may leave out the study, series and SOP class (the
 * study's evidence supplies them); one of another study is not taken.
 */
export type ReportMeasurement = Omit<Measurement, 'id' | 'studyInstanceUID' | 'seriesInstanceUID' | 'sopClassUID'> &
  Partial<Pick<Measurement, 'studyInstanceUID' | 'seriesInstanceUID' | 'sopClassUID'>>;

export const emptySections = (): ReportSections => ({
  clinical: '',
  technique: '',
  comparison: '',
  findings: '',
  impression: '',
});

/** The latest report of a chain: the one no other report names as its predecessor, newest first. */
export function latestReport(reports: readonly SignedReport[]): SignedReport | undefined {
  const superseded = new Set(reports.map((r) => r.predecessorUID).filter(Boolean));
  return [...reports]
    .filter((r) => !superseded.has(r.sopInstanceUID))
    .sort((a, b) => b.signedAt.localeCompare(a.signedAt))[0];
}
