// Reports as DICOM SR: TID 2000 Basic Diagnostic Imaging Report in a Basic Text SR document, and
// RADPEER reviews in the same IOD under a private title. Written naturalized (for dcmjs), read
// back from WADO-RS metadata (DICOM JSON).
import { dicomDate, dicomTime, numberValue, personNameValue, sequenceItems, stringValue, type DicomJsonDataset, type NaturalizedDataset } from '@telerad/core';
import {
  emptySections,
  RADPEER_SCORES,
  SECTION_IDS,
  type Addendum,
  type CriticalCommunication,
  type ImageReference,
  type PeerReview,
  type RadpeerScore,
  type Reader,
  type SectionId,
  type SignedReport,
  type SignedStatus,
} from './report-model.js';

export const BASIC_TEXT_SR = '1.2.840.10008.5.1.4.1.1.88.11';
/** Private coding scheme for what DICOM has no code for (critical-result record, RADPEER). */
export const PRIVATE_SCHEME = '99TELERAD';

interface Code {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}
const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string): Code => ({ CodeValue, CodingSchemeDesignator, CodeMeaning });
const own = (value: string, meaning: string) => code(value, PRIVATE_SCHEME, meaning);

/** Codes used, from CID 7000/7001/7002 (report title, headings, elements) and TID 1002 (observer). */
export const CODES = {
  title: code('18748-4', 'LN', 'Diagnostic Imaging Report'),
  language: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  english: code('en-US', 'RFC5646', 'English (United States)'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  person: code('121006', 'DCM', 'Person'),
  observerName: code('121008', 'DCM', 'Person Observer Name'),
  observerOrganization: code('121009', 'DCM', "Person Observer's Organization Name"),
  readerId: own('READER-ID', 'Reader identifier'),
  subspecialty: own('SUBSPECIALTY', 'Reader subspecialty'),
  addendum: code('121078', 'DCM', 'Addendum'),
  addendumText: code('121106', 'DCM', 'Comment'),
  critical: own('CRITICAL', 'Critical result'),
  criticalRecipient: own('CRIT-RECIPIENT', 'Critical result communicated to'),
  criticalTime: own('CRIT-TIME', 'Critical result communicated at'),
  criticalMethod: own('CRIT-METHOD', 'Critical result communication method'),
  criticalPending: own('CRIT-PENDING', 'Critical result not yet communicated'),
  peerReview: own('PEER-REVIEW', 'Peer review'),
  radpeerScore: own('RADPEER', 'RADPEER score'),
  reviewComment: code('121106', 'DCM', 'Comment'),
  reviewedReport: own('REVIEWED', 'Reviewed report'),
  radpeerMeaning: own('RADPEER-MEANING', 'RADPEER score meaning'),
} as const;

/** Each section: its heading (CID 7001) and the concept of its text (CID 7002). */
export const SECTION_CODES: Record<SectionId, { heading: Code; text: Code }> = {
  clinical: { heading: code('55752-0', 'LN', 'Clinical Information'), text: code('121060', 'DCM', 'History') },
  technique: { heading: code('121064', 'DCM', 'Current Procedure Descriptions'), text: code('121065', 'DCM', 'Procedure Description') },
  comparison: { heading: code('121066', 'DCM', 'Prior Procedure Descriptions'), text: code('121065', 'DCM', 'Procedure Description') },
  findings: { heading: code('121070', 'DCM', 'Findings'), text: code('121071', 'DCM', 'Finding') },
  impression: { heading: code('121072', 'DCM', 'Impressions'), text: code('121073', 'DCM', 'Impression') },
};

const RADPEER_MEANINGS: Record<RadpeerScore, string> = {
  '1': 'Concur with interpretation',
  '2a': 'Discrepancy in interpretation, not ordinarily expected to be made; unlikely to be clinically significant',
  '2b': 'Discrepancy in interpretation, not ordinarily expected to be made; likely to be clinically significant',
  '3a': 'Discrepancy in interpretation, should be made most of the time; unlikely to be clinically significant',
  '3b': 'Discrepancy in interpretation, should be made most of the time; likely to be clinically significant',
  '4a': 'Discrepancy in interpretation, should be made almost every time; unlikely to be clinically significant',
  '4b': 'Discrepancy in interpretation, should be made almost every time; likely to be clinically significant',
};

/** PS3.3 C.17.2 flags of each status. A preliminary read is signed but not the verified whole. */
const FLAGS: Record<SignedStatus, { CompletionFlag: string; VerificationFlag: string; PreliminaryFlag: string }> = {
  preliminary: { CompletionFlag: 'PARTIAL', VerificationFlag: 'UNVERIFIED', PreliminaryFlag: 'PRELIMINARY' },
  final: { CompletionFlag: 'COMPLETE', VerificationFlag: 'VERIFIED', PreliminaryFlag: 'FINAL' },
  amended: { CompletionFlag: 'COMPLETE', VerificationFlag: 'VERIFIED', PreliminaryFlag: 'FINAL' },
};

/** An image of the study, for the evidence and image references. */
export interface EvidenceInstance {
  seriesInstanceUID: string;
  sopClassUID: string;
  sopInstanceUID: string;
  /** For naming the image in text ("series 2, image 14"). */
  seriesNumber?: number;
  instanceNumber?: number;
}

/** Where a document goes and what it says about the study. */
export interface DocumentContext {
  /** Patient and study attributes (naturalized), from `studyIdentityOf`. */
  identity: NaturalizedDataset;
  /** The study's images: all were evaluated. */
  evidence: readonly EvidenceInstance[];
  seriesInstanceUID: string;
  seriesNumber: number;
  sopInstanceUID: string;
  signedAt: Date;
}

/** DICOM DT of a local time; ISO date-time (local) of the same. */
const dicomDateTime = (d: Date) => `${dicomDate(d)}${dicomTime(d)}`;
const isoOf = (dt: string) => (dt.length >= 14 ? `${dt.slice(0, 4)}-${dt.slice(4, 6)}-${dt.slice(6, 8)}T${dt.slice(8, 10)}:${dt.slice(10, 12)}:${dt.slice(12, 14)}` : '');
/** DICOM DT of an ISO local date-time ("YYYY-MM-DDTHH:MM[:SS]"). */
const dtOfIso = (iso: string) => `${iso.replace(/[-:T]/g, '').slice(0, 14)}`.padEnd(14, '0');

const item = (RelationshipType: string, ValueType: string, concept: Code, value: Record<string, unknown>) => ({
  RelationshipType,
  ValueType,
  ConceptNameCodeSequence: [concept],
  ...value,
});
const text = (relationship: string, concept: Code, TextValue: string) => item(relationship, 'TEXT', concept, { TextValue });
const container = (concept: Code, content: unknown[], extra: Record<string, unknown> = {}) =>
  item('CONTAINS', 'CONTAINER', concept, { ContinuityOfContent: 'SEPARATE', ...extra, ContentSequence: content });

/** TID 1002 observer context: a person, with their organization, our reader id and subspecialty. */
function observerContext(reader: Reader) {
  return [
    item('HAS OBS CONTEXT', 'CODE', CODES.observerType, { ConceptCodeSequence: [CODES.person] }),
    item('HAS OBS CONTEXT', 'PNAME', CODES.observerName, { PersonName: reader.name }),
    ...(reader.organization ? [text('HAS OBS CONTEXT', CODES.observerOrganization, reader.organization)] : []),
    text('HAS OBS CONTEXT', CODES.readerId, reader.id),
    ...(reader.subspecialty ? [text('HAS OBS CONTEXT', CODES.subspecialty, reader.subspecialty)] : []),
  ];
}

const sopClassOf = (context: DocumentContext, uid: string) => context.evidence.find((e) => e.sopInstanceUID === uid)?.sopClassUID ?? '';

/** SR Document General module and the rest of the header, shared by reports and reviews. */
function header(context: DocumentContext, title: Code, flags: (typeof FLAGS)[SignedStatus], verifier: Reader | undefined, description: string) {
  const bySeries = new Map<string, EvidenceInstance[]>();
  for (const e of context.evidence) bySeries.set(e.seriesInstanceUID, [...(bySeries.get(e.seriesInstanceUID) ?? []), e]);
  const signed = context.signedAt;
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    // Declares the private coding scheme the documents use.
    CodingSchemeIdentificationSequence: [
      { CodingSchemeDesignator: PRIVATE_SCHEME, CodingSchemeName: 'Telerad Elements reporting codes', CodingSchemeResponsibleOrganization: 'Telerad Elements' },
    ],
    SOPClassUID: BASIC_TEXT_SR,
    SOPInstanceUID: context.sopInstanceUID,
    ...context.identity,
    Modality: 'SR',
    SeriesInstanceUID: context.seriesInstanceUID,
    SeriesNumber: context.seriesNumber,
    SeriesDescription: description,
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'Telerad Elements',
    InstanceNumber: 1,
    InstanceCreationDate: dicomDate(signed),
    InstanceCreationTime: dicomTime(signed),
    ContentDate: dicomDate(signed),
    ContentTime: dicomTime(signed),
    ...flags,
    ...(verifier
      ? {
          VerifyingObserverSequence: [
            {
              VerifyingObserverName: verifier.name,
              VerifyingObserverIdentificationCodeSequence: [own(verifier.id, verifier.name)],
              // Type 1: an organization must be named.
              VerifyingOrganization: verifier.organization || 'Not specified',
              VerificationDateTime: dicomDateTime(signed),
            },
          ],
        }
      : {}),
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: [
      {
        StudyInstanceUID: context.identity.StudyInstanceUID,
        ReferencedSeriesSequence: [...bySeries].map(([series, instances]) => ({
          SeriesInstanceUID: series,
          ReferencedSOPSequence: instances.map((e) => ({ ReferencedSOPClassUID: e.sopClassUID, ReferencedSOPInstanceUID: e.sopInstanceUID })),
        })),
      },
    ],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [title],
    ContinuityOfContent: 'SEPARATE',
  };
}

