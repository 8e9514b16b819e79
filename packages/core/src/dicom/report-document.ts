import { parseDicomDate, parseDicomTime } from './date-time.js';
import { sequenceItems, stringValue, type DicomJsonDataset } from './json.js';
import { Tag } from './tags.js';

/** How far a study has been reported, as a worklist shows it. */
export type ReadStatus = 'unread' | 'preliminary' | 'final' | 'amended';

/** A coded concept (code value, scheme, meaning). */
export interface CodedConcept {
  value: string;
  scheme: string;
  meaning?: string;
}

/**
 * The status-bearing attributes of an SR document (PS3.3 C.17.2 SR Document General Module),
 * read from its WADO-RS metadata.
 */
export interface ReportDocument {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  /** Document title: the root content item's Concept Name. */
  title?: CodedConcept;
  /** PARTIAL or COMPLETE. */
  completionFlag?: string;
  /** UNVERIFIED or VERIFIED (signed). */
  verificationFlag?: string;
  /** PRELIMINARY or FINAL (PS3.3 C.17.2.1). */
  preliminaryFlag?: string;
  /** ISO "YYYY-MM-DDTHH:MM:SS" of the content (when the text was signed). */
  contentDateTime?: string;
  /** SOP Instance UIDs this document amends or replaces (Predecessor Documents Sequence). */
  predecessorUIDs: string[];
}

export function toReportDocument(dataset: DicomJsonDataset): ReportDocument {
  const title = sequenceItems(dataset, Tag.ConceptNameCodeSequence)[0];
  const date = parseDicomDate(stringValue(dataset, Tag.ContentDate));
  const time = parseDicomTime(stringValue(dataset, Tag.ContentTime));
  return {
    studyInstanceUID: stringValue(dataset, Tag.StudyInstanceUID) ?? '',
    seriesInstanceUID: stringValue(dataset, Tag.SeriesInstanceUID) ?? '',
    sopInstanceUID: stringValue(dataset, Tag.SOPInstanceUID) ?? '',
    title: title && {
      value: stringValue(title, Tag.CodeValue) ?? '',
      scheme: stringValue(title, Tag.CodingSchemeDesignator) ?? '',
      meaning: stringValue(title, Tag.CodeMeaning),
    },
    completionFlag: stringValue(dataset, Tag.CompletionFlag),
    verificationFlag: stringValue(dataset, Tag.VerificationFlag),
    preliminaryFlag: stringValue(dataset, Tag.PreliminaryFlag),
    contentDateTime: date ? `${date}T${time ?? '00:00:00'}` : undefined,
    // Predecessor Documents Sequence: study → series → SOP references (PS3.3 Table 10-4).
    predecessorUIDs: sequenceItems(dataset, Tag.PredecessorDocumentsSequence)
      .flatMap((study) => sequenceItems(study, Tag.ReferencedSeriesSequence))
      .flatMap((series) => sequenceItems(series, Tag.ReferencedSOPSequence))
      .map((sop) => stringValue(sop, Tag.ReferencedSOPInstanceUID))
      .filter((uid): uid is string => uid !== undefined),
  };
}

/**
 * Whether an SR is a diagnostic imaging report (TID 2000) rather than e.g. a measurement report
 * (TID 1500, titled DCM 126000): report titles come from CID 7000, which is all LOINC.
 */
export function isDiagnosticReport(document: ReportDocument): boolean {
  return document.title?.scheme === 'LN';
}

/** A signed, complete, non-preliminary report. */
export function isFinalReport(document: ReportDocument): boolean {
  return (
    document.verificationFlag === 'VERIFIED' &&
    document.completionFlag === 'COMPLETE' &&
    document.preliminaryFlag !== 'PRELIMINARY'
  );
}

/**
 * The read status of a study from its SR documents: amended when a final report has a final
 * predecessor (an addendum), final when any report is final, preliminary when a report exists but
 * none is final, unread otherwise.
 */
export function readStatusOf(documents: readonly ReportDocument[]): ReadStatus {
  const reports = documents.filter(isDiagnosticReport);
  const finals = reports.filter(isFinalReport);
  const finalUIDs = new Set(finals.map((d) => d.sopInstanceUID));
  if (finals.some((d) => d.predecessorUIDs.some((uid) => finalUIDs.has(uid)))) return 'amended';
  if (finals.length) return 'final';
  return reports.length ? 'preliminary' : 'unread';
}

/** When a study was first reported (preliminary or final): the earliest report's content time. */
export function firstReportedAt(documents: readonly ReportDocument[]): string | undefined {
  return documents
    .filter(isDiagnosticReport)
    .map((d) => d.contentDateTime)
    .filter((t): t is string => t !== undefined)
    .sort()[0];
}
