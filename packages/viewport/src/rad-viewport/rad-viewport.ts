import { consume } from '@lit/context';
import { localized } from '@lit/localize';
import { Task } from '@lit/task';
import {
  dicomWebContext,
  DicomWebError,
  errorMessage,
  newUid,
  numberValue,
  RadElement,
  readPart10,
  requestDicomWebAgain,
  stringValue,
  studyIdentityOf,
  surface,
  tokens,
  ViewerError,
  type DicomWebService,
  type MeasurementDetail as CoreMeasurementDetail,
  writePart10,
} from '@telerad/core';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { renderingContext, type RenderingGroup } from '../rad-rendering-group/rendering-context.js';
import { imageFailedLabel, imageLabel, texts } from './messages.js';
import { measurementReportDataset, measurementsFromReport } from './measurement-report.js';
import { CineController, type CineChangeDetail } from './cine-controller.js';
import { FirstImageController, type FirstImageDetail } from './first-image-controller.js';
import { drawableEarly } from './first-image.js';
import { MEASUREMENT_TOOLS, type MeasurementInput, type RadMeasurement } from './measurements.js';
import { imagePresets, presetsFor, type ImagePreset, type WindowLevel } from './presets.js';
import { styles } from './rad-viewport.styles.js';
import { loadSeriesStack, seriesLocationOf, type SeriesService, type StackFrame } from './series-stack.js';
import { loadBulkData } from './frame-loader.js';
import { HeldFrames } from './frame-registry.js';
import { AuthRefresh } from './auth-refresh.js';
import type { ModalityValue } from './modality-value.js';
import { OverlayController } from './overlay-controller.js';
import { overlayPlanesOf } from './overlay-planes.js';
import { SeriesRetrieval } from './series-retrieve.js';
import { framesThatFit } from './series-prefetch.js';
import { DEFAULT_CACHE_MB } from './cornerstone-runtime.js';
import { keyAction, renderToolbar } from './viewport-controls.js';
import { renderOverlay } from './viewport-overlay.js';
import { hasStatistics } from './annotation-bridge.js';
import { ViewportController, type Interpolation, type ViewportTool, type ViewState } from './viewport-controller.js';

/** `detail` of `rad-load-progress`. */
export interface LoadProgressDetail {
  loaded: number;
  /** Images loaded ahead: the whole series, or as many as the page's image cache holds (`cache-size`). */
  total: number;
}

/** `detail` of `rad-image-rendered`. */
export interface ImageRenderedDetail extends ViewState {
  sopInstanceUID: string;
  frame: number;
}

/** `detail` of `rad-measurement-added`, `-modified` and `-removed` (core's contract, with the viewport's handles). */
export type MeasurementDetail = CoreMeasurementDetail<RadMeasurement>;

/** The 1-based frame of a WADO-URI image id (`…&frame=N`), 1 when none is given. */
const frameOf = (imageId: string) => Number(/[?&]frame=(\d+)/.exec(imageId)?.[1] ?? 1);

/** Resolves after the next frame has been drawn (or at once in a page that draws none, hidden). */
const afterAFrame = () =>
  new Promise<void>((resolve) =>
    document.visibilityState === 'hidden' ? setTimeout(resolve) : requestAnimationFrame(() => setTimeout(resolve)),
  );