/** What a report document says: everything of a signed report but its UIDs. */
export type ReportContent = Pick<SignedReport, 'status' | 'reader' | 'sections' | 'critical' | 'communication' | 'addenda' | 'references'> & {
  predecessor?: { seriesInstanceUID: string; sopInstanceUID: string };
};

/** A TID 2000 report as a naturalized Basic Text SR data set. */
export function reportDataset(report: ReportContent, context: DocumentContext): NaturalizedDataset {
  const verifier = report.status === 'preliminary' ? undefined : report.reader;
  const studyUID = context.identity.StudyInstanceUID;
  const imageItems = report.references.map((r) =>
    item('CONTAINS', 'IMAGE', SECTION_CODES.findings.text, {
      ReferencedSOPSequence: [{ ReferencedSOPClassUID: r.sopClassUID || sopClassOf(context, r.sopInstanceUID), ReferencedSOPInstanceUID: r.sopInstanceUID, ...(r.frame > 1 ? { ReferencedFrameNumber: r.frame } : {}) }],
    }),
  );
  const sections = SECTION_IDS.filter((id) => report.sections[id].trim()).map((id) =>
    container(SECTION_CODES[id].heading, [text('CONTAINS', SECTION_CODES[id].text, report.sections[id]), ...(id === 'findings' ? imageItems : [])]),
  );
  const critical = report.critical
    ? [
        container(
          CODES.critical,
          report.communication
            ? [
                // Free text: a recipient is often a role or a team ("ED charge nurse"), not a person name.
                text('CONTAINS', CODES.criticalRecipient, report.communication.recipient),
                item('CONTAINS', 'DATETIME', CODES.criticalTime, { DateTime: dtOfIso(report.communication.communicatedAt) }),
                text('CONTAINS', CODES.criticalMethod, report.communication.method),
              ]
            : [text('CONTAINS', CODES.criticalPending, 'Critical result flagged; communication not yet recorded.')],
        ),
      ]
    : [];
  const addenda = report.addenda.map((a) =>
    container(CODES.addendum, [...observerContext(a.reader), text('CONTAINS', CODES.addendumText, a.text)], { ObservationDateTime: dtOfIso(a.signedAt) }),
  );
  return {
    ...header(context, CODES.title, FLAGS[report.status], verifier, 'Radiology report'),
    ...(report.predecessor
      ? {
          PredecessorDocumentsSequence: [
            {
              StudyInstanceUID: studyUID,
              ReferencedSeriesSequence: [
                {
                  SeriesInstanceUID: report.predecessor.seriesInstanceUID,
                  ReferencedSOPSequence: [{ ReferencedSOPClassUID: BASIC_TEXT_SR, ReferencedSOPInstanceUID: report.predecessor.sopInstanceUID }],
                },
              ],
            },
          ],
        }
      : {}),
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2000' }],
    ContentSequence: [
      item('HAS CONCEPT MOD', 'CODE', CODES.language, { ConceptCodeSequence: [CODES.english] }),
      ...observerContext(report.reader),
      ...sections,
      ...critical,
      ...addenda,
    ],
  };
}

