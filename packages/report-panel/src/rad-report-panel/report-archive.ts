// The study's reports in the archive: read with QIDO/WADO-RS, written with STOW-RS.
import {
  DicomWebError,
  studyIdentityOf,
  stringValue,
  writePart10,
  type DicomWebService,
  type NaturalizedDataset,
  type RequestOptions,
  type Study,
} from '@telerad/core';
import type { PeerReview, SignedReport } from './report-model.js';
import type { EvidenceInstance } from './report-sr.js';
import { isPeerReview, peerReviewFromJson, reportFromJson } from './report-sr-json.js';

const REPORT_SERVICE_CALLS = [
  'searchSeries',
  'searchInstances',
  'searchReportDocuments',
  'retrieveInstanceMetadata',
  'storeInstances',
  'searchStudies',
] as const;

export type ReportService = Pick<DicomWebService, (typeof REPORT_SERVICE_CALLS)[number]>;

/**
 * `service` with some of its calls replaced: STOW-RS through the host's own gateway, say, or an
 * archive that fails on purpose in a story or test.
 */
export function reportServiceWith(service: ReportService, overrides: Partial<ReportService>): ReportService {
  const calls = Object.fromEntries(REPORT_SERVICE_CALLS.map((name) => [name, service[name].bind(service)]));
  return { ...calls, ...overrides } as ReportService;
}

/** What the panel knows of the study it reports. */
export interface StudyContext {
  identity: NaturalizedDataset;
  evidence: EvidenceInstance[];
  modalities: string[];
  description: string;
  /** Series numbers in use, so a new report series takes a free one. */
  seriesNumbers: number[];
}

/** The study's reports (a chain of versions, several readers) and peer reviews. */
export interface ReportHistory {
  reports: SignedReport[];
  reviews: PeerReview[];
}

/** The study's images (all evaluated), its identity from one of them, its modalities. */
export async function loadStudyContext(
  service: ReportService,
  studyInstanceUID: string,
  options: RequestOptions = {},
): Promise<StudyContext> {
  const series = await service.searchSeries(studyInstanceUID, options);
  const imageSeries = series.filter((s) => s.modality !== 'SR');
  const perSeries = await Promise.all(
    imageSeries.map((s) => service.searchInstances(studyInstanceUID, s.seriesInstanceUID, options)),
  );
  const instances = perSeries.flatMap((found, i) =>
    found.map((instance) => ({ instance, seriesNumber: imageSeries[i].seriesNumber })),
  );
  if (!instances.length) throw new DicomWebError('not-found', 404, '', 'the study has no images');
  const metadata = await service.retrieveInstanceMetadata(instances[0].instance, options);
  return {
    identity: await studyIdentityOf(metadata),
    evidence: instances.map(({ instance, seriesNumber }) => ({
      seriesInstanceUID: instance.seriesInstanceUID,
      sopClassUID: instance.sopClassUID ?? '',
      sopInstanceUID: instance.sopInstanceUID,
      seriesNumber,
      instanceNumber: instance.instanceNumber,
    })),
    modalities: [...new Set(imageSeries.map((s) => s.modality).filter((m): m is string => Boolean(m)))],
    description: stringValue(metadata, '00081030') ?? '',
    seriesNumbers: series.map((s) => s.seriesNumber ?? 0),
  };
}

/** Every report and review stored for the study, oldest first. */
export async function loadReportHistory(
  service: ReportService,
  studyInstanceUID: string,
  options: RequestOptions = {},
): Promise<ReportHistory> {
  const documents = await service.searchReportDocuments([studyInstanceUID], options);
  const datasets = await Promise.all(
    documents
      .filter((d) => d.title?.scheme === 'LN' || d.title?.value === 'PEER-REVIEW')
      .map((d) => service.retrieveInstanceMetadata(d, options)),
  );
  const reports = datasets.filter((d) => !isPeerReview(d)).map(reportFromJson);
  // A verified report that follows a verified one amends it, with or without addendum sections.
  const verified = new Set(reports.filter((r) => r.status !== 'preliminary').map((r) => r.sopInstanceUID));
  for (const report of reports)
    if (report.status === 'final' && report.predecessorUID && verified.has(report.predecessorUID))
      report.status = 'amended';
  const reviews = datasets
    .filter(isPeerReview)
    .map(peerReviewFromJson)
    .filter((r): r is PeerReview => r !== undefined);
  return { reports: reports.sort((a, b) => a.signedAt.localeCompare(b.signedAt)), reviews };
}

/** Stores one document in its study; resolves once the archive says it has it. */
export async function storeDocument(
  service: ReportService,
  dataset: NaturalizedDataset,
  options: RequestOptions = {},
): Promise<void> {
  const file = await writePart10(dataset);
  const { stored, failures } = await service.storeInstances([file], String(dataset.StudyInstanceUID), options);
  const uid = String(dataset.SOPInstanceUID);
  const refused = failures.find((f) => f.sopInstanceUID === uid);
  // Refused with a reason (a partial success, 202): the archive's fault, as it says it.
  if (refused) throw new DicomWebError('http', 202, '', 'the archive refused the report', refused.reason);
  if (!stored.includes(uid)) throw new DicomWebError('bad-response', 200, '', 'the archive did not store the report');
}

/**
 * The patient's other studies, newest first, to name in Comparison. Priors are an aid to writing:
 * without a patient id, or when the search fails, there are none.
 */
export async function loadPriors(
  service: ReportService,
  context: StudyContext,
  studyInstanceUID: string,
): Promise<Study[]> {
  const patientId = String(context.identity.PatientID ?? '');
  const issuer = context.identity.IssuerOfPatientID as string | undefined;
  if (!patientId) return [];
  try {
    const studies = await service.searchStudies({ patientId, ...(issuer ? { issuerOfPatientId: issuer } : {}) });
    return studies
      .filter((s) => s.studyInstanceUID !== studyInstanceUID)
      .sort((a, b) => (b.studyDate ?? '').localeCompare(a.studyDate ?? ''));
  } catch {
    return [];
  }
}

/** The study's context and its report history, loaded together. */
export function loadReportStudy(service: ReportService, studyInstanceUID: string, signal?: AbortSignal) {
  const options = signal ? { signal } : {};
  return Promise.all([
    loadStudyContext(service, studyInstanceUID, options),
    loadReportHistory(service, studyInstanceUID, options),
  ]);
}
