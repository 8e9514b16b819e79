// Reports as DICOM SR: TID 2000 Basic Diagnostic Imaging Report in a Basic Text SR document, and
// RADPEER reviews in the same IOD under a private title. Written naturalized (for dcmjs), read
// back from WADO-RS metadata (DICOM JSON).
import {
  containerItem as container,
  contentItem as item,
  dicomDate,
  dicomTime,
  englishContent,
  srCode as code,
  srDocumentHeader,
  textItem as text,
  type NaturalizedDataset,
  type SrCode as Code,
} from '@telerad/core';
import {
  SECTION_IDS,
  type CriticalCommunication,
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

const own = (value: string, meaning: string) => code(value, PRIVATE_SCHEME, meaning);

/** Codes used, from CID 7000/7001/7002 (report title, headings, elements) and TID 1002 (observer). */
export const CODES = {
  title: code('18748-4', 'LN', 'Diagnostic Imaging Report'),
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
  technique: {
    heading: code('121064', 'DCM', 'Current Procedure Descriptions'),
    text: code('121065', 'DCM', 'Procedure Description'),
  },
  comparison: {
    heading: code('121066', 'DCM', 'Prior Procedure Descriptions'),
    text: code('121065', 'DCM', 'Procedure Description'),
  },
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

/** DICOM DT of a local time. */
const dicomDateTime = (d: Date) => `${dicomDate(d)}${dicomTime(d)}`;
/** DICOM DT of an ISO local date-time ("YYYY-MM-DDTHH:MM[:SS]"). */
const dtOfIso = (iso: string) => `${iso.replace(/[-:T]/g, '').slice(0, 14)}`.padEnd(14, '0');

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

const sopClassOf = (context: DocumentContext, uid: string) =>
  context.evidence.find((e) => e.sopInstanceUID === uid)?.sopClassUID ?? '';

/** The header of a report or review: the shared SR header, the private scheme and the verifier. */
function header(
  context: DocumentContext,
  title: Code,
  flags: (typeof FLAGS)[SignedStatus],
  verifier: Reader | undefined,
  description: string,
) {
  const { sopInstanceUID, identity, seriesInstanceUID, seriesNumber, evidence, signedAt } = context;
  const document = { sopClassUID: BASIC_TEXT_SR, sopInstanceUID, identity, seriesInstanceUID, seriesNumber, evidence };
  return {
    ...srDocumentHeader({ ...document, seriesDescription: description, createdAt: signedAt, flags, title }),
    // Declares the private coding scheme the documents use.
    CodingSchemeIdentificationSequence: [
      {
        CodingSchemeDesignator: PRIVATE_SCHEME,
        CodingSchemeName: 'Telerad Elements reporting codes',
        CodingSchemeResponsibleOrganization: 'Telerad Elements',
      },
    ],
    ...(verifier ? { VerifyingObserverSequence: [verifyingObserver(verifier, signedAt)] } : {}),
  };
}

/** The verifier of a signed (final) document. */
const verifyingObserver = (verifier: Reader, signedAt: Date) => ({
  VerifyingObserverName: verifier.name,
  VerifyingObserverIdentificationCodeSequence: [own(verifier.id, verifier.name)],
  // Type 1: an organization must be named.
  VerifyingOrganization: verifier.organization || 'Not specified',
  VerificationDateTime: dicomDateTime(signedAt),
});

/** What a report document says: everything of a signed report but its UIDs. */
export type ReportContent = Pick<
  SignedReport,
  'status' | 'reader' | 'sections' | 'critical' | 'communication' | 'addenda' | 'references'
> & {
  predecessor?: { seriesInstanceUID: string; sopInstanceUID: string };
};

/** The critical-result record: who was told, when and how; or that nobody has been told yet. */
function criticalContainer(communication: CriticalCommunication | undefined) {
  const pending = 'Critical result flagged; communication not yet recorded.';
  if (!communication) return container(CODES.critical, [text('CONTAINS', CODES.criticalPending, pending)]);
  return container(CODES.critical, [
    // Free text: a recipient is often a role or a team ("ED charge nurse"), not a person name.
    text('CONTAINS', CODES.criticalRecipient, communication.recipient),
    item('CONTAINS', 'DATETIME', CODES.criticalTime, { DateTime: dtOfIso(communication.communicatedAt) }),
    text('CONTAINS', CODES.criticalMethod, communication.method),
  ]);
}

/** The report a new version replaces or amends (PS3.3 C.17.2: Predecessor Documents Sequence). */
function predecessorSequence(studyUID: unknown, predecessor: NonNullable<ReportContent['predecessor']>) {
  const sop = { ReferencedSOPClassUID: BASIC_TEXT_SR, ReferencedSOPInstanceUID: predecessor.sopInstanceUID };
  const series = { SeriesInstanceUID: predecessor.seriesInstanceUID, ReferencedSOPSequence: [sop] };
  return [{ StudyInstanceUID: studyUID, ReferencedSeriesSequence: [series] }];
}

/** A TID 2000 report as a naturalized Basic Text SR data set. */
export function reportDataset(report: ReportContent, context: DocumentContext): NaturalizedDataset {
  const verifier = report.status === 'preliminary' ? undefined : report.reader;
  const studyUID = context.identity.StudyInstanceUID;
  const imageItems = report.references.map((r) =>
    item('CONTAINS', 'IMAGE', SECTION_CODES.findings.text, {
      ReferencedSOPSequence: [
        {
          ReferencedSOPClassUID: r.sopClassUID || sopClassOf(context, r.sopInstanceUID),
          ReferencedSOPInstanceUID: r.sopInstanceUID,
          ...(r.frame > 1 ? { ReferencedFrameNumber: r.frame } : {}),
        },
      ],
    }),
  );
  const sections = SECTION_IDS.filter((id) => report.sections[id].trim()).map((id) =>
    container(SECTION_CODES[id].heading, [
      text('CONTAINS', SECTION_CODES[id].text, report.sections[id]),
      ...(id === 'findings' ? imageItems : []),
    ]),
  );
  const critical = report.critical ? [criticalContainer(report.communication)] : [];
  const addenda = report.addenda.map((a) =>
    container(CODES.addendum, [...observerContext(a.reader), text('CONTAINS', CODES.addendumText, a.text)], {
      ObservationDateTime: dtOfIso(a.signedAt),
    }),
  );
  return {
    ...header(context, CODES.title, FLAGS[report.status], verifier, 'Radiology report'),
    ...(report.predecessor ? { PredecessorDocumentsSequence: predecessorSequence(studyUID, report.predecessor) } : {}),
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2000' }],
    ContentSequence: [englishContent(), ...observerContext(report.reader), ...sections, ...critical, ...addenda],
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
          {
            SeriesInstanceUID: review.reviewedSeriesUID,
            ReferencedSOPSequence: [
              { ReferencedSOPClassUID: BASIC_TEXT_SR, ReferencedSOPInstanceUID: review.reviewedReportUID },
            ],
          },
        ],
      },
    ],
    ContentSequence: [
      englishContent(),
      ...observerContext(review.reviewer),
      item('CONTAINS', 'CODE', CODES.radpeerScore, {
        ConceptCodeSequence: [own(`RADPEER-${review.score}`, `RADPEER ${review.score}`)],
      }),
      text('CONTAINS', CODES.radpeerMeaning, RADPEER_MEANINGS[review.score]),
      text('CONTAINS', CODES.reviewComment, review.comment),
      item('CONTAINS', 'COMPOSITE', CODES.reviewedReport, {
        ReferencedSOPSequence: [
          { ReferencedSOPClassUID: BASIC_TEXT_SR, ReferencedSOPInstanceUID: review.reviewedReportUID },
        ],
      }),
    ],
  };
}
