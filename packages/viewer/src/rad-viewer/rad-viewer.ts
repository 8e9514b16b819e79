import { consume } from '@lit/context';
import { localized } from '@lit/localize';
import {
  dicomWebContext,
  DicomWebError,
  DicomWebService,
  type ViewerError,
  errorMessage,
  holdsImages,
  RadElement,
  surface,
  tokens,
  type Series,
  type Study,
  type TokenProvider,
} from '@telerad/core';
import { memoryDraftStore, type DraftStore, type Reader, type ReportSignedDetail } from '@telerad/report-panel';
import '@telerad/report-panel/rad-report-panel.js';
import '@telerad/study-browser/rad-study-browser.js';
// The series strip's thumbnails: registered by what uses them, not as a side effect of the worklist.
import '@telerad/study-browser/rad-series-thumbnail.js';
import { purgeImageCache, toolLabel, type RadViewport, type ViewportTool } from '@telerad/viewport';
import '@telerad/viewport/rad-viewport.js';
import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { repeat } from 'lit/directives/repeat.js';
import { auditEvent, type AuditAction, type AuditEventDetail } from './audit.js';
import { IdleController } from './idle-controller.js';
import {
  iidQuery,
  parseIidLaunch,
  TOKEN_PARAMETERS,
  type IidRequest,
  type LaunchProblem,
  type LaunchResult,
} from './iid-launch.js';
import { launchProblem, priorLabel, seriesLabel, texts, viewportLabel } from './messages.js';
import { styles } from './rad-viewer.styles.js';
import { ViewportSync } from './viewport-sync.js';

export type ViewerMode = 'radiologist' | 'referring';
export type ViewerLayout = '1x1' | '1x2' | '2x2';

/** `detail` of `rad-session-expired`. */
export interface SessionExpiredDetail {
  idleMinutes: number;
}

const SLOTS: Record<ViewerLayout, number> = { '1x1': 1, '1x2': 2, '2x2': 4 };
/** Series that hold no images to show. */
const SERIES_TYPE = 'application/x-rad-series';
/** Modalities whose values mean the same in two studies (HU, SUV): their windows are synchronised. */
const CALIBRATED = new Set(['CT', 'PT']);

/** A run superseded (its signal aborted) or a request it aborted: not a failure to show. */
const isAbort = (error: unknown) =>
  (error instanceof DicomWebError && error.kind === 'aborted') ||
  (error instanceof DOMException && error.name === 'AbortError');
/** The shared toolbar's tools per mode: all viewports take the chosen one. */
const MODE_TOOLS: Record<ViewerMode, ViewportTool[]> = {
  radiologist: [
    'WindowLevel',
    'Pan',
    'Zoom',
    'StackScroll',
    'Length',
    'Angle',
    'Bidirectional',
    'EllipticalROI',
    'Probe',
    'ArrowAnnotate',
  ],
  referring: ['WindowLevel', 'Pan', 'Zoom', 'Length'],
};

/** What one viewport of the grid shows. */
interface Slot {
  studyUid: string;
  seriesUid: string;
}

/**
 * The viewer a portal embeds: worklist, series strip, a grid of viewports (with a prior beside the
 * current study, synchronised), and the report. Opens from an IHE Invoke Image Display link.
 *
 * @tag rad-viewer
 * @summary Worklist, images and report in one tag; IHE IID launch; idle logoff; audit events.
 *
 * @fires {CustomEvent<AuditEventDetail>} rad-audit - A study was opened, a report viewed, signed or amended (FHIR AuditEvent shaped, IHE BALP).
 * @fires {CustomEvent<SessionExpiredDetail>} rad-session-expired - The viewer locked itself after inactivity and cleared what it showed.
 * @fires {CustomEvent} rad-session-resume - The user asks to resume after a lock (cancelable: a host that re-authenticates first calls `preventDefault()` and later `unlock()`).
 * @fires {CustomEvent<RadErrorDetail>} rad-error - The launch or a study could not be opened.
 *
 * @csspart toolbar - Layout, comparison and close controls.
 * @csspart worklist - The `<rad-study-browser>`.
 * @csspart series-strip - The series of the open study.
 * @csspart grid - The viewports.
 * @csspart viewport - One viewport slot (`data-slot`, `data-active`).
 * @csspart report - The `<rad-report-panel>`.
 * @csspart message - Launch problems and empty states.
 * @csspart error - A launch problem or a study that could not be opened (with `message`).
 * @csspart locked - The locked state.
 *
 * @cssprop --rad-viewer-height - Height of the image area (default 70vh).
 */
