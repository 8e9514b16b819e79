import { consume } from '@lit/context';
import { localized } from '@lit/localize';
import { Task } from '@lit/task';
import {
  asFailure,
  buttons,
  dicomWebContext,
  DicomWebError,
  failureSource,
  RadElement,
  surface,
  tokens,
  type Study,
  type ViewerError,
} from '@telerad/core';
import { html } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import * as edits from './draft-edits.js';
import { DraftKeeper } from './draft-keeper.js';
import type { DraftStore } from './draft-store.js';
import { focusCommunicationForm } from './editor-view.js';
import { renderPanel, renderPanelAlerts, type PanelState } from './panel-view.js';
import { patientOf, toFhirDiagnosticReport, type FhirDiagnosticReport } from './fhir.js';
import { MeasurementInbox } from './measurement-inbox.js';
import { texts } from './messages.js';
import { styles } from './rad-report-panel.styles.js';
import { loadPriors, loadReportHistory, loadReportStudy } from './report-archive.js';
import type { ReportHistory, ReportService, StudyContext } from './report-archive.js';
import type { ReportPanelMode, ReportSignedDetail } from './report-events.js';
import { latestReport, type CriticalCommunication, type RadpeerScore, type Reader } from './report-model.js';
import type { ReportDraft, ReportMeasurement, SectionId, SignedReport } from './report-model.js';
import { addendumDocument, peerReviewDocument, ReportSigning, signedDraftDocument } from './report-signing.js';
import type { DocumentBuilder } from './report-signing.js';
import { sectionsAtTemplateText, signBlock, type SignBlockedDetail, type SignOptions } from './sign-checks.js';
import { BUILT_IN_TEMPLATES, chooseTemplate, type ReportTemplate } from './templates.js';

export type {
  CriticalResultDetail,
  DraftChangeDetail,
  ReportErrorDetail,
  ReportPanelMode,
  ReportSignedDetail,
  UnsavedDraftDetail,
} from './report-events.js';

