import { consume, ContextProvider } from '@lit/context';
import { localized } from '@lit/localize';
import {
  dicomWebContext,
  DicomWebService,
  surface,
  tokens,
  type DicomWebError,
  type Series,
  type Study,
  type ViewerError,
} from '@telerad/core';
import { memoryDraftStore, type ReportSignedDetail } from '@telerad/report-panel';
import '@telerad/report-panel/rad-report-panel.js';
import '@telerad/study-browser/rad-study-browser.js';
// The series strip's thumbnails: registered by what uses them, not as a side effect of the worklist.
import '@telerad/study-browser/rad-series-thumbnail.js';
import { purgeImageCache, type RadViewport, type ViewportTool } from '@telerad/viewport';
import '@telerad/viewport/rad-viewport.js';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators/state.js';
import { auditEvent, auditSubject, type AuditAction } from './audit.js';
import './viewer-events.js';
import { IdleController } from './idle-controller.js';
import { LaunchController } from './launch-controller.js';
import { SmartController } from './smart-controller.js';
import type { SmartOptions } from './smart-launch.js';
import { smartTexts, texts } from './messages.js';
import { styles } from './rad-viewer.styles.js';
import { StudyOpening } from './study-opening.js';
import * as view from './viewer-view.js';
import { DEFAULT_LOOK, slotsFor, studySlots, withSeries } from './layouts.js';
import type { PlaneLook, Slot } from './layouts.js';
import { ViewportSync } from './viewport-sync.js';
import { RadViewerSettings } from './rad-viewer-settings.js';

/** Modalities whose values mean the same in two studies (HU, SUV): their windows are synchronised. */
const CALIBRATED = new Set(['CT', 'PT']);