@localized()
export class RadViewer extends RadElement {
  static override styles = [tokens, surface, styles];

  /** radiologist (worklist, all tools, authoring) or referring (read-only report, simple tools, large targets). */
  @property({ reflect: true }) mode: ViewerMode = 'radiologist';
  /** DICOMweb root; or give `service`, or place the viewer in a `<rad-dicomweb>`. */
  @property() url = '';
  /** Gives each DICOMweb request its bearer token (allowlisted origins only), with `url`. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;
  /** A DICOMweb service to use instead of `url` or an enclosing `<rad-dicomweb>`. */
  @property({ attribute: false }) service?: DicomWebService;
  /** Read an IHE IID launch from the page URL (or from `launch`). */
  @property({ type: Boolean }) iid = false;
  /** An IID launch as a query string ("requestType=STUDY&studyUID=…"), instead of the page URL. */
  @property() launch = '';
  /** Viewports side by side: '1x1', '1x2' or '2x2'. */
  @property({ reflect: true }) layout: ViewerLayout = '1x1';
  /** Show the worklist (radiologist mode only). */
  @property({ type: Boolean }) worklist = true;
  /** Minutes without activity before the viewer locks and clears itself (0: never). */
  @property({ type: Number, attribute: 'idle-minutes' }) idleMinutes = 0;
  /** The signed-in radiologist, for report sign-off and audit records. */
  @property({ attribute: false }) reader?: Reader;
  /** Where unsigned drafts go (kept across an idle lock); in memory unless the host gives one. */
  @property({ attribute: false }) draftStore?: DraftStore;
  /** Where the codecs' .wasm files are served, when the page's bundler did not emit them. */
  @property({ attribute: 'codec-base-path' }) codecBasePath?: string;

  @consume({ context: dicomWebContext, subscribe: true })
  @state()
  private contextService?: DicomWebService;

  @state() private study?: Study;
  @state() private series: Series[] = [];
  @state() private slots: (Slot | undefined)[] = [undefined];
  @state() private activeSlot = 0;
  /** The worklist above an open study: folded away so that the images are in view, until asked for. */
  @state() private worklistShown = false;
  /** Cine rate chosen in the toolbar (frames per second); unset: each series' own. */
  @state() private cineFps?: number;
  @state() private prior?: Study;
  @state() private comparing = false;
  @state() private synchronised = true;
  @state() private launchProblems: LaunchProblem[] = [];
  @state() private launchNotice?: string;
  @state() private launchStudies: Study[] = [];
  @state() private failure?: DicomWebError | ViewerError;
  @state() private locked = false;
  /** The tool on the primary button of every viewport. */
  @state() private activeTool: ViewportTool = 'WindowLevel';

