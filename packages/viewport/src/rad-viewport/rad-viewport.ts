import { consume } from '@lit/context';
import { localized } from '@lit/localize';
import { dicomWebContext, readPart10, surface, tokens, ViewerError, type DicomWebService } from '@telerad/core';
import { nothing } from 'lit';
import { state } from 'lit/decorators/state.js';
import { renderingContext, type RenderingGroup } from '../rad-rendering-group/rendering-context.js';
import { CineController } from './cine-controller.js';
import { measurementReportFile, measurementsFromReport } from './measurement-report.js';
import type { MeasurementInput, RadMeasurement } from './measurements.js';
import type { ModalityValue } from './modality-value.js';
import { imagePresets, presetsOfSeries, type ImagePreset, type WindowLevel } from './presets.js';
import { styles } from './rad-viewport.styles.js';
import type { StackFrame } from './series-stack.js';
import type { ViewState } from './viewport-controller.js';
import { FusionController } from './fusion-controller.js';
import { ReformatController } from './reformat-controller.js';
import { RadViewportSettings } from './rad-viewport-settings.js';
import { sliceLabel } from './messages.js';
import { reformatOverlay, reformatViewState } from './reformat-view.js';
import { handleViewportKey, renderToolbar, seriesFrameRate } from './viewport-controls.js';
import { ViewportEngine } from './viewport-engine.js';
import './viewport-events.js';
import { renderOverlay } from './viewport-overlay.js';
import { renderViewportFrame, seriesStates } from './viewport-view.js';

export type { ImageRenderedDetail, LoadProgressDetail, MeasurementDetail } from './viewport-events.js';

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
 * @fires {CustomEvent<FirstImageDetail>} rad-first-image - The series' first image is on screen: drawn early (its bytes
 *   drawn exactly, before the engine had loaded; `early: true`) or by the engine.
 * @fires {CustomEvent<ImageRenderedDetail>} rad-image-rendered - A stack image was drawn (after scroll, window, zoom…).
 * @fires {CustomEvent<ViewChangeDetail>} rad-view-change - The view asked for (`view`) is shown, or the stack
 *   instead and why.
 * @fires {CustomEvent<ReformatRenderedDetail>} rad-reformat-rendered - A reformat was drawn (scroll, window, slab…).
 * @fires {CustomEvent<FusionRenderedDetail>} rad-fusion-rendered - A fused series was blended onto the plane.
 * @fires {CustomEvent<CineChangeDetail>} rad-cine-change - Cine played, paused (also for measuring) or changed rate.
 * @fires {CustomEvent<MeasurementDetail>} rad-measurement-added - A measurement was completed.
 * @fires {CustomEvent<MeasurementDetail>} rad-measurement-modified - A measurement was moved or resized.
 * @fires {CustomEvent<MeasurementDetail>} rad-measurement-removed - A measurement was deleted.
 * @fires {CustomEvent<RadErrorDetail>} rad-error - The series could not be loaded or shown (`source: 'archive'`), the
 *   viewer failed (`source: 'viewer'`, kind `client`), or the image area has no size (kind `no-size`).
 *
 * @csspart toolbar - The default toolbar (replace it through the `toolbar` slot).
 * @csspart viewport - The image area.
 * @csspart overlay - The four-corner text.
 * @csspart scrollbar - The image slider.
 * @csspart progress - The loading progress bar.
 * @csspart error - The error state; also on `no-size` and `image-error`, so `::part(error)` styles every failure.
 * @csspart overlay-planes - The image's overlay planes, drawn over it pixel for pixel.
 * @csspart first-image - The series' first image drawn before the engine loaded, until the engine draws it.
 * @csspart refusal - Says why the plane asked for (`view`), or the fusion (`fusion-series-uid`), is not shown.
 * @csspart no-size - Said above the image area while it has no size (the host gives it no height or width).
 * @csspart image-error - Said over the image area when the image scrolled to failed to load.
 *
 * @cssprop --rad-viewport-background - Background of the image area (default black).
 * @cssprop --rad-viewport-overlay-color - Colour of the overlay text.
 *
 * @slot toolbar - Replaces the default toolbar.
 */
@localized()
export class RadViewport extends RadViewportSettings {
  static override styles = [tokens, surface, styles];

  @consume({ context: dicomWebContext, subscribe: true })
  @state()
  private contextService?: DicomWebService;
  /** Whether the image shown has overlay planes (the toolbar offers the toggle only then). */
  @state() private hasOverlayPlanes = false;

  /** The engine group of an enclosing `<rad-rendering-group>`, if any. */
  @consume({ context: renderingContext })
  private renderingGroup?: RenderingGroup;

  @state() private shown?: ViewState;
  @state() private progress?: { loaded: number; total: number };
  /** Why a PET series has no SUV (missing radiopharmaceutical data…), shown in the overlay. */
  @state() private suvUnavailable?: string;