/**
 * The viewer a portal embeds: worklist, series strip, a grid of viewports (with a prior beside the
 * current study, synchronised), and the report. Opens from an IHE Invoke Image Display link.
 *
 * @tag rad-viewer
 * @summary Worklist, images and report in one tag; IHE IID launch; idle logoff; audit events.
 *
 * @fires {CustomEvent<AuditEventDetail>} rad-audit - A study was opened, a report viewed, signed or amended (FHIR
 *   AuditEvent shaped, IHE BALP).
 * @fires {CustomEvent<SessionExpiredDetail>} rad-session-expired - Locked after inactivity; what it showed is cleared.
 * @fires {CustomEvent} rad-session-resume - The user asks to resume after a lock (cancelable: a host that
 *   re-authenticates first calls `preventDefault()` and later `unlock()`).
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
export class RadViewer extends RadViewerSettings {
  static override styles = [tokens, surface, styles];

  @consume({ context: dicomWebContext, subscribe: true })
  @state()
  private contextService?: DicomWebService;

  @state() private slots: (Slot | undefined)[] = [undefined];
  @state() private activeSlot = 0;
  /** The worklist above an open study: folded away so that the images are in view, until asked for. */
  @state() private worklistShown = false;
  /** Cine rate chosen in the toolbar (frames per second); unset: each series' own. */
  @state() private cineFps?: number;
  @state() private comparing = false;
  @state() private synchronised = true;
  @state() private failure?: DicomWebError | ViewerError;
  @state() private locked = false;
  /** The tool on the primary button of every viewport. */
  @state() private activeTool: ViewportTool = 'WindowLevel';
  @state() private look: PlaneLook = DEFAULT_LOOK;

  #ownService?: DicomWebService;
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
  /** The archive, provided to the worklist, viewports, thumbnails and report inside. */
  #provider = new ContextProvider(this, { context: dicomWebContext });
  #opening = new StudyOpening(this, {
    archive: () => this.archive,
    request: (operation, call) => this.withAuthRetry(operation, call),
    opened: (study, series) => this.#show(study, series),
    failed: (error) => (this.failure = this.emitError(error, 'open-study')),
  });
  #launch = new LaunchController(this, {
    enabled: () => this.iid,
    launch: () => this.launch,
    archive: () => this.archive,
    tokenChanged: () => (this.#ownService = undefined),
    request: (operation, call) => this.withAuthRetry(operation, call),
    open: (uid) => this.openStudy(uid),
    failed: (error) => (this.failure = this.emitError(error, 'iid-launch')),
  });
  #smart = new SmartController(this, {
    enabled: () => this.smart,
    options: () => this.smartOptions,
    archiveChanged: () => (this.#ownService = undefined),
    open: async (uid) => (await this.openStudy(uid), this.openStudyUid === uid && !this.failure),
    step: (step) => this.emit('rad-smart-step', { step }),
    failed: ({ reason }) => this.emit('rad-smart-failed', { reason, message: smartTexts()[reason] }),
    follow: () => this.fhircastFollow,
    openStudyUid: () => this.openStudyUid,
    close: () => this.close(),
    changed: (detail) => this.emit('rad-context-change', detail),
  });

  /** The service the viewer and its elements use. */
  get archive(): DicomWebService | undefined {
    return this.service ?? this.contextService ?? (this.#ownService ??= this.#createService());
  }

  /** The study open, if any. */
  get openStudyUid(): string | undefined {
    return this.#opening.study?.studyInstanceUID;
  }

  /** The viewports of the grid, in slot order. */
  get viewports(): RadViewport[] {
    return [...this.renderRoot.querySelectorAll('rad-viewport')];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('url') || changed.has('tokenProvider')) this.#ownService = undefined;
    if (changed.has('layout')) this.slots = slotsFor(this.layout, this.slots, this.activeSlot, this.#opening.series);
    if (changed.has('idleMinutes')) this.#idle.restart();
    // Before the archive is provided: a launch's token makes the viewer's own service anew.
    this.#launch.readOnce();
    this.#smart.readOnce();
    if (this.#provider.value !== this.archive) this.#provider.setValue(this.archive);
  }

  protected override updated(): void {
    this.#sync = ViewportSync.between(
      this.#sync,
      this.viewports,
      this.comparing && this.synchronised,
      this.#syncWindow,
    );
  }

  #createService(): DicomWebService | undefined {
    const smart = this.#smart.context;
    // The token goes to the launch's archive only (its origin was checked against the allowlist).
    if (smart) return new DicomWebService({ url: smart.dicomWebUrl, tokenProvider: smart.accessToken });
    const token = this.#launch.token;
    const provider = this.tokenProvider ?? (token ? async () => token : undefined);
    return this.url ? new DicomWebService({ url: this.url, tokenProvider: provider }) : undefined;
  }

  /**
   * Opens a study: its first image series in the first viewport, its report beside. One at a time:
   * a second `openStudy` aborts the first (its requests, and whatever it would have shown), so the
   * study asked for last is the one shown. Never rejects: a failure is shown in the element and
   * announced with `rad-error`.
   */
  async openStudy(studyInstanceUID: string): Promise<void> {
    await this.#openStudy(studyInstanceUID);
  }

  /**
   * Starts a SMART launch: standalone with `iss` (the FHIR server), or an EHR launch with `launch`
   * too. The page goes to the EHR's authorization server and comes back to the redirect URI, where
   * a `<rad-viewer smart>` completes it.
   */
  async launchSmart(options: Partial<SmartOptions> & { iss: string }): Promise<void> {
    await this.#smart.launch(options);
  }

  /** Opens a study; `known`: its attributes as the worklist found them (not searched for again). */
  async #openStudy(studyInstanceUID: string, known?: Study): Promise<void> {
    this.failure = undefined;
    await this.#opening.open(studyInstanceUID, known);
  }

  #show(study: Study, series: Series[]): void {
    this.worklistShown = false;
    this.comparing = false;
    this.activeSlot = 0;
    this.slots = studySlots(this.layout, this.slots.length, study.studyInstanceUID, series);
    this.#audit('study-opened');
    void this.updateComplete.then(() => this.#auditReportView());
  }

  /** Shows a series of the open study in the active viewport. */
  openSeries(seriesInstanceUID: string, slot = this.activeSlot): void {
    const studyUid = this.openStudyUid;
    if (!studyUid) return;
    this.slots = withSeries(this.layout, this.slots, slot, { studyUid, seriesUid: seriesInstanceUID });
    this.activeSlot = slot;
  }

  /** Closes the study: viewports, series and report empty. */
  close(): void {
    this.#opening.close();
    this.comparing = false;
    this.slots = this.slots.map(() => undefined);
  }

  /** Shows the most recent prior next to the current series, synchronised (toggle). */
  async compareWithPrior(on = !this.comparing): Promise<void> {
    const current = this.slots[this.activeSlot] ?? this.slots[0];
    const prior = this.#opening.prior;
    if (!on || !this.archive || !prior || !current) {
      this.comparing = false;
      return;
    }
    const currentSeries = this.#opening.series.find((s) => s.seriesInstanceUID === current.seriesUid);
    const match = await this.#opening.priorSeries(currentSeries?.modality);
    if (!match) return;
    this.#syncWindow = CALIBRATED.has(match.modality ?? '') && match.modality === currentSeries?.modality;
    this.layout = '1x2';
    this.slots = [current, { studyUid: prior.studyInstanceUID, seriesUid: match.seriesInstanceUID }];
    this.comparing = true;
  }

  /**
   * Locks after inactivity: drafts stay in the draft store; images, caches, tokens, reports and
   * every patient attribute go (the viewports let go of their frames, and Cornerstone's metadata of
   * them with it). Only the UIDs of what was open are kept, to open it again on unlock.
   */
  #lock(): void {
    this.locked = true;
    const uid = this.openStudyUid;
    this.#reopen = uid ? { studyInstanceUID: uid, slots: this.slots, comparing: this.comparing } : undefined;
    this.close();
    this.#launch.clear();
    this.#smart.clear();
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
    if (this.openStudyUid !== reopen.studyInstanceUID) return;
    this.slots = reopen.slots;
    this.comparing = reopen.comparing;
  }

  #resume(): void {
    if (this.emit('rad-session-resume', null, { cancelable: true })) void this.unlock();
  }

  #audit(action: AuditAction, reportUID?: string): void {
    const study = this.#opening.study;
    if (study) this.emit('rad-audit', auditEvent(action, auditSubject(study, this.reader, reportUID)));
  }

  async #auditReportView(): Promise<void> {
    const panel = this.renderRoot.querySelector('rad-report-panel');
    if (!panel) return;
    await panel.loaded().catch(() => undefined);
    if (panel.latest && panel.studyUid === this.openStudyUid) this.#audit('report-viewed', panel.latest.sopInstanceUID);
  }

  #onSigned = (event: CustomEvent<ReportSignedDetail>) => {
    this.#audit(event.detail.status === 'amended' ? 'report-amended' : 'report-signed', event.detail.sopInstanceUID);
    this.#smart.reportSigned(this.renderRoot.querySelector('rad-report-panel')?.toFhirDiagnosticReport());
    // The worklist shows read status: ask the archive again.
    this.renderRoot.querySelector('rad-study-browser')?.refresh();
  };

  #onKeydown = (event: KeyboardEvent) => {
    this.activeSlot = view.slotOfKey(event, this.slots.length) ?? this.activeSlot;
  };

  #onStudyOpen = (e: CustomEvent<{ study: Study }>) =>
    void this.#openStudy(e.detail.study.studyInstanceUID, e.detail.study);

  #onSeriesSelect = ({ detail: { study, series } }: CustomEvent<{ study: Study; series: Series }>) => {
    if (this.openStudyUid === study.studyInstanceUID) this.openSeries(series.seriesInstanceUID);
    else void this.#openStudy(study.studyInstanceUID, study);
  };

  protected override render() {
    if (this.locked) return view.renderLocked(() => this.#resume());
    const { study } = this.#opening;
    const launch = view.renderLaunchMessages(this.#launch, this.failure, this.iid, this.openStudyUid, (uid) => {
      void this.openStudy(uid);
    });
    const smart = view.renderSmart(this.#smart);
    const empty =
      this.failure || smart !== nothing ? nothing : html`<p part="message" class="message">${texts().noStudy}</p>`;
    return html`<div class="viewer" @keydown=${this.#onKeydown}>
      ${launch} ${smart}
      ${
        this.mode === 'radiologist' && this.worklist
          ? html`<rad-study-browser
            part="worklist"
            id="worklist"
            ?hidden=${Boolean(study) && !this.worklistShown}
            page-size=${this.worklistPageSize}
            @rad-study-open=${this.#onStudyOpen}
            @rad-series-select=${this.#onSeriesSelect}
          ></rad-study-browser>`
          : nothing
      }
      ${study ? this.#renderStudy(study) : empty}
    </div>`;
  }

  #renderStudy(study: Study) {
    const radiologist = this.mode === 'radiologist';
    const active = this.viewports[this.activeSlot];
    const { comparing, synchronised, worklistShown, layout, mode } = this;
    const toolbar = { study, mode, layout, prior: this.#opening.prior, comparing, synchronised, worklistShown };
    return html`${view.renderStudyToolbar(
      { ...toolbar, series: this.#opening.series, worklist: radiologist && this.worklist },
      {
        setLayout: (layout) => (this.layout = layout),
        compareWithPrior: () => void this.compareWithPrior(),
        setSynchronised: (on) => (this.synchronised = on),
        toggleWorklist: () => (this.worklistShown = !this.worklistShown),
        close: () => this.close(),
      },
    )}
      ${view.renderToolsToolbar(
        mode,
        this.activeTool,
        (tool) => (this.activeTool = tool),
        active,
        view.renderCine(active, this.cineFps, (fps) => (this.cineFps = fps)),
        { layout, look: this.look, setLook: (look) => (this.look = look) },
      )}
      <div class="workspace">
        ${view.renderSeriesStrip(study, this.#opening.series, this.slots[this.activeSlot]?.seriesUid, (uid) =>
          this.openSeries(uid),
        )}
        <rad-rendering-group ?sync-window=${layout === 'mpr'} ?sync-zoom=${layout === 'fusion'}
          ><div part="grid" class="grid" data-layout=${layout}>
            ${this.slots.map((slot, i) => this.#renderSlot(slot, i))}
          </div></rad-rendering-group
        >
        <rad-report-panel
          part="report"
          .reader=${this.reader}
          .draftStore=${this.draftStore ?? this.#drafts}
          mode=${radiologist ? 'author' : 'referring'}
          study-uid=${study.studyInstanceUID}
          @rad-report-signed=${this.#onSigned}
        ></rad-report-panel>
      </div>`;
  }

  #renderSlot(shows: Slot | undefined, index: number) {
    const prior = this.comparing && shows && shows.studyUid !== this.openStudyUid;
    const slot = {
      index,
      shows,
      active: index === this.activeSlot,
      ...(prior ? { priorDate: this.#opening.prior?.studyDate ?? '' } : {}),
    };
    const { codecBasePath, activeTool, cineFps, look } = this;
    // The toolbar shows the active viewport's cine and progress.
    const changed = (progress: boolean) => (!progress || index === this.activeSlot) && this.requestUpdate();
    const viewport = shows && view.renderViewport(shows, { codecBasePath, activeTool, cineFps, look }, changed);
    return view.renderSlot(slot, viewport, {
      activate: () => (this.activeSlot = index),
      drop: (uid) => this.openSeries(uid, index),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-viewer': RadViewer;
  }
}