/** A RADPEER review of a report as a naturalized Basic Text SR data set (not a diagnostic report). */
export function peerReviewDataset(
  review: Pick<PeerReview, 'score' | 'comment' | 'reviewer' | 'reviewedReportUID'> & { reviewedSeriesUID: string },
  context: DocumentContext,
): NaturalizedDataset {
  return {
    ...header(context, CODES.peerReview, FLAGS.final, review.reviewer, 'Peer review'),
    // The reviewed report is evidence the review refers to.
    PertinentOtherEvidenceSequence: [
      {
        StudyInstanceUID: context.identity.StudyInstanceUID,
        ReferencedSeriesSequence: [
          { SeriesInstanceUID: review.reviewedSeriesUID, ReferencedSOPSequence: [{ ReferencedSOPClassUID: BASIC_TEXT_SR, ReferencedSOPInstanceUID: review.reviewedReportUID }] },
        ],
      },
    ],
    ContentSequence: [
      item('HAS CONCEPT MOD', 'CODE', CODES.language, { ConceptCodeSequence: [CODES.english] }),
      ...observerContext(review.reviewer),
      item('CONTAINS', 'CODE', CODES.radpeerScore, { ConceptCodeSequence: [own(`RADPEER-${review.score}`, `RADPEER ${review.score}`)] }),
      text('CONTAINS', CODES.radpeerMeaning, RADPEER_MEANINGS[review.score]),
      text('CONTAINS', CODES.reviewComment, review.comment),
      item('CONTAINS', 'COMPOSITE', CODES.reviewedReport, {
        ReferencedSOPSequence: [{ ReferencedSOPClassUID: BASIC_TEXT_SR, ReferencedSOPInstanceUID: review.reviewedReportUID }],
      }),
    ],
  };
}