  #cine = new CineController(this, {
    position: () => this.#controller.state(),
    showImage: (index) => this.showImage(index),
    changed: (detail) => this.emit('rad-cine-change', detail),
  });
  #engine = new ViewportEngine({
    host: this,
    source: () => [this.service ?? this.contextService, this.studyUid, this.seriesUid, this.imageIds],
    service: () => this.service ?? this.contextService,
    options: () => ({ codecBasePath: this.codecBasePath, cpuRendering: this.cpuRendering }),
    renderingGroup: () => this.renderingGroup,
    overlayPlanesOn: () => this.overlayPlanes,
    askForFreshToken: (operation) => this.askForFreshToken(operation),
    request: (operation, call) => this.withAuthRetry(operation, call),
    emitError: (error, operation) => this.emitError(error, operation),
    lateService: (late) => (this.contextService = late),
    cacheMb: () => this.cacheSize,
    activeTool: () => this.activeTool,
    stopCine: () => this.pause(),
    planeAsked: () => this.planeAsked,
    rendered: (view, frame, hasOverlayPlanes) => {
      this.shown = view;
      this.hasOverlayPlanes = hasOverlayPlanes;
      if (frame) this.emit('rad-image-rendered', { ...view, sopInstanceUID: frame.sopInstanceUID, frame: frame.frame });
    },
    firstImage: (detail) => this.emit('rad-first-image', detail),
    measurementChanged: (change, measurement) => this.emit(`rad-measurement-${change}`, { measurement }),
    noSize: (none) => (this.noSize = none),
    started: (suvUnavailable) => (this.suvUnavailable = suvUnavailable),
    progress: (loaded, total) => this.emit('rad-load-progress', (this.progress = { loaded, total })),
  });
  #controller = this.#engine.controller;
  #reformat = new ReformatController({
    host: this,
    engine: this.#engine,
    settings: () => this.reformatSettings,
    emit: (type, detail) => this.emit(type, detail),
    failed: (error) => this.emitError(ViewerError.client(error), 'reformat'),
    activeTool: () => this.activeTool,
    group: () => this.renderingGroup,
    crosshairs: () => this.crosshairs,
    pet: () => this.#fusion.petUnder(),
  });
  #fusion: FusionController = new FusionController({
    host: this,
    engine: this.#engine,
    reformat: this.#reformat,
    settings: () => this.fusionSettings,
    plane: () => this.view,
    studyUid: () => this.studyUid,
    service: () => this.service ?? this.contextService,
    emit: (type, detail) => this.emit(type, detail),
    failed: (error) => this.emitError(error, 'load-fusion-series'),
  });

  @state() private noSize = false;

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('activeTool')) this.#controller.setPrimaryTool(this.activeTool);
    if (changed.has('cacheSize')) this.#controller.setCacheSize(this.cacheSize);
    if (changed.has('interpolation'))
      this.#controller.setInterpolation(this.interpolation === 'nearest' ? 'nearest' : 'linear');
    if (changed.has('overlayPlanes') && this.shown)
      this.hasOverlayPlanes = this.#engine.showOverlayPlanes(this.#controller.frames[this.shown.index]);
    // A new rate while playing takes effect at once.
    if (changed.has('cineFps') && this.playing && this.cineFps) this.play(this.cineFps);
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
    await this.#engine.series.taskComplete;
  }

  /**
   * Sets the window (PS3.3 C.11.2.1.2.1, linear; width 1 is a threshold at center − 0.5), leaving a
   * VOI LUT the image was shown through.
   */
  setWindow(window: WindowLevel): void {
    if (this.#reformat.plane) return this.#reformat.setWindow(window);
    this.#controller.setWindow(window);
  }

  /**
   * Applies a preset of the current modality (e.g. 'lung' for CT) or one the image carries
   * (`file-window-N`, `voi-lut-N`: see `imagePresets`).
   */
  applyPreset(id: string): void {
    const preset = presetsOfSeries(this.frames[0]?.metadata).find((p) => p.id === id);
    if (preset) return this.setWindow(preset);
    const own = this.imagePresets.find((p) => p.id === id);
    if (own?.window) this.setWindow(own.window);
    else if (own?.voiLut !== undefined) this.#controller.showVoiLut(own.voiLut);
  }

  /** The windows and VOI LUTs of the image shown, as the file gives them. */
  get imagePresets(): ImagePreset[] {
    const frame = this.#controller.frames[this.shown?.index ?? 0];
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
    return this.#controller.annotations.removeSelected();
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
    (this.#reformat.plane ? this.#reformat : this.#controller).zoomBy(factor);
  }

  /** Moves the image by `dx`, `dy` CSS pixels. */
  panBy(dx: number, dy: number): void {
    (this.#reformat.plane ? this.#reformat : this.#controller).panBy(dx, dy);
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
    (this.#reformat.plane ? this.#reformat : this.#controller).reset();
  }

  /** Shows image `index` (0-based) of the series; resolves once it is drawn. */
  async showImage(index: number): Promise<void> {
    if (this.#reformat.plane) return this.#reformat.showSlice(index);
    await this.#controller.scrollTo(index);
    // A failed image draws nothing, so no render event brings its state.
    this.shown = this.#controller.state();
  }

  /** Moves `delta` images through the series (slices through a reformat). */
  stepImage(delta: number): Promise<void> {
    return this.showImage((this.#reformat.state()?.sliceIndex ?? this.#controller.state().index) + delta);
  }

  /**
   * Plays the frames as a cine loop at `fps` (default: `cine-fps`, else the series' Frame Time,
   * else 10). A measuring tool pressed on the image pauses it, so that what is drawn stays on the
   * image it was drawn on.
   */
  play(fps = this.cineFps ?? seriesFrameRate(this.frames[0]?.metadata)): void {
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

  /** The rate cine plays at: `cine-fps`, else the series' own. */
  get cineRate(): number {
    return this.playing ? this.#cine.fps : (this.cineFps ?? seriesFrameRate(this.frames[0]?.metadata));
  }

  /** The measurements on this viewport's images, and on its reformat (with their patient-space `points`). */
  getMeasurements(): RadMeasurement[] {
    return [...this.#controller.annotations.measurements(), ...this.#reformat.measurements.list()];
  }

  /**
   * Replaces the measurements with these (tool, image-coordinate handles, instance and frame);
   * their values are computed again from the images. Resolves once they are drawn.
   */
  async setMeasurements(measurements: readonly MeasurementInput[]): Promise<RadMeasurement[]> {
    const onImages = await this.#engine.drawMeasurements(measurements.filter((m) => !m.points));
    const onPlanes = measurements.filter((m) => m.points && m.view);
    if (!onPlanes.length) return onImages;
    return [...onImages, ...(await this.#reformat.drawMeasurements(onPlanes, (plane) => (this.view = plane)))];
  }

  /**
   * The measurements as a DICOM SR Imaging Measurement Report (TID 1500, Comprehensive SR), a
   * Part 10 file ready for STOW-RS; `loadMeasurementsSR` draws them again. A reformat's
   * measurements are SCOORD3D in the frame of reference (Comprehensive 3D SR), drawn again on their plane.
   */
  async exportMeasurementsSR(): Promise<ArrayBuffer> {
    return measurementReportFile(this.getMeasurements(), this.#controller.frames, this.studyUid, this.seriesUid);
  }

  /** Draws the measurements of a TID 1500 report (as written by `exportMeasurementsSR`). */
  async loadMeasurementsSR(part10: ArrayBuffer): Promise<RadMeasurement[]> {
    return this.setMeasurements(measurementsFromReport(await readPart10(part10)));
  }

  /** Removes every measurement of the series (and of its reformat). */
  clearMeasurements(): void {
    for (const m of this.getMeasurements()) this.#controller.annotations.remove(m.id);
    this.#reformat.render();
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

  /** The canvas the image is drawn on (the reformat's, or the fused image, while one is shown). */
  get canvas(): HTMLCanvasElement | undefined {
    return this.#fusion.canvas ?? this.#reformat.shownView?.viewport.canvas ?? this.#controller.canvas;
  }

  /** The fusion (`fusion-series-uid` on a plane): its `state()`, `drawn()` and PET `layer`. */
  get fusion(): FusionController {
    return this.#fusion;
  }

  /**
   * The reformat (`view` a plane): its `state()`, `moveTo(point)` through a patient point,
   * `showSlice`, `patientToCanvas` and `canvasToPatient`.
   */
  get reformat(): ReformatController {
    return this.#reformat;
  }

  protected override render() {
    const reformat = this.#reformat.state();
    const view = reformat && this.shown ? reformatViewState(this.shown, reformat) : this.shown;
    // Known from the metadata before any image is shown: the toolbar and the slider keep their place.
    const presets = presetsOfSeries((this.frames[0] ?? this.#engine.knownFrames[0])?.metadata);
    const images = view?.count ?? this.#engine.knownFrames.length;
    const toolbar = { presets, hasOverlayPlanes: this.hasOverlayPlanes, imageCount: images };
    const frame = view && this.frames[reformat ? 0 : view.index];
    const areaWidth = this.renderRoot.querySelector('.cornerstone')?.clientWidth ?? 0;
    const overlayContext = {
      areaWidth,
      suvUnavailable: this.suvUnavailable,
      reformat: reformat && reformatOverlay(reformat),
    };
    return renderViewportFrame(
      {
        view,
        images,
        noSize: this.noSize,
        imageError: view?.failed ? this.#engine.imageErrors.get(view.index) : undefined,
        progress: this.progress,
        toolbar: renderToolbar(this, toolbar),
        overlay: this.overlays && view && frame ? renderOverlay(frame, view, overlayContext) : nothing,
        reformat:
          overlayContext.reformat && view && sliceLabel(overlayContext.reformat.name, view.index + 1, view.count),
        refusal: this.#reformat.refusal ?? this.#fusion.refusal,
        referenceLines: this.#reformat.referenceLines(),
        seriesState: this.#engine.series.render(seriesStates),
      },
      {
        keydown: (event) => handleViewportKey(this, event, presets),
        pointerdown: () => this.#cine.pauseToMeasure(this.activeTool),
        showImage: (index) => void this.showImage(index),
      },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-viewport': RadViewport;
  }
}
