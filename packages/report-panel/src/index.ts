export {
  RadReportPanel,
  type CriticalResultDetail,
  type DraftChangeDetail,
  type ReportErrorDetail,
  type ReportPanelMode,
  type ReportSignedDetail,
  type UnsavedDraftDetail,
} from './rad-report-panel/rad-report-panel.js';
export { memoryDraftStore, sessionDraftStore, type DraftStore } from './rad-report-panel/draft-store.js';
export { toFhirDiagnosticReport, type FhirDiagnosticReport } from './rad-report-panel/fhir.js';
export {
  loadReportHistory,
  loadStudyContext,
  reportServiceWith,
  type ReportHistory,
  type ReportService,
  type StudyContext,
} from './rad-report-panel/report-archive.js';
export {
  latestReport,
  RADPEER_SCORES,
  readerName,
  SECTION_IDS,
  type Addendum,
  type CriticalCommunication,
  type ImageReference,
  type PeerReview,
  type RadpeerScore,
  type Reader,
  type ReportDraft,
  type ReportMeasurement,
  type ReportSections,
  type ReportStatus,
  type SectionId,
  type SignedReport,
  type SignedStatus,
} from './rad-report-panel/report-model.js';
export {
  BASIC_TEXT_SR,
  CODES,
  PRIVATE_SCHEME,
  SECTION_CODES,
  peerReviewDataset,
  reportDataset,
  type DocumentContext,
  type EvidenceInstance,
} from './rad-report-panel/report-sr.js';
export { reportFromJson } from './rad-report-panel/report-sr-json.js';
export {
  DIAGNOSTIC_SECTIONS,
  sectionsAtTemplateText,
  type SignBlockedDetail,
  type SignOptions,
} from './rad-report-panel/sign-checks.js';
export {
  BUILT_IN_TEMPLATES,
  BLANK_TEMPLATE,
  chooseTemplate,
  type ReportTemplate,
} from './rad-report-panel/templates.js';
