import { consume } from '@lit/context';
import { localized } from '@lit/localize';
import { Task } from '@lit/task';
import { asFailure, dicomWebContext, DicomWebError, failureSource, type FailureSource, type ViewerError, buttons, errorMessage, newUid, RadElement, surface, tokens, type NaturalizedDataset, type Study } from '@telerad/core';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { live } from 'lit/directives/live.js';
import { memoryDraftStore, sessionDraftStore, type DraftStore } from './draft-store.js';
import { toFhirDiagnosticReport, type FhirDiagnosticReport } from './fhir.js';
import { comparisonLine, conflictWarning, radpeerLabel, sectionLabel, storeFailed, texts, unsavedElsewhere } from './messages.js';
import { loadReportHistory, loadStudyContext, storeDocument, type ReportHistory, type ReportService, type StudyContext } from './report-archive.js';
import {
  emptySections,
  latestReport,
  RADPEER_SCORES,
  readerName,
  SECTION_IDS,
  type CriticalCommunication,
  type Reader,
  type RadpeerScore,
  type ReportDraft,
  type ReportMeasurement,
  type SectionId,
  type SignedReport,
  type SignedStatus,
} from './report-model.js';
import { peerReviewDataset, reportDataset, type DocumentContext, type ReportContent } from './report-sr.js';
import { formatDateTime, renderReport, statusBanner } from './report-view.js';
import { MeasurementInbox } from './measurement-inbox.js';
import { measurementText } from './measurement-text.js';
import { renderSignCheck } from './sign-check-view.js';
import { sectionsAtTemplateText, signBlock, type SignBlockedDetail, type SignOptions } from './sign-checks.js';
import { styles } from './rad-report-panel.styles.js';
import { BUILT_IN_TEMPLATES, chooseTemplate, type ReportTemplate } from './templates.js';

export type ReportPanelMode = 'author' | 'referring' | 'peer-review';

/** `detail` of `rad-report-draft-change`. */
export interface DraftChangeDetail {
  studyInstanceUID: string;
  draft: ReportDraft;
}
/** `detail` of `rad-report-signed` (also for addenda and peer reviews). */
export interface ReportSignedDetail {
  status: SignedStatus | 'peer-review';
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
}

/** A document to store, made once its UIDs and signing time are fixed (`signedAt`: local ISO time). */
type DocumentBuilder = (context: DocumentContext, signedAt: string) => { dataset: NaturalizedDataset; status: ReportSignedDetail['status'] };

const reportDocument =
  (content: (signedAt: string) => ReportContent): DocumentBuilder =>
  (context, signedAt) => {
    const report = content(signedAt);
    return { dataset: reportDataset(report, context), status: report.status };
  };
/** `detail` of `rad-report-error`: what failed; the text is still on screen when `draftKept`. */
export interface ReportErrorDetail {
  /** An archive failure (`DicomWebError`), or the viewer's own (`ViewerError`, e.g. a module that did not load). */
  error: DicomWebError | ViewerError;
  /** Whose failure it is: `archive` or `viewer`. */
  source: FailureSource;
  operation: string;
  draftKept: boolean;
}
/** `detail` of `rad-critical-result`: a critical finding was flagged, or its communication recorded. */
export interface CriticalResultDetail {
  studyInstanceUID: string;
  critical: boolean;
  communication?: CriticalCommunication;
}
/** `detail` of `rad-report-unsaved`: the study changed while its draft was unsigned (the draft is kept). */
export interface UnsavedDraftDetail {
  studyInstanceUID: string;
}

/** A store waiting to succeed: the same document (same UIDs) is sent again on retry. */
interface PendingStore {
  operation: string;
  dataset: NaturalizedDataset;
  detail: ReportSignedDetail;
}

/** The named fields of the form a clicked button belongs to, trimmed. */
const formValues = (event: Event) => {
  const form = (event.target as HTMLButtonElement).form;
  const data = form ? new FormData(form) : undefined;
  return (name: string) => String(data?.get(name) ?? '').trim();
};

const METHODS = ['Telephone', 'In person', 'Secure message', 'Paging system'];
const DEFAULT_SERIES_NUMBER = 900;