/**
 * The radiologist's report for one study: templates, preliminary and final sign-off, addenda,
 * critical results and peer review, stored in the archive as DICOM SR (TID 2000) over STOW-RS.
 *
 * @tag rad-report-panel
 * @summary Radiology reporting stored as DICOM SR; read-only for referring physicians.
 *
 * @fires {CustomEvent<DraftChangeDetail>} rad-report-draft-change - The unsigned draft changed.
 * @fires {CustomEvent<ReportSignedDetail>} rad-report-signed - A report, addendum or peer review was stored.
 * @fires {CustomEvent<ReportErrorDetail>} rad-error - Loading or storing failed (`draftKept`: the text stays shown).
 * @fires {CustomEvent<CriticalResultDetail>} rad-critical-result - A critical finding or its communication recorded.
 * @fires {CustomEvent<SignBlockedDetail>} rad-sign-blocked - Signing did not go ahead: a critical finding's
 *   communication is not recorded, or diagnostic sections still hold unconfirmed template text. The
 *   reason shows beside the sign buttons.
 * @fires {CustomEvent<UnsavedDraftDetail>} rad-report-unsaved - Left with an unsigned draft (kept in the draft store).
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
 * @csspart error - A failure (with `alert`), as every element names its error state.
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

  @state() private history: ReportHistory = { reports: [], reviews: [] };
  @state() private opened?: SignedReport;
  @state() private failure?: { error: DicomWebError | ViewerError; operation: string };
  @state() private blocked?: Omit<SignBlockedDetail, 'studyInstanceUID'>;
  @state() private priors: Study[] = [];

  #viewportMeasurements = new MeasurementInbox(
    this,
    () => this.measurementSource,
    () => this.studyUid,
  );
  #context?: StudyContext;
  #signing = new ReportSigning(this, {
    service: () => this.#service,
    context: () => this.#context,
    studyUid: () => this.studyUid,
    request: (operation, call) => this.withAuthRetry(operation, call),
    sending: () => (this.failure = undefined),
    failed: (error, operation) => this.#fail(error, operation, true),
    stored: (detail) => this.#stored(detail),
    announce: (detail) => this.emit('rad-report-signed', detail),
  });

  #drafts: DraftKeeper = new DraftKeeper(this, {
    store: () => this.draftStore ?? this.draftStorage,
    studyUid: () => this.studyUid,
    storePending: () => Boolean(this.#signing.pending),
    changed: (draft) => {
      // A changed text is a new document: a retry must not send the old one.
      this.#signing.reset();
      this.emit('rad-report-draft-change', { studyInstanceUID: this.studyUid, draft: structuredClone(draft) });
    },
    leftUnsigned: (studyInstanceUID) => this.emit('rad-report-unsaved', { studyInstanceUID }),
  });

  #study = new Task(this, {
    task: async ([service, studyUid], { signal }) => {
      if (!studyUid) return undefined;
      if (!service) throw new DicomWebError('not-configured', 0, '');
      const [context, history] = await this.withAuthRetry('load-report', () =>
        loadReportStudy(service, studyUid, signal),
      );
      this.#context = context;
      this.history = history;
      this.#signing.seen(history);
      await this.#drafts.open(studyUid, this.latest, this.#defaultTemplate());
      void loadPriors(service, context, studyUid).then((priors) => (this.priors = priors));
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

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('studyUid')) return;
    this.#drafts.leave(changed.get('studyUid') as string | undefined);
    this.opened = undefined;
    this.failure = undefined;
    this.#signing.reset();
    this.history = { reports: [], reviews: [] };
  }

  get #allTemplates(): ReportTemplate[] {
    return [...this.templates, ...BUILT_IN_TEMPLATES];
  }

  #defaultTemplate(): ReportTemplate {
    return chooseTemplate(this.#allTemplates, this.#context?.modalities ?? [], this.#context?.description);
  }

  #templateOf(draft: ReportDraft): ReportTemplate | undefined {
    return this.#allTemplates.find((template) => template.id === draft.templateId);
  }

  /** The unsigned draft (a copy); undefined when the study's report is final. */
  getDraft(): ReportDraft | undefined {
    return this.#drafts.draft && structuredClone(this.#drafts.draft);
  }

  /** Replaces the draft (e.g. restored by the host). */
  setDraft(draft: ReportDraft): void {
    this.#drafts.change(structuredClone(draft));
  }

  /** Sets one section's text. */
  setSection(id: SectionId, text: string): void {
    this.#drafts.edit((draft) => edits.withSection(draft, id, text));
  }

  /** Switches template: sections still at their old default take the new defaults. */
  applyTemplate(id: string): void {
    const template = this.#allTemplates.find((t) => t.id === id);
    if (template) this.#drafts.edit((draft) => edits.withTemplate(draft, this.#templateOf(draft), template));
  }

  /** Flags (or unflags) a critical finding. */
  setCritical(critical: boolean): void {
    if (!this.#drafts.draft) return;
    this.#drafts.edit((draft) => edits.withCritical(draft, critical));
    this.emit('rad-critical-result', { studyInstanceUID: this.studyUid, critical });
  }

  /** Records who was told of the critical finding, when and how; it becomes part of the report. */
  recordCommunication(communication: CriticalCommunication): void {
    if (!this.#drafts.draft) return;
    this.#drafts.edit((draft) => edits.withCommunication(draft, communication));
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
    if (measurement.studyInstanceUID && measurement.studyInstanceUID !== this.studyUid) return;
    const evidence = this.#context?.evidence.find((e) => e.sopInstanceUID === measurement.sopInstanceUID);
    this.#drafts.edit((draft) => edits.withMeasurement(draft, measurement, evidence));
  }

  /** Appends a prior study to Comparison ("CT HEAD dated 1 Dec 2025."). */
  insertComparison(prior: Pick<Study, 'description' | 'studyDate' | 'modalities'>): void {
    this.#drafts.edit((draft) => edits.withComparison(draft, prior));
  }

  /**
   * Signs the draft as a preliminary read. Findings or impression still at the template's text
   * need `confirmTemplateText` (the reader's confirmation); otherwise nothing is signed, the
   * sections are listed beside the buttons and `rad-sign-blocked` fires.
   */
  signPreliminary(options: SignOptions = {}): Promise<SignedReport | undefined> {
    return this.#signDraft('preliminary', options);
  }

  /**
   * Signs the draft as the final report. A critical finding needs its communication recorded
   * first; template text needs confirmation as for `signPreliminary`.
   */
  signFinal(options: SignOptions = {}): Promise<SignedReport | undefined> {
    return this.#signDraft('final', options);
  }

  #signDraft(status: 'preliminary' | 'final', options: SignOptions): Promise<SignedReport | undefined> {
    const { reader } = this;
    const { draft } = this.#drafts;
    if (!draft || !reader) return Promise.resolve(undefined);
    const block = signBlock(status, draft, this.#templateOf(draft), options);
    this.blocked = block && { status, ...block };
    if (block) {
      this.emit('rad-sign-blocked', { studyInstanceUID: this.studyUid, status, ...block });
      if (block.reason === 'critical-communication')
        void this.updateComplete.then(() => focusCommunicationForm(this.renderRoot));
      return Promise.resolve(undefined);
    }
    const predecessor = this.latest?.status === 'preliminary' ? this.latest : undefined;
    return this.#store(`sign-${status}`, false, signedDraftDocument(status, draft, reader, predecessor));
  }

  /**
   * Starts a second opinion: a new report by this reader beside the final one (not an addendum),
   * from the study's template.
   */
  startSecondOpinion(): void {
    this.opened = undefined;
    this.#drafts.change(edits.draftFromTemplate(this.#defaultTemplate()));
  }

  /** Appends a signed addendum to the final report (a new SR that names it as predecessor). */
  signAddendum(text: string): Promise<SignedReport | undefined> {
    const { latest, reader } = this;
    if (!latest || !reader || latest.status === 'preliminary' || !text.trim()) return Promise.resolve(undefined);
    return this.#store('sign-addendum', true, addendumDocument(latest, text, reader));
  }

  /** Scores the latest final report (RADPEER) with a comment; stored as its own SR. */
  async submitPeerReview(score: RadpeerScore, comment: string): Promise<boolean> {
    const { latest, reader } = this;
    if (!latest || latest.status === 'preliminary' || !reader) return false;
    return (await this.#store('peer-review', true, peerReviewDocument(latest, reader, score, comment))) !== undefined;
  }

  #store(operation: string, force: boolean, build: DocumentBuilder): Promise<SignedReport | undefined> {
    return this.reader ? this.#signing.store(operation, force, build) : Promise.resolve(undefined);
  }

  /** Stores the pending document again (after a failure), with the same UIDs. */
  retry(): Promise<SignedReport | undefined> {
    return this.#signing.retry();
  }

  /** Signs despite the newer report shown (the reader has seen it). */
  signAnyway(): Promise<SignedReport | undefined> {
    return this.#signing.signAnyway();
  }

  /** The archive has the document: the draft is done with (kept after a preliminary read), the history reloaded. */
  async #stored(detail: ReportSignedDetail): Promise<ReportHistory | undefined> {
    this.blocked = undefined;
    await this.#drafts.signed(detail.status);
    const service = this.#service;
    const failed = (error: unknown) => void this.#fail(error, 'load-report', false);
    const history = service && (await loadReportHistory(service, this.studyUid).catch(failed));
    if (history) this.history = history;
    return history || undefined;
  }

  /** The latest report (or the one opened) as a FHIR R4 DiagnosticReport. */
  toFhirDiagnosticReport(report = this.opened ?? this.latest): FhirDiagnosticReport | undefined {
    return report && toFhirDiagnosticReport(report, patientOf(this.#context?.identity));
  }

  /** Shows a stored report of the history (undefined: back to the current one). */
  openReport(sopInstanceUID?: string): void {
    this.opened = this.history.reports.find((r) => r.sopInstanceUID === sopInstanceUID);
  }

  #fail(error: unknown, operation: string, draftKept: boolean): void {
    const failure = asFailure(error);
    this.failure = { error: failure, operation };
    this.emit('rad-error', { error: failure, operation, draftKept, source: failureSource(failure) });
  }

  protected override render() {
    const state = this.#viewState();
    return html`
      <slot name="header"></slot>
      ${this.#study.render({
        pending: () => html`<p class="state" role="status">${texts().loading}</p>`,
        error: () => renderPanelAlerts(state, this),
        complete: () => renderPanel(state, this),
      })}
    `;
  }

  #viewState(): PanelState {
    const { reader, history, opened } = this;
    const { draft } = this.#drafts;
    const { storing, pending, conflict, concurrent } = this.#signing;
    const mode = this.readonly || this.mode === 'referring' ? 'read-only' : this.mode;
    const retryable = Boolean(pending);
    const alerts = { failure: this.failure, retryable, conflict, concurrent, unsaved: this.#drafts.unsaved.size };
    const { availableMeasurements: measurements, priors, blocked } = this;
    const editor = (draft: ReportDraft) => {
      const atTemplateText = sectionsAtTemplateText(draft, this.#templateOf(draft));
      return { templates: this.#allTemplates, reader, storing, measurements, priors, atTemplateText, blocked };
    };
    return { mode, history, latest: this.latest, opened, draft, alerts, storing, reader, editor };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-report-panel': RadReportPanel;
  }
}
