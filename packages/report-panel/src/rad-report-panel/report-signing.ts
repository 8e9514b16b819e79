// Signing as a controller: a document is built once (its UIDs and time fixed), checked against
// reports stored by others since the study was opened, sent, and sent again unchanged on retry.
// The panel keeps the draft and the wiring; this keeps what a store is waiting for.
import { newUid, type NaturalizedDataset } from '@telerad/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  storeDocument,
  loadReportHistory,
  type ReportHistory,
  type ReportService,
  type StudyContext,
} from './report-archive.js';
import { ReportsSeen } from './report-conflicts.js';
import type { ReportSignedDetail } from './report-events.js';
import type { Reader, RadpeerScore, ReportDraft, SignedReport } from './report-model.js';
import { peerReviewDataset, reportDataset, type DocumentContext, type ReportContent } from './report-sr.js';

/** A document to store, made once its UIDs and signing time are fixed (`signedAt`: local ISO time). */
export type DocumentBuilder = (
  context: DocumentContext,
  signedAt: string,
) => { dataset: NaturalizedDataset; status: ReportSignedDetail['status'] };

/** A builder of report SR documents from the report's content at signing time. */
export const reportDocument =
  (content: (signedAt: string) => ReportContent): DocumentBuilder =>
  (context, signedAt) => {
    const report = content(signedAt);
    return { dataset: reportDataset(report, context), status: report.status };
  };

/**
 * The draft signed as a preliminary or final read. A final read replaces a preliminary
 * `predecessor`; a second opinion on a final report has none and stands beside it.
 */
export function signedDraftDocument(
  status: 'preliminary' | 'final',
  draft: ReportDraft,
  reader: Reader,
  predecessor: SignedReport | undefined,
): DocumentBuilder {
  const { sections, critical, communication, references } = draft;
  return reportDocument(() => ({
    ...{ status, reader, sections, critical, addenda: [], references },
    ...(communication ? { communication } : {}),
    ...(predecessor ? { predecessor } : {}),
  }));
}

/** `report` amended: its content with one more addendum, naming it as predecessor. */
export function addendumDocument(report: SignedReport, text: string, reader: Reader): DocumentBuilder {
  return reportDocument((signedAt) => ({
    ...report,
    status: 'amended',
    addenda: [...report.addenda, { text, reader, signedAt }],
    predecessor: report,
  }));
}

/** A RADPEER review of `reviewed`, stored as its own SR. */
export function peerReviewDocument(
  reviewed: SignedReport,
  reviewer: Reader,
  score: RadpeerScore,
  comment: string,
): DocumentBuilder {
  const { sopInstanceUID: reviewedReportUID, seriesInstanceUID: reviewedSeriesUID } = reviewed;
  const review = { score, comment, reviewer, reviewedReportUID, reviewedSeriesUID };
  return (context) => ({ dataset: peerReviewDataset(review, context), status: 'peer-review' });
}

/** A store waiting to succeed: the same document (same UIDs) is sent again on retry. */
interface PendingStore {
  operation: string;
  dataset: NaturalizedDataset;
  detail: ReportSignedDetail;
}

/** What the signing needs from the panel. */
export interface SigningPort {
  service(): ReportService | undefined;
  context(): StudyContext | undefined;
  studyUid(): string;
  /** Runs an archive request, asking the host for a fresh token once on 401. */
  request<T>(operation: string, call: () => Promise<T>): Promise<T>;
  /** A store starts: the failure shown is no longer current. */
  sending(): void;
  /** A failure to show; the reader's text is kept. */
  failed(error: unknown, operation: string): void;
  /** The archive has the document: the panel reloads its history (undefined: that failed, and says so). */
  stored(detail: ReportSignedDetail): Promise<ReportHistory | undefined>;
  /** The store is done and checked: the panel announces it. */
  announce(detail: ReportSignedDetail): void;
}

const DEFAULT_SERIES_NUMBER = 900;

/** The local time of `date` as an ISO date-time without zone, as the report shows its signing. */
const localIso = (date: Date) =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);

export class ReportSigning implements ReactiveController {
  /** The document waiting to be stored (after a failure), if any. */
  pending?: PendingStore;
  /** A store is under way. */
  storing = false;
  /** A report signed by someone else since the study was opened; signing waits for `signAnyway`. */
  conflict?: SignedReport;
  /** A report by someone else found only after storing: both were signed at the same time. */
  concurrent?: SignedReport;

  #host: ReactiveControllerHost;
  #port: SigningPort;
  #seen = new ReportsSeen();
  #inFlight?: Promise<SignedReport | undefined>;
  #signAnyway?: () => Promise<SignedReport | undefined>;