  #ownService?: DicomWebService;
  #launchToken?: string;
  /** The `launch` value the launch was read from ('' for the page URL), so it is read once per value. */
  #launchReadFrom?: string;
  /** The launch read but not opened yet (it waits for an archive). */
  #launchToOpen?: IidRequest;
  #drafts = memoryDraftStore();
  #sync?: ViewportSync;
  /** Whether the compared series' values share a scale, so their windows follow each other. */
  #syncWindow = false;
  /** What was open when the viewer locked (UIDs only), opened again on unlock. */
  #reopen?: { studyInstanceUID: string; slots: (Slot | undefined)[]; comparing: boolean };
  #idle = new IdleController(
    this,
    () => this.idleMinutes,
    () => this.#lock(),
  );

  /** The service the viewer and its elements use. */
  get archive(): DicomWebService | undefined {
    return this.service ?? this.contextService ?? (this.#ownService ??= this.#createService());
  }

  /** The study open, if any. */
  get openStudyUid(): string | undefined {
    return this.study?.studyInstanceUID;
  }

  /** The viewports of the grid, in slot order. */
  get viewports(): RadViewport[] {
    return [...this.renderRoot.querySelectorAll('rad-viewport')];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('url') || changed.has('tokenProvider')) this.#ownService = undefined;
    if (changed.has('layout')) this.slots = Array.from({ length: SLOTS[this.layout] }, (_, i) => this.slots[i]);
    if (changed.has('idleMinutes')) this.#idle.restart();
    // Frameworks may set `iid` and `launch` after connecting the element (Angular does).
    this.#readLaunchOnce();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // At once: a token in the address bar must not linger there (history, screenshots, shoulder surfers).
    this.#readLaunchOnce();
  }

  protected override updated(): void {
    const request = this.#launchToOpen;
    if (request && this.archive) {
      this.#launchToOpen = undefined;
      void this.#openLaunch(request);
    }
    this.#connectSync();
  }

  #readLaunchOnce(): void {
    if (!this.iid || this.#launchReadFrom === this.launch) return;
    this.#launchReadFrom = this.launch;
    this.#launchToOpen = this.#readLaunch().request;
  }

  #createService(): DicomWebService | undefined {
    const provider = this.tokenProvider ?? (this.#launchToken ? async () => this.#launchToken : undefined);
    return this.url ? new DicomWebService({ url: this.url, tokenProvider: provider }) : undefined;
  }

  /** Reads the IID launch; a token in the page URL is kept for requests and taken out of the address bar. */
  #readLaunch(): LaunchResult {
    const fromPage = !this.launch;
    const params = new URLSearchParams(this.launch || location.search);
    const result = parseIidLaunch(params);
    if (result.token) {
      this.#launchToken = result.token;
      this.#ownService = undefined;
      if (fromPage) {
        for (const name of TOKEN_PARAMETERS) params.delete(name);
        const query = params.toString();
        history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
      }
    }
    this.launchProblems = result.problems;
    if (result.request?.keyImagesOnly) this.launchNotice = texts().keyImagesUnsupported;
    return result;
  }

  async #openLaunch(request: IidRequest): Promise<void> {
    const service = this.archive;
    if (!service) return;
    try {
      const found = (
        await Promise.all(
          iidQuery(request).map((query) => this.withAuthRetry('iid-launch', () => service.searchStudies(query))),
        )
      ).flat();
      const unique = [...new Map(found.map((s) => [s.studyInstanceUID, s])).values()];
      // Accession numbers match exactly; date-times narrow within the day when given with a time.
      const exact =
        request.requestType === 'STUDY'
          ? unique.filter(
              (s) =>
                request.studyUIDs.includes(s.studyInstanceUID) ||
                request.accessionNumbers.includes(s.accessionNumber ?? ''),
            )
          : unique;
      const newest = [...exact].sort((a, b) =>
        `${b.studyDate}${b.studyTime}`.localeCompare(`${a.studyDate}${a.studyTime}`),
      );
      this.launchStudies =
        request.requestType === 'PATIENT' && request.mostRecentResults
          ? newest.slice(0, request.mostRecentResults)
          : newest;
      if (!this.launchStudies.length) {
        this.failure = new DicomWebError('not-found', 404, '', 'no study matches the launch');
        return;
      }
      await this.openStudy(this.launchStudies[0].studyInstanceUID);
    } catch (error) {
      this.failure = this.emitError(error, 'iid-launch');
    }
  }

  /**
   * Opening a study, one at a time: a second `openStudy` aborts the first (its requests, and
   * whatever it would have shown), so the study asked for last is the one shown. Never rejects: a
   * failure is shown in the element and announced with `rad-error`.
   */
  #opening = new Task(this, {
    autoRun: false,
    task: async ([studyInstanceUID]: [string], { signal }) => {
      const service = this.archive;
      if (!service) throw new DicomWebError('not-configured', 0, '');
      this.failure = undefined;
      const [study] = await this.withAuthRetry('open-study', () =>
        service.searchStudies({ studyInstanceUIDs: [studyInstanceUID] }, { signal }),
      );
      if (!study) throw new DicomWebError('not-found', 404, '', 'study not found');
      const series = (await service.searchSeries(studyInstanceUID, { signal })).filter((s) => holdsImages(s.modality));
      signal.throwIfAborted();
      series.sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0));
      this.#show(study, series);
      void this.#findPrior(service, study);
      await this.updateComplete;
      void this.#auditReportView();
    },
    onError: (error) => {
      if (!isAbort(error)) this.failure = this.emitError(error, 'open-study');
    },
  });

  /** Opens a study: its first image series in the first viewport, its report beside. */
  async openStudy(studyInstanceUID: string): Promise<void> {
    await this.#opening.run([studyInstanceUID]);
  }

  #show(study: Study, series: Series[]): void {
    this.study = study;
    this.series = series;
    this.worklistShown = false;
    this.comparing = false;
    this.prior = undefined;
    this.activeSlot = 0;
    this.slots = this.slots.map((_, i) =>
      series[i] ? { studyUid: study.studyInstanceUID, seriesUid: series[i].seriesInstanceUID } : undefined,
    );
    this.#audit('study-opened');
  }

  /** Shows a series of the open study in the active viewport. */
  openSeries(seriesInstanceUID: string, slot = this.activeSlot): void {
    const studyUid = this.study?.studyInstanceUID;
    if (!studyUid) return;
    this.slots = this.slots.map((s, i) => (i === slot ? { studyUid, seriesUid: seriesInstanceUID } : s));
    this.activeSlot = slot;
  }

  /** Closes the study: viewports, series and report empty. */
  close(): void {
    this.study = undefined;
    this.series = [];
    this.prior = undefined;
    this.comparing = false;
    this.slots = this.slots.map(() => undefined);
  }

  async #findPrior(service: DicomWebService, study: Study): Promise<void> {
    if (!study.patientId) return;
    try {
      const studies = await service.searchStudies({
        patientId: study.patientId,
        ...(study.issuerOfPatientId ? { issuerOfPatientId: study.issuerOfPatientId } : {}),
      });
      // A study opened since has priors of its own.
      if (this.study !== study) return;
      const older = studies.filter(
        (s) => s.studyInstanceUID !== study.studyInstanceUID && `${s.studyDate}` <= `${study.studyDate}`,
      );
      this.prior = older.sort((a, b) =>
        `${b.studyDate}${b.studyTime}`.localeCompare(`${a.studyDate}${a.studyTime}`),
      )[0];
    } catch {
      // Comparison is an aid: without priors the viewer works as before.
      this.prior = undefined;
    }
  }

  /** Shows the most recent prior next to the current series, synchronised (toggle). */
  async compareWithPrior(on = !this.comparing): Promise<void> {
    const service = this.archive;
    const current = this.slots[this.activeSlot] ?? this.slots[0];
    if (!on || !service || !this.prior || !current) {
      this.comparing = false;
      return;
    }
    const currentSeries = this.series.find((s) => s.seriesInstanceUID === current.seriesUid);
    const priorSeries = (await service.searchSeries(this.prior.studyInstanceUID)).filter((s) =>
      holdsImages(s.modality),
    );
    const match = priorSeries.find((s) => s.modality === currentSeries?.modality) ?? priorSeries[0];
    if (!match) return;
    this.#syncWindow = CALIBRATED.has(match.modality ?? '') && match.modality === currentSeries?.modality;
    this.layout = '1x2';
    this.slots = [current, { studyUid: this.prior.studyInstanceUID, seriesUid: match.seriesInstanceUID }];
    this.comparing = true;
  }

  #connectSync(): void {
    const [a, b] = this.viewports;
    const wanted = this.comparing && this.synchronised && a && b;
    if (wanted && this.#sync && this.#sync.viewports[0] === a && this.#sync.viewports[1] === b) return;
    this.#sync?.disconnect();
    this.#sync = wanted ? new ViewportSync([a, b], this.#syncWindow) : undefined;
  }

  /**
   * Locks after inactivity: drafts stay in the draft store; images, caches, tokens, reports and
   * every patient attribute go (the viewports let go of their frames, and Cornerstone's metadata of
   * them with it). Only the UIDs of what was open are kept, to open it again on unlock.
   */
  #lock(): void {
    this.locked = true;
    const study = this.study;
    this.#reopen = study && { studyInstanceUID: study.studyInstanceUID, slots: this.slots, comparing: this.comparing };
    this.close();
    this.launchStudies = [];
    this.#launchToken = undefined;
    this.#ownService = undefined;
    void purgeImageCache();
    this.emit('rad-session-expired', { idleMinutes: this.idleMinutes });
  }

  /** Unlocks (after the host re-authenticated): the open study is shown again, as it was laid out. */
  async unlock(): Promise<void> {
    this.locked = false;
    this.#idle.restart();
    const reopen = this.#reopen;
    this.#reopen = undefined;
    if (!reopen) return;
    await this.openStudy(reopen.studyInstanceUID);
    if (this.study?.studyInstanceUID !== reopen.studyInstanceUID) return;
    this.slots = reopen.slots;
    this.comparing = reopen.comparing;
  }

  #resume(): void {
    if (this.emit('rad-session-resume', null, { cancelable: true })) void this.unlock();
  }

  #audit(action: AuditAction, reportUID?: string): void {
    const study = this.study;
    if (!study) return;
    this.emit(
      'rad-audit',
      auditEvent(action, {
        studyInstanceUID: study.studyInstanceUID,
        patientId: study.patientId,
        issuerOfPatientId: study.issuerOfPatientId,
        reportUID,
        ...(this.reader ? { user: { id: this.reader.id, name: this.reader.name } } : {}),
      }),
    );
  }

  async #auditReportView(): Promise<void> {
    const panel = this.renderRoot.querySelector('rad-report-panel');
    if (!panel) return;
    await panel.loaded().catch(() => undefined);
    if (panel.latest && panel.studyUid === this.study?.studyInstanceUID)
      this.#audit('report-viewed', panel.latest.sopInstanceUID);
  }

  #onSigned = (event: CustomEvent<ReportSignedDetail>) => {
    this.#audit(event.detail.status === 'amended' ? 'report-amended' : 'report-signed', event.detail.sopInstanceUID);
    // The worklist shows read status: ask the archive again.
    this.renderRoot.querySelector('rad-study-browser')?.refresh();
  };

  #onKeydown = (event: KeyboardEvent) => {
    // Alt+1…4 picks the viewport the series strip fills.
    if (event.altKey && /^[1-4]$/.test(event.key) && Number(event.key) <= this.slots.length) {
      this.activeSlot = Number(event.key) - 1;
      event.preventDefault();
    }
  };

  protected override render() {
    if (this.locked) {
      return html`<div part="locked" class="locked" role="alert">
        <p>${texts().locked}</p>
        <button type="button" @click=${() => this.#resume()}>${texts().resume}</button>
      </div>`;
    }
    const radiologist = this.mode === 'radiologist';
    return html`<div class="viewer" @keydown=${this.#onKeydown}>
      ${this.#renderLaunchMessages()}
      ${
        radiologist && this.worklist
          ? html`<rad-study-browser
            part="worklist"
            id="worklist"
            ?hidden=${Boolean(this.study) && !this.worklistShown}
            .service=${this.archive}
            @rad-study-open=${(e: CustomEvent<{ study: Study }>) => void this.openStudy(e.detail.study.studyInstanceUID)}
            @rad-series-select=${(e: CustomEvent<{ study: Study; series: Series }>) =>
              void (this.study?.studyInstanceUID === e.detail.study.studyInstanceUID
                ? this.openSeries(e.detail.series.seriesInstanceUID)
                : this.openStudy(e.detail.study.studyInstanceUID))}
          ></rad-study-browser>`
          : nothing
      }
      ${this.study ? this.#renderStudy(this.study) : this.failure ? nothing : html`<p part="message" class="message">${texts().noStudy}</p>`}
    </div>`;
  }

  #renderLaunchMessages() {
    const t = texts();
    return html`${
      this.launchProblems.length
        ? html`<div part="message error" class="message error" role="alert">
          ${t.launchFailed}
          <ul>
            ${this.launchProblems.map((p) => html`<li>${launchProblem(p)}</li>`)}
          </ul>
        </div>`
        : nothing
    }
    ${this.failure ? html`<div part="message error" class="message error" role="alert" data-kind=${this.failure.kind}>${this.failure.kind === 'not-found' && this.iid ? t.noMatch : errorMessage(this.failure)}</div>` : nothing}
    ${this.launchNotice ? html`<p part="message" class="message" role="status">${this.launchNotice}</p>` : nothing}
    ${
      this.launchStudies.length > 1
        ? html`<nav class="studies" aria-label=${t.studies}>
          ${this.launchStudies.map(
            (
              s,
            ) => html`<button type="button" aria-pressed=${s.studyInstanceUID === this.study?.studyInstanceUID ? 'true' : 'false'} @click=${() => this.openStudy(s.studyInstanceUID)}>
              ${s.studyDate ?? ''} ${s.description ?? ''} ${s.modalities.join('/')}
            </button>`,
          )}
        </nav>`
        : nothing
    }`;
  }

  /** Play/pause and the rate for the active viewport, when it shows more than one image. */
  #renderCine() {
    const viewport = this.viewports[this.activeSlot];
    if (!viewport || viewport.frames.length < 2) return nothing;
    const t = texts();
    return html`<button type="button" aria-pressed=${viewport.playing ? 'true' : 'false'} @click=${() => (viewport.playing ? viewport.pause() : viewport.play())}>
        ${viewport.playing ? t.pause : t.play}
      </button>
      <label class="check"
        >${t.fps}
        <input
          class="fps"
          type="number"
          min="1"
          max="60"
          step="1"
          .value=${String(Math.round(this.cineFps ?? viewport.cineRate))}
          @change=${(e: Event) => (this.cineFps = Number((e.target as HTMLInputElement).value) || undefined)}
      /></label>`;
  }

  #renderStudy(study: Study) {
    const t = texts();
    const radiologist = this.mode === 'radiologist';
    return html`<div part="toolbar" class="toolbar" role="toolbar" aria-label=${t.viewer}>
        <strong class="title">${study.description ?? ''} ${study.studyDate ?? ''}</strong>
        ${
          radiologist
            ? html`<span role="group" aria-label=${t.layout}>
              ${(['1x1', '1x2', '2x2'] as const).map(
                (layout) =>
                  html`<button type="button" aria-pressed=${this.layout === layout ? 'true' : 'false'} @click=${() => (this.layout = layout)}>${layout.replace('x', '×')}</button>`,
              )}
            </span>`
            : nothing
        }
        <button type="button" aria-pressed=${this.comparing ? 'true' : 'false'} ?disabled=${!this.prior} title=${this.prior ? '' : t.noPrior} @click=${() => this.compareWithPrior()}>
          ${t.compare}${this.prior ? ` (${priorLabel(this.prior.studyDate ?? '')})` : ''}
        </button>
        ${
          this.comparing
            ? html`<label class="check"><input type="checkbox" .checked=${this.synchronised} @change=${(e: Event) => (this.synchronised = (e.target as HTMLInputElement).checked)} /> ${t.sync}</label>`
            : nothing
        }
        ${
          radiologist && this.worklist
            ? html`<button type="button" aria-controls="worklist" aria-expanded=${this.worklistShown ? 'true' : 'false'} @click=${() => (this.worklistShown = !this.worklistShown)}>
              ${t.worklist}
            </button>`
            : nothing
        }
        <button type="button" @click=${() => this.close()}>${t.close}</button>
      </div>
      <div class="toolbar" role="toolbar" aria-label=${t.tools}>
        ${MODE_TOOLS[this.mode].map(
          (tool) =>
            html`<button type="button" aria-pressed=${this.activeTool === tool ? 'true' : 'false'} @click=${() => (this.activeTool = tool)}>${toolLabel(tool)}</button>`,
        )}
        <button type="button" @click=${() => this.viewports[this.activeSlot]?.invert()}>${t.invert}</button>
        <button type="button" @click=${() => this.viewports[this.activeSlot]?.reset()}>${t.reset}</button>
        ${this.#renderCine()}
      </div>
      <div class="workspace">
        ${this.#renderSeriesStrip(study)}
        <div part="grid" class="grid" data-layout=${this.layout}>${this.slots.map((slot, i) => this.#renderSlot(slot, i))}</div>
        <rad-report-panel
          part="report"
          .service=${this.archive}
          .reader=${this.reader}
          .draftStore=${this.draftStore ?? this.#drafts}
          mode=${radiologist ? 'author' : 'referring'}
          study-uid=${study.studyInstanceUID}
          @rad-report-signed=${this.#onSigned}
        ></rad-report-panel>
      </div>`;
  }

  /** The series of the study, each a thumbnail to click or drag onto a viewport. */
  #renderSeriesStrip(study: Study) {
    const t = texts();
    return html`<nav part="series-strip" class="strip" aria-label=${t.series}>
      ${repeat(
        this.series,
        (s) => s.seriesInstanceUID,
        (s) => html`<button
          type="button"
          draggable="true"
          data-series-uid=${s.seriesInstanceUID}
          aria-pressed=${this.slots[this.activeSlot]?.seriesUid === s.seriesInstanceUID ? 'true' : 'false'}
          @click=${() => this.openSeries(s.seriesInstanceUID)}
          @dragstart=${(e: DragEvent) => e.dataTransfer?.setData(SERIES_TYPE, s.seriesInstanceUID)}
        >
          <rad-series-thumbnail .service=${this.archive} study-uid=${study.studyInstanceUID} series-uid=${s.seriesInstanceUID} modality=${s.modality ?? nothing} size="64"></rad-series-thumbnail>
          <span>${seriesLabel(String(s.seriesNumber ?? '?'), s.modality ?? '', String(s.instanceCount ?? '?'))}</span>
          <span class="description">${s.description ?? ''}</span>
        </button>`,
      )}
    </nav>`;
  }

  #renderSlot(slot: Slot | undefined, index: number) {
    const active = index === this.activeSlot;
    const drop = (event: DragEvent) => {
      const uid = event.dataTransfer?.getData(SERIES_TYPE);
      if (!uid) return;
      event.preventDefault();
      this.openSeries(uid, index);
    };
    return html`<section
      part="viewport"
      class="slot"
      data-slot=${index}
      ?data-active=${active}
      aria-label=${viewportLabel(index + 1)}
      @pointerdown=${() => (this.activeSlot = index)}
      @focusin=${() => (this.activeSlot = index)}
      @dragover=${(e: DragEvent) => e.dataTransfer?.types.includes(SERIES_TYPE) && e.preventDefault()}
      @drop=${drop}
    >
      ${
        slot
          ? html`<rad-viewport
            .service=${this.archive}
            study-uid=${slot.studyUid}
            series-uid=${slot.seriesUid}
            codec-base-path=${this.codecBasePath ?? nothing}
            active-tool=${this.activeTool}
            cine-fps=${this.cineFps ?? nothing}
            @rad-cine-change=${() => this.requestUpdate()}
            @rad-load-progress=${() => index === this.activeSlot && this.requestUpdate()}
            ><span slot="toolbar"></span
          ></rad-viewport>`
          : html`<p class="empty">${texts().emptyViewport}</p>`
      }
      ${this.comparing && slot && slot.studyUid !== this.study?.studyInstanceUID ? html`<span class="badge">${priorLabel(this.prior?.studyDate ?? '')}</span>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-viewer': RadViewer;
  }
}

declare module '@telerad/core' {
  interface RadEventMap {
    /** No detail: cancelable (see `@fires`). */
    'rad-session-resume': null;
    'rad-audit': AuditEventDetail;
    'rad-session-expired': SessionExpiredDetail;
  }
}