/**
 * The radiologist's report for one study: templates, preliminary and final sign-off, addenda,
 * critical results and peer review, stored in the archive as DICOM SR (TID 2000) over STOW-RS.
 *
 * @tag rad-report-panel
 * @summary Radiology reporting stored as DICOM SR; read-only for referring physicians.
 *
 * @fires {CustomEvent<DraftChangeDetail>} rad-report-draft-change - The unsigned draft changed.
 * @fires {CustomEvent<ReportSignedDetail>} rad-report-signed - A report, addendum or peer review was stored.
 * @fires {CustomEvent<ReportErrorDetail>} rad-report-error - Loading or storing failed.
 * @fires {CustomEvent<CriticalResultDetail>} rad-critical-result - A critical finding was flagged or its communication recorded.
 * @fires {CustomEvent<SignBlockedDetail>} rad-sign-blocked - Signing did not go ahead: a critical finding's communication is not recorded, or diagnostic sections still hold unconfirmed template text. The reason shows beside the sign buttons.
 * @fires {CustomEvent<UnsavedDraftDetail>} rad-report-unsaved - The study changed with an unsigned draft (kept in the draft store).
 * @fires {CustomEvent<AuthRequiredDetail>} rad-auth-required - A request was refused with 401.
 *
 * @csspart banner - The status banner (DRAFT, PRELIMINARY, FINAL, AMENDED); `data-status` names it.
 * @csspart report - A stored report.
 * @csspart section - One section (`data-section`).
 * @csspart addendum - One addendum of a stored report.
 * @csspart critical - The critical-result record.
 * @csspart editor - The draft editor.
 * @csspart actions - The sign buttons.
 * @csspart sign-check - Why signing waits (beside the sign buttons), with the way forward.
 * @csspart template-text - The note on a section that still holds the template's text.
 * @csspart alert - A failure or a warning, with its action.
 * @csspart history - The list of the study's reports and reviews.
 * @csspart review - The peer-review form.
 *
 * @cssprop --rad-color-danger - Critical and failure colour.
 * @cssprop --rad-color-warning - Template text not yet edited.
 * @cssprop --rad-color-accent - Buttons and the FINAL banner.
 *
 * @slot header - Host content above the report.
 */
@localized()
export class RadReportPanel extends RadElement {
  static override styles = [tokens, surface, buttons, styles];

  /** A DICOMweb service to use instead of the one provided by an enclosing `<rad-dicomweb>`. */
  @property({ attribute: false }) service?: ReportService;
  /** Study Instance UID of the study reported on. */
  @property({ attribute: 'study-uid', reflect: true }) studyUid = '';
  /** author (default), referring (read-only latest report) or peer-review. */
  @property({ reflect: true }) mode: ReportPanelMode = 'author';
  /** Read-only, as for a referring physician (same as mode="referring"). */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** Who reads: the host's signed-in radiologist. Without one, nothing can be signed. */
  @property({ attribute: false }) reader?: Reader;
  /** Host templates, offered before the built-in ones. */
  @property({ attribute: false }) templates: readonly ReportTemplate[] = [];
  /** Measurements to offer for insertion, besides those `<rad-viewport>` events report. */
  @property({ attribute: false }) measurements: readonly ReportMeasurement[] = [];
  /**
   * Where the panel hears `rad-measurement-*` events: by default its own tree (the shadow root of
   * the `<rad-viewer>` it is part of, or the page). Only the panel's study's measurements are taken.
   */
  @property({ attribute: false }) measurementSource?: EventTarget;
  /** Keep drafts in session storage (opt-in: report text is patient data). */
  @property({ attribute: 'draft-storage' }) draftStorage: 'memory' | 'session' = 'memory';
  /** A store of the host's for drafts; overrides `draft-storage`. */
  @property({ attribute: false }) draftStore?: DraftStore;

  @consume({ context: dicomWebContext, subscribe: true })
  @state()
  private contextService?: ReportService;

  @state() private draft?: ReportDraft;
  @state() private history: ReportHistory = { reports: [], reviews: [] };
  @state() private opened?: SignedReport;
  @state() private failure?: { error: DicomWebError | ViewerError; operation: string };
  @state() private pending?: PendingStore;
  @state() private storing = false;
  @state() private conflict?: SignedReport;
  @state() private blocked?: Omit<SignBlockedDetail, 'studyInstanceUID'>;
  @state() private priors: Study[] = [];
  @state() private unsavedStudies = new Set<string>();