// Reading back (DICOM JSON from WADO-RS metadata).

const CONTENT = '0040A730';
const conceptOf = (dataset: DicomJsonDataset) => {
  const concept = sequenceItems(dataset, '0040A043')[0];
  return concept && `${stringValue(concept, '00080102')}:${stringValue(concept, '00080100')}`;
};
const is = (dataset: DicomJsonDataset, c: Code) => conceptOf(dataset) === `${c.CodingSchemeDesignator}:${c.CodeValue}`;
const childrenOf = (dataset: DicomJsonDataset) => sequenceItems(dataset, CONTENT);
const textOf = (items: DicomJsonDataset[], c: Code) => stringValue(items.find((i) => is(i, c)) ?? {}, '0040A160');
const nameOf = (items: DicomJsonDataset[], c: Code) => personNameValue(items.find((i) => is(i, c)) ?? {}, '0040A123')?.Alphabetic;

/**
 * The reader named by the observer context (TID 1002) in `items`; for a whole document without one
 * (other systems' reports), the header's Verifying Observer, else its Author Observer.
 */
function readerOf(items: DicomJsonDataset[], document?: DicomJsonDataset): Reader {
  const name = nameOf(items, CODES.observerName);
  if (!name && document) return headerReaderOf(document);
  const subspecialty = textOf(items, CODES.subspecialty);
  const organization = textOf(items, CODES.observerOrganization);
  return {
    name: name ?? '',
    id: textOf(items, CODES.readerId) ?? '',
    ...(subspecialty ? { subspecialty } : {}),
    ...(organization ? { organization } : {}),
  };
}

function headerReaderOf(document: DicomJsonDataset): Reader {
  const verifier = sequenceItems(document, '0040A073')[0];
  if (verifier) {
    const organization = stringValue(verifier, '0040A027');
    return {
      name: personNameValue(verifier, '0040A075')?.Alphabetic ?? '',
      id: stringValue(sequenceItems(verifier, '0040A088')[0] ?? {}, '00080100') ?? '',
      ...(organization ? { organization } : {}),
    };
  }
  const author = sequenceItems(document, '0040A078')[0];
  const organization = author && stringValue(author, '00080080');
  return { name: (author && personNameValue(author, '0040A123')?.Alphabetic) ?? '', id: '', ...(organization ? { organization } : {}) };
}

