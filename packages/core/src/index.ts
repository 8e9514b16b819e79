export { dicomWebContext, requestDicomWebAgain } from './context.js';
export type { DicomJsonDataset, DicomJsonElement, DicomJsonPersonName } from './dicom/json.js';
export { firstValue, numberValue, personNameValue, sequenceItems, stringValue, stringValues } from './dicom/json.js';
export { Tag, type TagKeyword } from './dicom/tags.js';
export {
  formatPersonName,
  formatNameComponents,
  parsePersonName,
  type NameComponents,
  type PersonName,
} from './dicom/person-name.js';
export { parseDicomDate, parseDicomTime, toDicomDate, toLocalDate } from './dicom/date-time.js';
export {
  dicomDate,
  dicomTime,
  newUid,
  readPart10,
  studyIdentityOf,
  writePart10,
  type NaturalizedDataset,
} from './dicom/part10.js';
export { holdsImages } from './dicom/modalities.js';
export {
  containerItem,
  contentItem,
  englishContent,
  evidenceSequence,
  SR_CONCEPTS,
  srCode,
  srDocumentHeader,
  textItem,
  type SrCode,
  type SrDocument,
  type SrEvidence,
} from './dicom/sr-content.js';
export { newestFirst, toInstance, toSeries, toStudy, type Instance, type Series, type Study } from './dicom/models.js';
export {
  MEASUREMENT_EVENTS,
  type MeasuredImage,
  type Measurement,
  type MeasurementDetail,
  type MeasurementEventName,
  type MeasurementValue,
  type StackPosition,
} from './dicom/measurement.js';
export {
  firstReportedAt,
  isDiagnosticReport,
  isFinalReport,
  readStatusOf,
  toReportDocument,
  type CodedConcept,
  type ReadStatus,
  type ReportDocument,
} from './dicom/report-document.js';
export { AuthPolicy, type TokenProvider } from './dicomweb/auth.js';
export {
  asFailure,
  dicomReasonText,
  DicomWebError,
  failureSource,
  fileFault,
  reasonCode,
  ViewerError,
  type DicomWebErrorKind,
  type FailureSource,
  type ViewerErrorKind,
} from './dicomweb/errors.js';
export {
  DicomWebService,
  type DicomWebServiceOptions,
  type InstanceRef,
  type RequestOptions,
  type ResourceRef,
} from './dicomweb/dicomweb-service.js';
export { storeResultOf, type StoreOutcome, type StoreResult } from './dicomweb/stow-response.js';
export { Pager, resolveBulkDataURIs, STANDARD_QUIRKS, type Page, type ServerQuirks } from './dicomweb/server-quirks.js';
export {
  clientSideTextFilter,
  foldAccents,
  matchesWildcard,
  serverSafeWildcard,
  type MatchOptions,
  studyQueryParams,
  toWildcard,
  type PageRequest,
  type StudyQuery,
} from './dicomweb/query.js';
export {
  RadElement,
  radEvent,
  type AuthRequiredDetail,
  type RadErrorDetail,
  type RadEventMap,
  type RadEvents,
} from './element/rad-element.js';
export { buttons, surface, tokens } from './element/tokens.js';
export { errorMessage } from './element/error-messages.js';
export {
  getRadLocale,
  registerTranslations,
  setRadLocale,
  SOURCE_LOCALE,
  TARGET_LOCALES,
  type RadLocale,
} from './element/localization.js';
export { RadDicomweb } from './rad-dicomweb/rad-dicomweb.js';
