// Building blocks of DICOM SR documents, naturalized (for dcmjs): coded concepts, content items
// and the document header every SR of the elements shares (the report panel's TID 2000 reports
// and reviews, the viewport's TID 1500 measurement reports).
import { dicomDate, dicomTime, type NaturalizedDataset } from './part10.js';

/** A coded concept as an SR code sequence item holds it. */
export interface SrCode {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}

/** A coded concept. */
export const srCode = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string): SrCode => ({
  CodeValue,
  CodingSchemeDesignator,
  CodeMeaning,
});

/** Concepts every document of the elements uses. */
export const SR_CONCEPTS = {
  language: srCode('121049', 'DCM', 'Language of Content Item and Descendants'),
  english: srCode('en-US', 'RFC5646', 'English (United States)'),
} as const;

/** A content item: its relationship to its parent, value type, concept name and value attributes. */
export const contentItem = (
  RelationshipType: string,
  ValueType: string,
  concept: SrCode,
  value: Record<string, unknown> = {},
) => ({ RelationshipType, ValueType, ConceptNameCodeSequence: [concept], ...value });

/** A TEXT content item. */
export const textItem = (relationship: string, concept: SrCode, TextValue: string) =>
  contentItem(relationship, 'TEXT', concept, { TextValue });

/** A CONTAINER content item (separate content) holding `content`. */
export const containerItem = (concept: SrCode, content: unknown[], extra: Record<string, unknown> = {}) =>
  contentItem('CONTAINS', 'CONTAINER', concept, {
    ContinuityOfContent: 'SEPARATE',
    ...extra,
    ContentSequence: content,
  });

/** The document's language as its first concept modifier (TID 1204): English. */
export const englishContent = () =>
  contentItem('HAS CONCEPT MOD', 'CODE', SR_CONCEPTS.language, { ConceptCodeSequence: [SR_CONCEPTS.english] });

/** An instance a document refers to as evidence. */
export interface SrEvidence {
  seriesInstanceUID: string;
  sopClassUID: string;
  sopInstanceUID: string;
}

/** Current Requested Procedure Evidence Sequence (PS3.3 C.17.2.3): the instances, by series. */
export function evidenceSequence(studyInstanceUID: unknown, evidence: readonly SrEvidence[]) {
  const bySeries = new Map<string, SrEvidence[]>();
  for (const e of evidence) bySeries.set(e.seriesInstanceUID, [...(bySeries.get(e.seriesInstanceUID) ?? []), e]);
  const referenced = (instances: SrEvidence[]) =>
    instances.map((e) => ({ ReferencedSOPClassUID: e.sopClassUID, ReferencedSOPInstanceUID: e.sopInstanceUID }));
  const ReferencedSeriesSequence = [...bySeries].map(([SeriesInstanceUID, instances]) => ({
    SeriesInstanceUID,
    ReferencedSOPSequence: referenced(instances),
  }));
  return [{ StudyInstanceUID: studyInstanceUID, ReferencedSeriesSequence }];
}

/** What the shared header says of one document. */
export interface SrDocument {
  sopClassUID: string;
  sopInstanceUID: string;
  /** Patient and study attributes (naturalized), as `studyIdentityOf` gives them. */
  identity: NaturalizedDataset;
  seriesInstanceUID: string;
  seriesNumber: number;
  seriesDescription: string;
  /** When the content was made (local time). */
  createdAt: Date;
  /** Completion, verification (and preliminary) flags, PS3.3 C.17.2. */
  flags: { CompletionFlag: string; VerificationFlag: string; PreliminaryFlag?: string };
  /** The document title: the root container's concept. */
  title: SrCode;
  evidence: readonly SrEvidence[];
}

/** Patient, study, series, SR Document General and the root container of an SR document. */
export function srDocumentHeader(document: SrDocument): NaturalizedDataset {
  const { createdAt } = document;
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: document.sopClassUID,
    SOPInstanceUID: document.sopInstanceUID,
    ...document.identity,
    Modality: 'SR',
    SeriesInstanceUID: document.seriesInstanceUID,
    SeriesNumber: document.seriesNumber,
    SeriesDescription: document.seriesDescription,
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'Telerad Elements',
    InstanceNumber: 1,
    InstanceCreationDate: dicomDate(createdAt),
    InstanceCreationTime: dicomTime(createdAt),
    ContentDate: dicomDate(createdAt),
    ContentTime: dicomTime(createdAt),
    ...document.flags,
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: evidenceSequence(document.identity.StudyInstanceUID, document.evidence),
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [document.title],
    ContinuityOfContent: 'SEPARATE',
  };
}