  #memoryDrafts = memoryDraftStore();
  #dirty = false;
  #knownReports = new Set<string>();
  #viewportMeasurements = new MeasurementInbox(
    this,
    () => this.measurementSource,
    () => this.studyUid,
  );
  #context?: StudyContext;
  #storing?: Promise<SignedReport | undefined>;
  /** What signing anyway does, after a conflict stopped it. */
  #signAnyway?: () => Promise<SignedReport | undefined>;

  #study = new Task(this, {
    task: async ([service, studyUid], { signal }) => {
      if (!studyUid) return undefined;
      if (!service) throw new DicomWebError('not-configured', 0, '');
      const [context, history] = await this.withAuthRetry('load-report', () =>
        Promise.all([loadStudyContext(service, studyUid, { signal }), loadReportHistory(service, studyUid, { signal })]),
      );
      this.#context = context;
      this.history = history;
      this.#knownReports = new Set(history.reports.map((r) => r.sopInstanceUID));
      await this.#openDraft(studyUid);
      void this.#loadPriors(service, context);
      return context;
    },
    args: () => [this.#service, this.studyUid] as const,
    onError: (error) => {
      if (!(error instanceof DicomWebError && error.kind === 'aborted')) this.#fail(error, 'load-report', false);
    },
  });

  get #service(): ReportService | undefined {
    return this.service ?? this.contextService;
  }

  get #drafts(): DraftStore {
    return this.draftStore ?? (this.draftStorage === 'session' ? sessionDraftStore : this.#memoryDrafts);
  }

  get #readOnly(): boolean {
    return this.readonly || this.mode === 'referring';
  }

  /** The report the study's chain ends in (what a referring physician sees). */
  get latest(): SignedReport | undefined {
    return latestReport(this.history.reports);
  }

  /** Resolves once the study's report history is loaded (rejects if loading failed). */
  async loaded(): Promise<void> {
    await this.updateComplete;
    await this.#study.taskComplete;
    await this.updateComplete;
  }

  /** The study's stored reports (all readers and versions, oldest first) and peer reviews. */
  get reports(): ReportHistory {
    return this.history;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.#onBeforeUnload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.#onBeforeUnload);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const previous = changed.get('studyUid') as string | undefined;
    if (changed.has('studyUid') && previous && this.#dirty && this.draft) {
      // The draft stays in the store; the host learns the reader left it unsigned.
      this.unsavedStudies = new Set([...this.unsavedStudies, previous]);
      this.emit('rad-report-unsaved', { studyInstanceUID: previous });
    }
    if (changed.has('studyUid')) {
      this.#dirty = false;
      this.draft = undefined;
      this.opened = undefined;
      this.failure = undefined;
      this.pending = undefined;
      this.conflict = undefined;
      this.history = { reports: [], reviews: [] };
      this.unsavedStudies.delete(this.studyUid);
    }
  }

  #onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!this.#dirty && !this.pending) return;
    event.preventDefault();
    event.returnValue = '';
  };

  /** Draft of the study: the stored one, else the preliminary read to finalise, else the template. */
  async #openDraft(studyUid: string): Promise<void> {
    const latest = this.latest;
    const stored = await this.#drafts.load(studyUid);
    if (stored || (latest && latest.status !== 'preliminary')) {
      this.draft = stored;
      return;
    }
    const template = this.#defaultTemplate();
    this.draft = latest
      ? { templateId: template.id, sections: { ...latest.sections }, critical: latest.critical, references: [...latest.references], ...(latest.communication ? { communication: latest.communication } : {}) }
      : this.#fromTemplate(template);
  }

  get #allTemplates(): ReportTemplate[] {
    return [...this.templates, ...BUILT_IN_TEMPLATES];
  }

  #defaultTemplate(): ReportTemplate {
    return chooseTemplate(this.#allTemplates, this.#context?.modalities ?? [], this.#context?.description);
  }

  #fromTemplate(template: ReportTemplate): ReportDraft {
    return { templateId: template.id, sections: { ...emptySections(), ...template.sections }, critical: false, references: [] };
  }

  async #loadPriors(service: ReportService, context: StudyContext): Promise<void> {
    const patientId = String(context.identity.PatientID ?? '');
    if (!patientId) return;
    const issuer = context.identity.IssuerOfPatientID as string | undefined;
    try {
      const studies = await service.searchStudies({ patientId, ...(issuer ? { issuerOfPatientId: issuer } : {}) });
      this.priors = studies.filter((s) => s.studyInstanceUID !== this.studyUid).sort((a, b) => (b.studyDate ?? '').localeCompare(a.studyDate ?? ''));
    } catch {
      // Priors are an aid to writing; the report works without them.
      this.priors = [];
    }
  }

  /** The unsigned draft (a copy); undefined when the study's report is final. */
  getDraft(): ReportDraft | undefined {
    return this.draft && structuredClone(this.draft);
  }

  /** Replaces the draft (e.g. restored by the host). */
  setDraft(draft: ReportDraft): void {
    this.#changeDraft(structuredClone(draft));
  }

  #changeDraft(draft: ReportDraft): void {
    this.draft = draft;
    this.#dirty = true;
    // A changed text is a new document: a retry must not send the old one.
    this.pending = undefined;
    void this.#drafts.save(this.studyUid, draft);
    this.emit('rad-report-draft-change', { studyInstanceUID: this.studyUid, draft: structuredClone(draft) });
  }

  /** Sets one section's text. */
  setSection(id: SectionId, text: string): void {
    if (this.draft) this.#changeDraft({ ...this.draft, sections: { ...this.draft.sections, [id]: text } });
  }

  /** Switches template: sections still at their old default take the new defaults. */
  applyTemplate(id: string): void {
    const template = this.#allTemplates.find((t) => t.id === id);
    const draft = this.draft;
    if (!template || !draft) return;
    const old = this.#allTemplates.find((t) => t.id === draft.templateId);
    const sections = { ...draft.sections };
    for (const section of SECTION_IDS) {
      if (!sections[section].trim() || sections[section] === (old?.sections[section] ?? '')) sections[section] = template.sections[section] ?? '';
    }
    this.#changeDraft({ ...draft, templateId: id, sections });
  }

  /** Flags (or unflags) a critical finding. */
  setCritical(critical: boolean): void {
    if (!this.draft) return;
    this.#changeDraft({ ...this.draft, critical, ...(critical ? {} : { communication: undefined }) });
    this.emit('rad-critical-result', { studyInstanceUID: this.studyUid, critical });
  }

  /** Records who was told of the critical finding, when and how; it becomes part of the report. */
  recordCommunication(communication: CriticalCommunication): void {
    if (!this.draft) return;
    this.#changeDraft({ ...this.draft, critical: true, communication });
    this.emit('rad-critical-result', { studyInstanceUID: this.studyUid, critical: true, communication });
  }

  /** The measurements on offer: the `measurements` property and those viewports reported. */
  get availableMeasurements(): ReportMeasurement[] {
    return [...this.measurements, ...this.#viewportMeasurements.measurements];
  }

  /**
   * Appends a measurement to Findings as a sentence with value, unit, calibration and image. One
   * of another study (a prior's) is not inserted.
   */
  insertMeasurement(measurement: ReportMeasurement): void {
    const draft = this.draft;
    if (!draft || (measurement.studyInstanceUID && measurement.studyInstanceUID !== this.studyUid)) return;
    const sentence = measurementText(measurement, this.#context?.evidence.find((e) => e.sopInstanceUID === measurement.sopInstanceUID));
    const findings = draft.sections.findings.trim() ? `${draft.sections.findings.trimEnd()}\n${sentence}` : sentence;
    this.#changeDraft({
      ...draft,
      sections: { ...draft.sections, findings },
      references: [...draft.references, { sopInstanceUID: measurement.sopInstanceUID, frame: measurement.frame, ...(measurement.sopClassUID ? { sopClassUID: measurement.sopClassUID } : {}) }],
    });
  }

  /** Appends a prior study to Comparison ("CT HEAD dated 1 Dec 2025."). */
  insertComparison(prior: Pick<Study, 'description' | 'studyDate' | 'modalities'>): void {
    const draft = this.draft;
    if (!draft) return;
    const date = prior.studyDate ? new Date(`${prior.studyDate}T00:00:00`).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '?';
    const line = comparisonLine(prior.description || prior.modalities.join('/'), date);
    const current = draft.sections.comparison.trim();
    const comparison = !current || current === 'None.' ? line : `${current}\n${line}`;
    this.#changeDraft({ ...draft, sections: { ...draft.sections, comparison } });
  }

  /**
   * Signs the draft as a preliminary read. Findings or impression still at the template's text
   * need `confirmTemplateText` (the reader's confirmation); otherwise nothing is signed, the
   * sections are listed beside the buttons and `rad-sign-blocked` fires.
   */
  signPreliminary(options: SignOptions = {}): Promise<SignedReport | undefined> {
    return this.#signDraft('preliminary', false, options);
  }

  /**
   * Signs the draft as the final report. A critical finding needs its communication recorded
   * first; template text needs confirmation as for `signPreliminary`.
   */
  signFinal(options: SignOptions = {}): Promise<SignedReport | undefined> {
    return this.#signDraft('final', false, options);
  }

  #signDraft(status: 'preliminary' | 'final', force = false, options: SignOptions = {}): Promise<SignedReport | undefined> {
    const draft = this.draft;
    if (!draft) return Promise.resolve(undefined);
    const block = signBlock(status, draft, this.#templateOf(draft), options);
    this.blocked = block && { status, ...block };
    if (block) {
      this.emit('rad-sign-blocked', { studyInstanceUID: this.studyUid, status, ...block });
      if (block.reason === 'critical-communication') void this.updateComplete.then(() => this.#focusCommunicationForm());
      return Promise.resolve(undefined);
    }
    // A final read replaces the preliminary one; a second opinion on a final report stands beside it.
    const predecessor = this.latest?.status === 'preliminary' ? this.latest : undefined;
    return this.#store(`sign-${status}`, force, reportDocument(() => ({
      status,
      reader: this.reader as Reader,
      sections: draft.sections,
      critical: draft.critical,
      ...(draft.communication ? { communication: draft.communication } : {}),
      addenda: [],
      references: draft.references,
      ...(predecessor ? { predecessor } : {}),
    })));
  }

  /**
   * Starts a second opinion: a new report by this reader beside the final one (not an addendum),
   * from the study's template.
   */
  startSecondOpinion(): void {
    this.opened = undefined;
    this.#changeDraft(this.#fromTemplate(this.#defaultTemplate()));
  }

  /** Appends a signed addendum to the final report (a new SR that names it as predecessor). */
  signAddendum(text: string): Promise<SignedReport | undefined> {
    const latest = this.latest;
    if (!latest || latest.status === 'preliminary' || !text.trim()) return Promise.resolve(undefined);
    return this.#store(
      'sign-addendum',
      true,
      reportDocument((signedAt) => ({
        ...latest,
        status: 'amended',
        addenda: [...latest.addenda, { text, reader: this.reader as Reader, signedAt }],
        predecessor: latest,
      })),
    );
  }

  /** Scores the latest final report (RADPEER) with a comment; stored as its own SR. */
  async submitPeerReview(score: RadpeerScore, comment: string): Promise<boolean> {
    const reviewed = this.latest;
    if (!reviewed || reviewed.status === 'preliminary' || !this.reader) return false;
    const reviewer = this.reader;
    const stored = await this.#store('peer-review', true, (context) => ({
      dataset: peerReviewDataset({ score, comment, reviewer, reviewedReportUID: reviewed.sopInstanceUID, reviewedSeriesUID: reviewed.seriesInstanceUID }, context),
      status: 'peer-review',
    }));
    return stored !== undefined;
  }

  /** Stores the pending document again (after a failure), with the same UIDs. */
  retry(): Promise<SignedReport | undefined> {
    this.#storing ??= this.#sendPending().finally(() => (this.#storing = undefined));
    return this.#storing;
  }

  /** The latest report (or the one opened) as a FHIR R4 DiagnosticReport. */
  toFhirDiagnosticReport(report = this.opened ?? this.latest): FhirDiagnosticReport | undefined {
    const identity = this.#context?.identity;
    return report && toFhirDiagnosticReport(report, { id: identity?.PatientID as string | undefined, issuer: identity?.IssuerOfPatientID as string | undefined });
  }

  /** Shows a stored report of the history (undefined: back to the current one). */
  openReport(sopInstanceUID?: string): void {
    this.opened = this.history.reports.find((r) => r.sopInstanceUID === sopInstanceUID);
  }

  /**
   * Builds the document once (UIDs, time) and stores it. Double clicks share the one store; a
   * report signed by someone else since the study was opened stops the signing until `force`.
   */
  #store(operation: string, force: boolean, build: DocumentBuilder): Promise<SignedReport | undefined> {
    // One signing at a time: a second click joins the first, from the conflict check on.
    this.#storing ??= this.#prepare(operation, force, build).finally(() => (this.#storing = undefined));
    return this.#storing;
  }

  async #prepare(operation: string, force: boolean, build: DocumentBuilder): Promise<SignedReport | undefined> {
    const service = this.#service;
    const context = this.#context;
    if (!this.reader || !service || !context) return undefined;
    if (!this.pending || this.pending.operation !== operation) {
      if (!force) {
        let conflict: SignedReport | undefined;
        try {
          conflict = await this.withAuthRetry(operation, () => this.#newerReport(service));
        } catch (error) {
          // Nothing was built or sent: the reader signs again once the archive answers.
          this.#fail(error, operation, true);
          return undefined;
        }
        if (conflict) {
          this.conflict = conflict;
          this.#signAnyway = () => this.#store(operation, true, build);
          return undefined;
        }
      }
      const signedAt = new Date();
      const seriesInstanceUID = newUid();
      const sopInstanceUID = newUid();
      const documentContext: DocumentContext = {
        identity: context.identity,
        evidence: context.evidence,
        seriesInstanceUID,
        seriesNumber: Math.max(DEFAULT_SERIES_NUMBER, ...context.seriesNumbers) + 1,
        sopInstanceUID,
        signedAt,
      };
      const local = new Date(signedAt.getTime() - signedAt.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
      const { dataset, status } = build(documentContext, local);
      this.pending = { operation, dataset, detail: { status, studyInstanceUID: this.studyUid, seriesInstanceUID, sopInstanceUID } };
      context.seriesNumbers.push(documentContext.seriesNumber);
    }
    this.conflict = undefined;
    return this.#sendPending();
  }

  async #sendPending(): Promise<SignedReport | undefined> {
    const pending = this.pending;
    const service = this.#service;
    if (!pending || !service) return undefined;
    this.storing = true;
    this.failure = undefined;
    try {
      await this.withAuthRetry(pending.operation, () => storeDocument(service, pending.dataset));
    } catch (error) {
      this.#fail(error, pending.operation, true);
      return undefined;
    } finally {
      this.storing = false;
    }
    this.pending = undefined;
    this.#dirty = false;
    this.blocked = undefined;
    if (pending.detail.status !== 'peer-review' && pending.detail.status !== 'amended') {
      await this.#drafts.clear(this.studyUid);
      this.draft = pending.detail.status === 'preliminary' ? this.draft : undefined;
    }
    await this.#reload(service);
    this.emit('rad-report-signed', pending.detail);
    return this.history.reports.find((r) => r.sopInstanceUID === pending.detail.sopInstanceUID);
  }

  async #reload(service: ReportService): Promise<void> {
    try {
      const history = await loadReportHistory(service, this.studyUid);
      this.history = history;
      this.#knownReports = new Set(history.reports.map((r) => r.sopInstanceUID));
    } catch (error) {
      this.#fail(error, 'load-report', false);
    }
  }

  /** A signed report the reader has not seen: stored by someone else since the study was opened. */
  async #newerReport(service: ReportService): Promise<SignedReport | undefined> {
    const { reports } = await loadReportHistory(service, this.studyUid);
    return reports.filter((r) => !this.#knownReports.has(r.sopInstanceUID)).at(-1);
  }

  /** Signs despite the newer report shown (the reader has seen it). */
  signAnyway(): Promise<SignedReport | undefined> {
    const sign = this.#signAnyway;
    this.#signAnyway = undefined;
    this.conflict = undefined;
    return sign?.() ?? Promise.resolve(undefined);
  }

  #fail(error: unknown, operation: string, draftKept: boolean): void {
    const failure = asFailure(error);
    this.failure = { error: failure, operation };
    this.emit('rad-report-error', { error: failure, operation, draftKept, source: failureSource(failure) });
  }

  protected override render() {
    return html`
      <slot name="header"></slot>
      ${this.#study.render({
        pending: () => html`<p class="state" role="status">${texts().loading}</p>`,
        error: () => this.#renderAlert(),
        complete: () => html`${this.#renderAlert()} ${this.#renderBody()} ${this.#renderHistory()}`,
      })}
    `;
  }

  #renderAlert() {
    const failure = this.failure;
    const conflict = this.conflict;
    return html`${failure
      ? html`<div part="alert" class="alert" role="alert" data-operation=${failure.operation}>
          ${this.pending ? storeFailed(errorMessage(failure.error)) : errorMessage(failure.error)}
          ${this.pending ? html`<button type="button" @click=${() => this.retry()}>${texts().retry}</button>` : nothing}
        </div>`
      : nothing}
    ${conflict
      ? html`<div part="alert" class="alert" role="alert" data-conflict>
          ${conflictWarning(readerName(conflict.reader), formatDateTime(conflict.signedAt))}
          <button type="button" class="secondary" @click=${() => this.openReport(conflict.sopInstanceUID)}>${texts().open}</button>
          <button type="button" @click=${() => this.signAnyway()}>${texts().conflictSignAnyway}</button>
        </div>`
      : nothing}
    ${this.unsavedStudies.size ? html`<p class="note" role="status">${unsavedElsewhere(this.unsavedStudies.size)}</p>` : nothing}`;
  }

  #renderBody() {
    if (this.opened) return html`${renderReport(this.opened)}<button type="button" class="secondary" @click=${() => this.openReport()}>${texts().newDraft}</button>`;
    const latest = this.latest;
    if (this.#readOnly) return latest ? renderReport(latest) : html`<p class="state">${texts().noReport}</p>`;
    if (this.mode === 'peer-review') return this.#renderPeerReview(latest);
    return html`${latest && latest.status !== 'preliminary' && !this.draft
      ? html`${renderReport(latest)} ${this.#renderAddendumForm()}
          <button type="button" class="secondary" ?disabled=${!this.reader} @click=${() => this.startSecondOpinion()}>${texts().secondOpinion}</button>`
      : nothing}
    ${this.draft ? this.#renderEditor(this.draft) : nothing}`;
  }

  #renderEditor(draft: ReportDraft) {
    const t = texts();
    const disabled = this.storing;
    const measurements = this.availableMeasurements;
    const atTemplateText = sectionsAtTemplateText(draft, this.#templateOf(draft));
    return html`<form part="editor" @submit=${(e: Event) => e.preventDefault()}>
      ${statusBanner('draft')}
      <div class="row">
        <label>${t.template}
          <select .value=${live(draft.templateId)} ?disabled=${disabled} @change=${(e: Event) => this.applyTemplate((e.target as HTMLSelectElement).value)}>
            ${this.#allTemplates.map((tpl) => html`<option value=${tpl.id}>${tpl.title}</option>`)}
          </select>
        </label>
        <span class="reader">${t.reader}: ${this.reader ? `${readerName(this.reader)}${this.reader.subspecialty ? ` (${this.reader.subspecialty})` : ''}` : t.noReader}</span>
      </div>
      ${SECTION_IDS.map((id) => {
        const templateText = atTemplateText.includes(id);
        return html`<label part="section" data-section=${id}>${sectionLabel(id)}
          ${templateText ? html`<span part="template-text" class="template-note" id="template-${id}">${t.templateText}</span>` : nothing}
          <textarea name=${id} rows=${id === 'findings' ? 6 : 2} .value=${live(draft.sections[id])} ?disabled=${disabled} ?data-template-text=${templateText}
            aria-describedby=${templateText ? `template-${id}` : nothing}
            @input=${(e: Event) => this.setSection(id, (e.target as HTMLTextAreaElement).value)}></textarea>
        </label>`;
      })}
      <div class="row">
        ${measurements.length
          ? html`<select aria-label=${t.insertMeasurement} @change=${(e: Event) => this.#insertChosen(e, measurements)}>
              <option value="">${t.insertMeasurement}</option>
              ${measurements.map((m, i) => html`<option value=${i}>${m.tool}: ${m.values.map((v) => `${Number(v.value.toFixed(2))} ${v.unit}`).join(', ')}</option>`)}
            </select>`
          : nothing}
        ${this.priors.length
          ? html`<select aria-label=${t.insertComparison} @change=${(e: Event) => this.#insertPrior(e)}>
              <option value="">${t.insertComparison}</option>
              ${this.priors.map((p, i) => html`<option value=${i}>${p.studyDate ?? ''} ${p.description ?? ''}</option>`)}
            </select>`
          : nothing}
      </div>
      ${this.#renderCriticalForm(draft)}
      <div part="actions" class="row">
        <button type="button" ?disabled=${disabled || !this.reader} @click=${() => this.signPreliminary()}>${this.storing ? t.signing : t.signPreliminary}</button>
        <button type="button" ?disabled=${disabled || !this.reader} @click=${() => this.signFinal()}>${this.storing ? t.signing : t.signFinal}</button>
      </div>
      ${renderSignCheck(this.blocked, {
        toCommunicationForm: () => this.#focusCommunicationForm(),
        signAnyway: () => void (this.blocked?.status === 'final' ? this.signFinal({ confirmTemplateText: true }) : this.signPreliminary({ confirmTemplateText: true })),
      })}
    </form>`;
  }

  #focusCommunicationForm(): void {
    this.renderRoot.querySelector<HTMLInputElement>('fieldset[part~="critical"] [name="recipient"]')?.focus();
  }

  #templateOf(draft: ReportDraft): ReportTemplate | undefined {
    return this.#allTemplates.find((template) => template.id === draft.templateId);
  }

  #insertChosen(event: Event, measurements: ReportMeasurement[]): void {
    const select = event.target as HTMLSelectElement;
    const chosen = measurements[Number(select.value)];
    select.value = '';
    if (chosen) this.insertMeasurement(chosen);
  }

  #insertPrior(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const chosen = this.priors[Number(select.value)];
    select.value = '';
    if (chosen) this.insertComparison(chosen);
  }

  #renderCriticalForm(draft: ReportDraft) {
    const t = texts();
    const submit = (event: Event) => {
      const value = formValues(event);
      if (value('recipient') && value('communicatedAt')) this.recordCommunication({ recipient: value('recipient'), communicatedAt: value('communicatedAt'), method: value('method') });
    };
    return html`<fieldset part="critical" class=${draft.critical ? 'critical' : ''}>
      <legend><label class="choice"><input type="checkbox" .checked=${live(draft.critical)} @change=${(e: Event) => this.setCritical((e.target as HTMLInputElement).checked)} /> ${t.critical}</label></legend>
      ${draft.critical
        ? html`<div class="row">
            <label>${t.recipient}<input name="recipient" .value=${draft.communication?.recipient ?? ''} /></label>
            <label>${t.communicatedAt}<input name="communicatedAt" type="datetime-local" .value=${draft.communication?.communicatedAt.slice(0, 16) ?? ''} /></label>
            <label>${t.method}<select name="method">${METHODS.map((m) => html`<option ?selected=${draft.communication?.method === m}>${m}</option>`)}</select></label>
            <button type="button" class="secondary" @click=${submit}>${t.criticalRecord}</button>
          </div>
          ${draft.communication ? html`<p>${t.criticalRecord}: ${draft.communication.recipient} · ${formatDateTime(draft.communication.communicatedAt)} · ${draft.communication.method}</p>` : nothing}`
        : nothing}
    </fieldset>`;
  }

  #renderAddendumForm() {
    const t = texts();
    const sign = (event: Event) => {
      const form = (event.target as HTMLButtonElement).form;
      void this.signAddendum(formValues(event)('addendum')).then((stored) => stored && form?.reset());
    };
    return html`<form part="editor" class="addendum" @submit=${(e: Event) => e.preventDefault()}>
      <label>${t.addendum}<textarea name="addendum" rows="3" ?disabled=${this.storing}></textarea></label>
      <div part="actions" class="row"><button type="button" ?disabled=${this.storing || !this.reader} @click=${sign}>${this.storing ? t.signing : t.signAddendum}</button></div>
    </form>`;
  }

  #renderPeerReview(reviewed: SignedReport | undefined) {
    const t = texts();
    if (!reviewed || reviewed.status === 'preliminary') return html`<p class="state">${t.nothingToReview}</p>`;
    const submit = (event: Event) => {
      const value = formValues(event);
      const score = RADPEER_SCORES.find((s) => s === value('score'));
      if (score) void this.submitPeerReview(score, value('comment'));
    };
    return html`${renderReport(reviewed)}
      <form part="review" @submit=${(e: Event) => e.preventDefault()}>
        <fieldset>
          <legend>${t.score}</legend>
          ${RADPEER_SCORES.map((s) => html`<label class="choice"><input type="radio" name="score" value=${s} /> ${radpeerLabel(s)}</label>`)}
        </fieldset>
        <label>${t.comment}<textarea name="comment" rows="3"></textarea></label>
        <div part="actions" class="row"><button type="button" ?disabled=${this.storing || !this.reader} @click=${submit}>${t.submitReview}</button></div>
      </form>`;
  }

  #renderHistory() {
    const { reports, reviews } = this.history;
    if (!reports.length && !reviews.length) return nothing;
    const t = texts();
    return html`<section part="history" aria-label=${t.history}>
      <h3>${t.history}</h3>
      <ol>
        ${reports.map(
          (r) => html`<li data-uid=${r.sopInstanceUID} data-status=${r.status}>
            <span class="status">${r.status}</span> ${readerName(r.reader)} · ${formatDateTime(r.signedAt)}
            <button type="button" class="link" @click=${() => this.openReport(r.sopInstanceUID)}>${t.open}</button>
          </li>`,
        )}
        ${reviews.map(
          (r) => html`<li data-uid=${r.sopInstanceUID} data-status="peer-review">
            <span class="status">${t.review} ${r.score}</span> ${r.reviewer.name} · ${formatDateTime(r.reviewedAt)}${r.comment ? html` — ${r.comment}` : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-report-panel': RadReportPanel;
  }
}

declare module '@telerad/core' {
  interface RadEventMap {
    'rad-report-draft-change': DraftChangeDetail;
    'rad-report-signed': ReportSignedDetail;
    'rad-report-error': ReportErrorDetail;
    'rad-critical-result': CriticalResultDetail;
    'rad-report-unsaved': UnsavedDraftDetail;
    'rad-sign-blocked': SignBlockedDetail;
  }
}