  constructor(host: ReactiveControllerHost, port: SigningPort) {
    this.#host = host;
    this.#port = port;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The reports the reader has seen: a report not among them stops the next signing. */
  seen(history: ReportHistory): void {
    this.#seen.seen(history);
  }

  /** Forgets the waiting document (its text changed, or the study did). */
  reset(): void {
    this.pending = undefined;
    this.conflict = undefined;
    this.concurrent = undefined;
    this.#host.requestUpdate();
  }

  /**
   * Builds the document once (UIDs, time) and stores it. Double clicks share the one store; a
   * report signed by someone else since the study was opened stops the signing until `force`.
   */
  store(operation: string, force: boolean, build: DocumentBuilder): Promise<SignedReport | undefined> {
    // One signing at a time: a second click joins the first, from the conflict check on.
    this.#inFlight ??= this.#prepare(operation, force, build).finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  /** Stores the pending document again (after a failure), with the same UIDs. */
  retry(): Promise<SignedReport | undefined> {
    this.#inFlight ??= this.#send().finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  /** Signs despite the newer report shown (the reader has seen it). */
  signAnyway(): Promise<SignedReport | undefined> {
    const sign = this.#signAnyway;
    this.#signAnyway = undefined;
    if (this.conflict) this.#seen.add(this.conflict.sopInstanceUID);
    this.conflict = undefined;
    this.#host.requestUpdate();
    return sign?.() ?? Promise.resolve(undefined);
  }

  async #prepare(operation: string, force: boolean, build: DocumentBuilder): Promise<SignedReport | undefined> {
    const context = this.#port.context();
    if (!this.#port.service() || !context) return undefined;
    if (!this.pending || this.pending.operation !== operation) {
      if (!force && (await this.#stoppedByConflict(operation, build))) return undefined;
      this.pending = this.#build(operation, build, context);
    }
    this.conflict = undefined;
    return this.#send();
  }

  /** Whether a newer report stops the signing (shown as the conflict), or the check itself failed. */
  async #stoppedByConflict(operation: string, build: DocumentBuilder): Promise<boolean> {
    let conflict: SignedReport | undefined;
    try {
      conflict = await this.#port.request(operation, () => this.#newerReport());
    } catch (error) {
      // Nothing was built or sent: the reader signs again once the archive answers.
      this.#port.failed(error, operation);
      return true;
    }
    if (!conflict) return false;
    this.conflict = conflict;
    this.#signAnyway = () => this.store(operation, true, build);
    this.#host.requestUpdate();
    return true;
  }

  #build(operation: string, build: DocumentBuilder, context: StudyContext): PendingStore {
    const signedAt = new Date();
    const documentContext: DocumentContext = {
      identity: context.identity,
      evidence: context.evidence,
      seriesInstanceUID: newUid(),
      seriesNumber: Math.max(DEFAULT_SERIES_NUMBER, ...context.seriesNumbers) + 1,
      sopInstanceUID: newUid(),
      signedAt,
    };
    const { dataset, status } = build(documentContext, localIso(signedAt));
    context.seriesNumbers.push(documentContext.seriesNumber);
    const { seriesInstanceUID, sopInstanceUID } = documentContext;
    return {
      operation,
      dataset,
      detail: { status, studyInstanceUID: this.#port.studyUid(), seriesInstanceUID, sopInstanceUID },
    };
  }

  async #send(): Promise<SignedReport | undefined> {
    const pending = this.pending;
    const service = this.#port.service();
    if (!pending || !service) return undefined;
    this.storing = true;
    this.#port.sending();
    this.#host.requestUpdate();
    try {
      await this.#port.request(pending.operation, () => storeDocument(service, pending.dataset));
    } catch (error) {
      this.#port.failed(error, pending.operation);
      return undefined;
    } finally {
      this.storing = false;
      this.#host.requestUpdate();
    }
    this.pending = undefined;
    return this.#checked(pending.detail, await this.#port.stored(pending.detail));
  }

  /**
   * The reloaded history checked for reports the reader had not seen: signed by someone else
   * while this one was, which the check before storing could not see. Announced with the store.
   */
  #checked(detail: ReportSignedDetail, history: ReportHistory | undefined): SignedReport | undefined {
    const concurrent = history ? this.#seen.unseen(history, detail.sopInstanceUID) : [];
    if (history) this.seen(history);
    this.concurrent = concurrent.at(-1);
    this.#host.requestUpdate();
    const uids = concurrent.map((r) => r.sopInstanceUID);
    this.#port.announce(uids.length ? { ...detail, concurrent: uids } : detail);
    return history?.reports.find((r) => r.sopInstanceUID === detail.sopInstanceUID);
  }

  /** A signed report the reader has not seen: stored by someone else since the study was opened. */
  async #newerReport(): Promise<SignedReport | undefined> {
    const service = this.#port.service();
    if (!service) return undefined;
    return this.#seen.unseen(await loadReportHistory(service, this.#port.studyUid())).at(-1);
  }
}