/**
 * A Cornerstone3D image viewport for one series of a DICOMweb archive: every transfer syntax
 * decoded in the browser, window/level with modality presets, zoom, pan, rotate, flip, scroll and
 * cine, four-corner overlays, and measurements in calibrated units. Cornerstone is imported only
 * when a viewport connects.
 *
 * Sizing: square (its width) and at least 240 px high without a height; give the host a height
 * (or size `::part(viewport)`). Host rules such as `display: block` do not change the layout. An
 * image area without size shows the `no-size` state and fires `rad-error` (`source: 'viewer'`).
 *
 * @tag rad-viewport
 * @summary Shows and measures a DICOM series.
 *
 * @fires {CustomEvent<LoadProgressDetail>} rad-load-progress - Images of the series loaded so far.
 * @fires {CustomEvent<FirstImageDetail>} rad-first-image - The series' first image is on screen: drawn early (its bytes drawn exactly, before the engine had loaded; `early: true`) or by the engine.
 * @fires {CustomEvent<ImageRenderedDetail>} rad-image-rendered - An image was drawn (after scroll, window, zoom…).
 * @fires {CustomEvent<CineChangeDetail>} rad-cine-change - Cine started, paused (by the user, or by a measuring tool pressed on the image) or changed rate.
 * @fires {CustomEvent<MeasurementDetail>} rad-measurement-added - A measurement was completed.
 * @fires {CustomEvent<MeasurementDetail>} rad-measurement-modified - A measurement was moved or resized.
 * @fires {CustomEvent<MeasurementDetail>} rad-measurement-removed - A measurement was deleted.
 * @fires {CustomEvent<RadErrorDetail>} rad-error - The series could not be loaded or shown (`source: 'archive'`), the viewer failed (`source: 'viewer'`, kind `client`), or the image area has no size (kind `no-size`).
 *
 * @csspart toolbar - The default toolbar (replace it through the `toolbar` slot).
 * @csspart viewport - The image area.
 * @csspart overlay - The four-corner text.
 * @csspart scrollbar - The image slider.
 * @csspart progress - The loading progress bar.
 * @csspart error - The error state; also on `no-size` and `image-error`, so `::part(error)` styles every failure.
 * @csspart overlay-planes - The image's overlay planes, drawn over it pixel for pixel.
 * @csspart first-image - The series' first image drawn before the engine loaded, until the engine draws it.
 * @csspart no-size - Said above the image area while it has no size (the host gives it no height or width).
 * @csspart image-error - Said over the image area when the image scrolled to failed to load.
 *
 * @cssprop --rad-viewport-background - Background of the image area (default black).
 * @cssprop --rad-viewport-overlay-color - Colour of the overlay text.
 *
 * @slot toolbar - Replaces the default toolbar.
 */
@localized()
export class RadViewport extends RadElement {
  static override styles = [tokens, surface, styles];

  /** A DICOMweb service to use instead of the one provided by an enclosing `<rad-dicomweb>`. */
  @property({ attribute: false }) service?: SeriesService;

  /** Study Instance UID of the series shown. */
  @property({ attribute: 'study-uid' }) studyUid = '';
  /** Series Instance UID: the series shown (from the DICOMweb service). */
  @property({ attribute: 'series-uid' }) seriesUid = '';

  /**
   * Images to show instead of a DICOMweb series: WADO-URI image ids (`wadouri:<url>`, with
   * `&frame=N` for multi-frame). Their attributes are read from the files as they load.
   */
  @property({ attribute: false }) imageIds?: readonly string[];

  /** The tool on the primary pointer button. */
  @property({ attribute: 'active-tool', reflect: true }) activeTool: ViewportTool = 'WindowLevel';

  /** Where the codecs' .wasm files are served, when the page's bundler did not emit them. */
  @property({ attribute: 'codec-base-path' }) codecBasePath?: string;

  /**
   * Megabytes of decoded images the page keeps: one bound for all its viewports (the last value set
   * applies). Images shown least recently are dropped first and load again when shown; a series
   * larger than the bound is loaded ahead only as far as it fits. Default 1024.
   */
  @property({ type: Number, attribute: 'cache-size' }) cacheSize = DEFAULT_CACHE_MB;

  /**
   * How images are resampled on screen: `linear` (the default) or `nearest`, which shows each image
   * pixel as a block of one grey, for small matrices and pixel-exact reading.
   */
  @property({ reflect: true }) interpolation: Interpolation = 'linear';

  /** Render on the CPU (no WebGL). Takes effect for the first viewport of a page. */
  @property({ type: Boolean, attribute: 'cpu-rendering' }) cpuRendering = false;

  /** Show the four-corner overlays. */
  @property({ type: Boolean, reflect: true }) overlays = true;

  /**
   * Draw the image's overlay planes (PS3.3 C.9.2: graphics and text the modality or a workstation
   * burnt into groups 6000–601E), as a display is expected to. On by default; the toolbar and the
   * `g` key toggle it.
   */
  @property({ type: Boolean, attribute: 'overlay-planes', reflect: true }) overlayPlanes = true;
  /** Whether the image shown has overlay planes (the toolbar offers the toggle only then). */
  @state() private hasOverlayPlanes = false;
  /** Cine rate in frames per second; unset: the series' Frame Time (or Recommended Display Frame Rate), else 10. */
  @property({ type: Number, attribute: 'cine-fps' }) cineFps?: number;