const contentDateTime = (dataset: DicomJsonDataset) => isoOf(`${stringValue(dataset, '00080023') ?? ''}${(stringValue(dataset, '00080033') ?? '').slice(0, 6)}`);

/** Whether an SR is a peer review written by `peerReviewDataset`. */
export const isPeerReview = (dataset: DicomJsonDataset) => is(dataset, CODES.peerReview);

/** A report written by `reportDataset` (or any TID 2000 report with these headings). */
export function reportFromJson(dataset: DicomJsonDataset): SignedReport {
  const content = childrenOf(dataset);
  const sections = emptySections();
  const references: ImageReference[] = [];
  for (const id of SECTION_IDS) {
    const section = content.find((i) => is(i, SECTION_CODES[id].heading));
    if (!section) continue;
    const items = childrenOf(section);
    sections[id] = items.filter((i) => stringValue(i, '0040A040') === 'TEXT').map((i) => stringValue(i, '0040A160') ?? '').join('\n');
    for (const image of items.filter((i) => stringValue(i, '0040A040') === 'IMAGE')) {
      const sop = sequenceItems(image, '00081199')[0];
      if (sop) references.push({ sopInstanceUID: stringValue(sop, '00081155') ?? '', frame: numberValue(sop, '00081160') ?? 1 });
    }
  }
  const criticalItems = content.find((i) => is(i, CODES.critical));
  const criticalContent = criticalItems ? childrenOf(criticalItems) : [];
  const recipient = textOf(criticalContent, CODES.criticalRecipient);
  const communication: CriticalCommunication | undefined = recipient
    ? {
        recipient,
        communicatedAt: isoOf(stringValue(criticalContent.find((i) => is(i, CODES.criticalTime)) ?? {}, '0040A120') ?? ''),
        method: textOf(criticalContent, CODES.criticalMethod) ?? '',
      }
    : undefined;
  const addenda: Addendum[] = content
    .filter((i) => is(i, CODES.addendum))
    .map((a) => ({ text: textOf(childrenOf(a), CODES.addendumText) ?? '', reader: readerOf(childrenOf(a)), signedAt: isoOf(stringValue(a, '0040A032') ?? '') }));
  const predecessor = sequenceItems(dataset, '0040A360')
    .flatMap((s) => sequenceItems(s, '00081115'))
    .flatMap((s) => sequenceItems(s, '00081199'))
    .map((s) => stringValue(s, '00081155'))[0];
  const preliminary = stringValue(dataset, '0040A496') === 'PRELIMINARY' || stringValue(dataset, '0040A493') !== 'VERIFIED';
  return {
    studyInstanceUID: stringValue(dataset, '0020000D') ?? '',
    seriesInstanceUID: stringValue(dataset, '0020000E') ?? '',
    sopInstanceUID: stringValue(dataset, '00080018') ?? '',
    status: preliminary ? 'preliminary' : addenda.length ? 'amended' : 'final',
    reader: readerOf(content, dataset),
    signedAt: contentDateTime(dataset),
    sections,
    critical: Boolean(criticalItems),
    ...(communication ? { communication } : {}),
    addenda,
    references,
    ...(predecessor ? { predecessorUID: predecessor } : {}),
  };
}

/** A review written by `peerReviewDataset`. */
export function peerReviewFromJson(dataset: DicomJsonDataset): PeerReview | undefined {
  const content = childrenOf(dataset);
  const scoreItem = content.find((i) => is(i, CODES.radpeerScore));
  const scoreCode = stringValue(sequenceItems(scoreItem ?? {}, '0040A168')[0] ?? {}, '00080100') ?? '';
  const score = RADPEER_SCORES.find((s) => scoreCode === `RADPEER-${s}`);
  const reviewed = content.find((i) => is(i, CODES.reviewedReport));
  const reviewedReportUID = stringValue(sequenceItems(reviewed ?? {}, '00081199')[0] ?? {}, '00081155');
  if (!score || !reviewedReportUID) return undefined;
  return {
    studyInstanceUID: stringValue(dataset, '0020000D') ?? '',
    sopInstanceUID: stringValue(dataset, '00080018') ?? '',
    score,
    comment: textOf(content, CODES.reviewComment) ?? '',
    reviewer: readerOf(content),
    reviewedAt: contentDateTime(dataset),
    reviewedReportUID,
  };
}