  @consume({ context: dicomWebContext, subscribe: true })
  @state()
  private contextService?: DicomWebService;

  /** The engine group of an enclosing `<rad-rendering-group>`, if any. */
  @consume({ context: renderingContext })
  private renderingGroup?: RenderingGroup;

  @state() private view?: ViewState;
  @state() private progress?: { loaded: number; total: number };
  /** Why a PET series has no SUV (missing radiopharmaceutical data…), shown in the overlay. */
  @state() private suvUnavailable?: string;

  #cine = new CineController(this, {
    position: () => this.#controller.state(),
    showImage: (index) => this.showImage(index),
    changed: (detail) => this.emit('rad-cine-change', detail),
  });
  /** Why images of the series failed to load, by index. */
  #imageErrors = new Map<number, DicomWebError | ViewerError>();
  #prefetch?: AbortController;

  #controller = new ViewportController(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('[part~="viewport"] .cornerstone'),
    {
      rendered: (view) => {
        this.view = view;
        const frame = this.#controller.frames[view.index];
        this.#firstImage.engineDrew(frame);
        this.#showOverlayPlanes(frame);
        if (frame)
          this.emit('rad-image-rendered', { ...view, sopInstanceUID: frame.sopInstanceUID, frame: frame.frame });
      },
      imageFailed: (index, error, first) => {
        const failure = first ? this.emitError(error, 'load-image') : this.#imageErrors.get(index);
        if (failure) this.#imageErrors.set(index, failure);
      },
      measurementChanged: (change, measurement) => this.emit(`rad-measurement-${change}`, { measurement }),
      sized: (width, height) => this.#sized(width, height),
    },
    () => ({ codecBasePath: this.codecBasePath, cpuRendering: this.cpuRendering }),
    () => this.renderingGroup,
  );

  /** A token that expires while frames load is refreshed once, then the frames are asked again. */
  #authRefresh = new AuthRefresh(() => this.askForFreshToken('load-image'));

  /** After the controller: the Cornerstone viewport is gone before its frames are let go of. */
  #heldFrames = new HeldFrames(this);

  #firstImage = new FirstImageController(
    this,
    () => this.renderRoot.querySelector<HTMLCanvasElement>('[part~="first-image"]'),
    (detail) => this.emit('rad-first-image', detail),
  );

  #overlayPlanes = new OverlayController(
    this,
    () => this.renderRoot.querySelector<HTMLCanvasElement>('[part~="overlay-planes"]'),
    {
      imageToCanvas: (point) => this.#controller.imageToCanvas(point),
      loadBulkData: (uri) => {
        const service = this.service ?? this.contextService;
        return service ? loadBulkData(uri, service.auth, service.timeoutMs) : Promise.resolve(new Uint8Array());
      },
    },
  );

  #showOverlayPlanes(frame: StackFrame | undefined): void {
    this.hasOverlayPlanes = Boolean(frame && overlayPlanesOf(frame.metadata).length);
    if (this.overlayPlanes) void this.#overlayPlanes.show(frame);
    else this.#overlayPlanes.clear();
  }

  #series = new Task(this, {
    task: async ([service, studyUid, seriesUid, imageIds], { signal }) => {
      if (!imageIds?.length && (!studyUid || !seriesUid)) return undefined;
      if (!imageIds?.length && !service) {
        // An enclosing <rad-dicomweb> defined after this element connected: asked again after a frame.
        await afterAFrame();
        this.#stopLateService();
        this.#stopLateService = requestDicomWebAgain(this, (late) => (this.contextService = late));
        // An answer runs the series again (its service changed), superseding this run.
        await this.updateComplete;
        if (signal.aborted) return undefined;
        throw new DicomWebError('not-configured', 0, '');
      }
      this.pause();
      this.#prefetch?.abort();
      this.#firstImage.reset();
      // The series' metadata and first frame are fetched before the engine loads, not after it.
      const stack = imageIds?.length
        ? Promise.resolve({
            frames: imageIds.map((imageId) => ({ imageId, sopInstanceUID: '', frame: frameOf(imageId), metadata: {} })),
            sources: undefined,
            suvUnavailable: undefined,
          })
        : this.withAuthRetry('load-series', () =>
            loadSeriesStack(service as SeriesService, studyUid, seriesUid, { signal, reauthorize: this.#authRefresh }),
          );
      await this.updateComplete;
      const { frames, sources, suvUnavailable } = await stack;
      // Removed from the page meanwhile: nothing is held or shown (a reconnect loads again).
      if (!this.isConnected) throw new DicomWebError('aborted', 0, '');
      const held = this.#heldFrames.hold(frames, sources);
      // Whatever loads ahead stops with the next series, a disconnect or a failed start.
      const prefetch = new AbortController();
      this.#prefetch = prefetch;
      // The first frame alone (the quickest way to a first image), and the whole series at once.
      const first = imageIds?.length ? undefined : this.#firstImage.fetch(frames[0]);
      // An image drawn early comes first: the engine's download and start would delay it.
      if (first && drawableEarly(frames[0].metadata)) await first;
      // What fails here is the viewer's (Cornerstone's loading and start), never the archive's.
      const engine = this.#controller.ready().catch((error: unknown) => {
        prefetch.abort();
        throw ViewerError.client(error);
      });
      // At once only what the image cache holds whole (a longer series is loaded ahead as far as it fits).
      const whole = frames.length > 1 && framesThatFit(frames, this.cacheSize * 2 ** 20) >= frames.length;
      const location =
        imageIds?.length || !whole ? undefined : seriesLocationOf(service as SeriesService, studyUid, seriesUid);
      // After the first frame: the series' bytes would otherwise compete with it.
      const retrieval =
        location &&
        first?.then(() => new SeriesRetrieval(location, frames[0].imageId, AbortSignal.any([prefetch.signal, signal])));
      await engine;
      // A tool set before the viewport existed (an `active-tool` attribute) takes effect now.
      this.#controller.setPrimaryTool(this.activeTool);
      this.#controller.setCacheSize(this.cacheSize);
      this.#controller.runtime?.registerFrames(frames);
      this.suvUnavailable = suvUnavailable;
      this.#imageErrors.clear();
      const shown = this.#controller.setStack(frames, 0);
      // The rest of the series loads while the first image is decoded and drawn.
      this.#startPrefetch(prefetch, await retrieval);
      await shown
        .catch((error: unknown) => {
          // A series whose first image cannot be shown is not loaded further.
          prefetch.abort();
          throw error;
        })
        .finally(() => this.#heldFrames.keepOnly(held));
      return frames;
    },
    args: () => [this.service ?? this.contextService, this.studyUid, this.seriesUid, this.imageIds] as const,
    onError: (error) => {
      // An image that failed was announced as it failed: its series failing with it is not news.
      const announced = [...this.#imageErrors.values()].includes(error as DicomWebError);
      if (!announced && !(error instanceof DicomWebError && error.kind === 'aborted'))
        this.emitError(error, 'load-series');
    },
  });

  #wasDisconnected = false;
  /** Unsubscribes from a provider that answered late (see `requestDicomWebAgain`). */
  #stopLateService = () => {};

  /**
   * Whether the image area has no size (a host rule such as `height: 0`): said in the element and
   * with one `rad-error` each time it happens; the image appears once the area has a size. Set from
   * a ResizeObserver, so the change waits for the next frame (no resize loop).
   */
  @state() private noSize = false;

  #sized(width: number, height: number): void {
    // A host that is not rendered at all (display: none, in a hidden tab) is waiting, not mis-sized.
    const none = (width < 1 || height < 1) && this.getClientRects().length > 0;
    requestAnimationFrame(() => {
      if (none && !this.noSize)
        this.emitError(new ViewerError('no-size', `${Math.round(width)} × ${Math.round(height)} px`), 'layout');
      this.noSize = none;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Disconnecting disposed the Cornerstone viewport: build it again and show the same series.
    if (this.#wasDisconnected) void this.#series.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLateService();
    this.#wasDisconnected = true;
    this.#prefetch?.abort();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('activeTool')) this.#controller.setPrimaryTool(this.activeTool);
    if (changed.has('cacheSize')) this.#controller.setCacheSize(this.cacheSize);
    if (changed.has('interpolation'))
      this.#controller.setInterpolation(this.interpolation === 'nearest' ? 'nearest' : 'linear');
    if (changed.has('overlayPlanes') && this.view) this.#showOverlayPlanes(this.#controller.frames[this.view.index]);
    // A new rate while playing takes effect at once.
    if (changed.has('cineFps') && this.playing && this.cineFps) this.play(this.cineFps);
  }

  #startPrefetch(controller: AbortController, retrieval?: SeriesRetrieval): void {
    const total = this.#controller.loadAheadCount();
    this.progress = { loaded: 0, total };
    this.emit('rad-load-progress', { loaded: 0, total });
    void this.#controller
      .prefetch(
        (loaded) => {
          this.progress = { loaded, total };
          this.emit('rad-load-progress', { loaded, total });
        },
        controller.signal,
        retrieval,
      )
      .catch((error: unknown) => this.emitError(error, 'prefetch'));
  }

  /** The frames of the loaded series, in display order. */
  get frames(): readonly StackFrame[] {
    return this.#controller.frames;
  }

  /** Current image index, count, window, zoom, rotation and flips. */
  get viewState(): ViewState {
    return this.#controller.state();
  }

  /** Resolves once the series is loaded and its first image shown (rejects if loading failed). */
  async loaded(): Promise<void> {
    await this.updateComplete;
    await this.#series.taskComplete;
  }

  /**
   * Sets the window (PS3.3 C.11.2.1.2.1, linear; width 1 is a threshold at center − 0.5), leaving a
   * VOI LUT the image was shown through.
   */
  setWindow(window: WindowLevel): void {
    this.#controller.setWindow(window);
  }

  /**
   * Applies a preset of the current modality (e.g. 'lung' for CT) or one the image carries
   * (`file-window-N`, `voi-lut-N`: see `imagePresets`).
   */
  applyPreset(id: string): void {
    const preset = presetsFor(this.#modality).find((p) => p.id === id);
    if (preset) return this.setWindow(preset);
    const own = this.imagePresets.find((p) => p.id === id);
    if (own?.window) this.setWindow(own.window);
    else if (own?.voiLut !== undefined) this.#controller.showVoiLut(own.voiLut);
  }

  /** The windows and VOI LUTs of the image shown, as the file gives them. */
  get imagePresets(): ImagePreset[] {
    const frame = this.#controller.frames[this.view?.index ?? 0];
    return frame ? imagePresets(frame.metadata, this.#controller.voiLuts()) : [];
  }

  /**
   * Changes the window without dragging (a single-pointer and keyboard alternative): the level by
   * `levelSteps` tenths of the width, the width by `widthFactor`.
   */
  adjustWindow(levelSteps: number, widthFactor = 1): void {
    const { center, width } = this.#controller.state().window;
    this.setWindow({ center: center + (levelSteps * width) / 10, width: Math.max(1, width * widthFactor) });
  }

  /** Removes the measurements the user selected; fires `rad-measurement-removed` for each. */
  deleteSelectedMeasurements(): number {
    return this.#controller.removeSelectedMeasurements();
  }

  /** Undoes the last measurement change. */
  undo(): void {
    this.#controller.undo();
  }

  /** Inverts the greys (or puts them back). */
  invert(): void {
    this.#controller.setInvert(!this.#controller.state().invert);
  }

  /** Zooms by `factor` (2: twice as large) about the image area's centre. */
  zoomBy(factor: number): void {
    this.#controller.zoomBy(factor);
  }

  /** Moves the image by `dx`, `dy` CSS pixels. */
  panBy(dx: number, dy: number): void {
    this.#controller.panBy(dx, dy);
  }

  /** Rotates the image clockwise by `degrees` (default 90). */
  rotate(degrees = 90): void {
    this.#controller.rotateBy(degrees);
  }

  /** Mirrors the image left–right (`horizontal`) or top–bottom (`vertical`). */
  flip(direction: 'horizontal' | 'vertical'): void {
    this.#controller.flip(direction);
  }

  /** Back to the image as loaded: fitted, unrotated, the default window. */
  reset(): void {
    this.#controller.reset();
  }

  /** Shows image `index` (0-based) of the series; resolves once it is drawn. */
  async showImage(index: number): Promise<void> {
    await this.#controller.scrollTo(index);
    // A failed image draws nothing, so no render event brings its state.
    this.view = this.#controller.state();
  }

  /** Moves `delta` images through the series. */
  stepImage(delta: number): Promise<void> {
    return this.showImage(this.#controller.state().index + delta);
  }

  /**
   * Plays the frames as a cine loop at `fps` (default: `cine-fps`, else the series' Frame Time,
   * else 10). A measuring tool pressed on the image pauses it, so that what is drawn stays on the
   * image it was drawn on.
   */
  play(fps = this.cineFps ?? this.#defaultFps): void {
    this.#cine.play(fps);
  }

  /** Stops the cine loop on the frame shown. */
  pause(): void {
    this.#cine.pause();
  }

  /** Whether cine is running. */
  get playing(): boolean {
    return this.#cine.playing;
  }

  /** Pauses cine when a measuring tool is pressed on the image (before Cornerstone sees the press). */
  #pauseToMeasure(): void {
    if (this.playing && (MEASUREMENT_TOOLS as readonly string[]).includes(this.activeTool)) this.pause();
  }

  /** The rate cine plays at: `cine-fps`, else the series' own. */
  get cineRate(): number {
    return this.playing ? this.#cine.fps : (this.cineFps ?? this.#defaultFps);
  }

  get #defaultFps(): number {
    const metadata = this.#controller.frames[0]?.metadata;
    const frameTime = metadata && numberValue(metadata, '00181063');
    return frameTime ? 1000 / frameTime : (metadata && numberValue(metadata, '00180040')) || 10;
  }

  get #modality(): string | undefined {
    const metadata = this.#controller.frames[0]?.metadata;
    return metadata && stringValue(metadata, '00080060');
  }

  /** The measurements on this viewport's images. */
  getMeasurements(): RadMeasurement[] {
    return this.#controller.measurements();
  }

  /**
   * Replaces the measurements with these (tool, image-coordinate handles, instance and frame);
   * their values are computed again from the images. Resolves once they are drawn.
   */
  async setMeasurements(measurements: readonly MeasurementInput[]): Promise<RadMeasurement[]> {
    this.clearMeasurements();
    const drawn = new Promise((resolve) => this.addEventListener('rad-image-rendered', resolve, { once: true }));
    this.#controller.addMeasurements(measurements);
    await drawn;
    // Cornerstone computes ROI statistics when it draws the annotations, a frame or two later.
    for (let frame = 0; frame < 60 && !this.getMeasurements().every(hasStatistics); frame++)
      await new Promise(requestAnimationFrame);
    return this.getMeasurements();
  }

  /**
   * The measurements as a DICOM SR Imaging Measurement Report (TID 1500, Comprehensive SR), a
   * Part 10 file ready for STOW-RS; `loadMeasurementsSR` draws them again.
   */
  async exportMeasurementsSR(): Promise<ArrayBuffer> {
    const frames = this.#controller.frames;
    const first = frames[0]?.metadata;
    if (!first) throw new DicomWebError('not-configured', 0, '', 'no series loaded');
    const dataset = measurementReportDataset(this.getMeasurements(), {
      identity: {
        ...(await studyIdentityOf(first)),
        StudyInstanceUID: stringValue(first, '0020000D') ?? this.studyUid,
      },
      sopClassOf: (uid) => stringValue(frames.find((f) => f.sopInstanceUID === uid)?.metadata ?? {}, '00080016') ?? '',
      seriesOf: () => this.seriesUid,
      newUid,
      now: new Date(),
    });
    return writePart10(dataset);
  }

  /** Draws the measurements of a TID 1500 report (as written by `exportMeasurementsSR`). */
  async loadMeasurementsSR(part10: ArrayBuffer): Promise<RadMeasurement[]> {
    return this.setMeasurements(measurementsFromReport(await readPart10(part10)));
  }

  /** Removes every measurement of the series. */
  clearMeasurements(): void {
    for (const m of this.getMeasurements()) this.#controller.removeMeasurement(m.id);
  }

  /**
   * The decoded value of the pixel at image point [column, row] of the image shown (0-based; a
   * fractional point picks the pixel it falls in), in modality units after the rescale: HU for CT,
   * SUVbw for PET with SUV, else the Rescale Type (or 'US', unspecified). Undefined outside the
   * image, for colour images and before the image has loaded.
   */
  modalityValueAt(point: readonly [number, number]): ModalityValue | undefined {
    return this.#controller.modalityValueAt(point);
  }

  /** Canvas position (CSS px within the image area) of image point [column, row]; for hosts and tests. */
  imageToCanvas(point: readonly [number, number]): [number, number] | undefined {
    return this.#controller.imageToCanvas(point);
  }

  /** The canvas the image is drawn on. */
  get canvas(): HTMLCanvasElement | undefined {
    return this.#controller.canvas;
  }

  #onKeydown(event: KeyboardEvent): void {
    const action = keyAction(this, event, presetsFor(this.#modality));
    if (!action) return;
    event.preventDefault();
    void action();
  }

  protected override render() {
    return html`<div class="frame">
      <slot name="toolbar">${renderToolbar(this, { presets: presetsFor(this.#modality), hasOverlayPlanes: this.hasOverlayPlanes, imageCount: this.view?.count ?? 0 })}</slot>
      ${this.noSize ? html`<div part="no-size error" class="no-size" role="alert">${errorMessage(new ViewerError('no-size'))}</div>` : nothing}
      <div part="viewport" tabindex="0" role="img" aria-label=${this.#imageLabel()} @keydown=${this.#onKeydown} @pointerdown=${{ handleEvent: () => this.#pauseToMeasure(), capture: true }}>
        <div class="cornerstone" ?data-stale=${this.view?.failed}></div>
        <canvas part="overlay-planes" aria-hidden="true"></canvas>
        <canvas part="first-image" aria-hidden="true"></canvas>
        ${
          this.view?.failed
            ? html`<div part="image-error error" class="state" role="alert">
              ${imageFailedLabel(this.view.index + 1, this.view.count)} ${errorMessage(this.#imageErrors.get(this.view.index))}
            </div>`
            : nothing
        }
        ${this.#overlay()}
        ${this.#series.render({
          pending: () => html`<div class="state" role="status">${texts().loading}</div>`,
          error: (error) =>
            html`<div part="error" class="state" role="alert" data-kind=${error instanceof DicomWebError || error instanceof ViewerError ? error.kind : 'unknown'}>${errorMessage(error)}</div>`,
        })}
        ${
          this.progress && this.progress.loaded < this.progress.total
            ? html`<progress part="progress" max=${this.progress.total} .value=${this.progress.loaded} aria-label=${texts().imagesLoaded}></progress>`
            : nothing
        }
      </div>
      ${
        this.view && this.view.count > 1
          ? html`<input
            part="scrollbar"
            type="range"
            min="0"
            max=${this.view.count - 1}
            .value=${String(this.view.index)}
            aria-label=${texts().scrollbar}
            @input=${(e: Event) => this.showImage(Number((e.target as HTMLInputElement).value))}
          />`
          : nothing
      }
    </div>`;
  }

  #imageLabel(): string {
    const view = this.view;
    return view && view.count ? imageLabel(view.index + 1, view.count) : texts().empty;
  }

  #overlay() {
    const frame = this.view && this.#controller.frames[this.view.index];
    if (!this.overlays || !this.view || !frame) return nothing;
    const areaWidth = this.renderRoot.querySelector('.cornerstone')?.clientWidth ?? 0;
    return renderOverlay(frame, this.view, { areaWidth, suvUnavailable: this.suvUnavailable });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-viewport': RadViewport;
  }
}

declare module '@telerad/core' {
  interface RadEventMap {
    'rad-load-progress': LoadProgressDetail;
    'rad-first-image': FirstImageDetail;
    'rad-image-rendered': ImageRenderedDetail;
    'rad-measurement-added': MeasurementDetail;
    'rad-cine-change': CineChangeDetail;
    'rad-measurement-modified': MeasurementDetail;
    'rad-measurement-removed': MeasurementDetail;
  }
}
