import type { Types } from '@cornerstonejs/core';
import { DicomWebError, fileFault, stringValue, type ViewerError } from '@telerad/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { alignCpuGeometry, fittedZoom } from './cpu-geometry.js';
import type { ModalityValue } from './modality-value.js';
import type { RenderingGroup } from '../rad-rendering-group/rendering-context.js';
import {
  loadCornerstone,
  type CornerstoneRuntime,
  type EngineSource,
  type RuntimeOptions,
} from './cornerstone-runtime.js';
import type { SeriesRetrieval } from './series-retrieve.js';
import { framesThatFit, prefetchSeries } from './series-prefetch.js';
import { MEASUREMENT_TOOLS, type MeasurementInput, type MeasurementTool, type RadMeasurement } from './measurements.js';
import type { WindowLevel } from './presets.js';
import { AnnotationBridge, type Annotation } from './annotation-bridge.js';
import { GreyMapping } from './grey-mapping.js';
import type { StackFrame } from './series-stack.js';
import { voiRangeOf, windowOfRange } from './voi-range.js';
import { restoreCpuInversion, type VoiLut } from './voi-lut.js';

/** `linear`: smooth resampling; `nearest`: each image pixel a block of one grey (pixel-exact reading). */
export type Interpolation = 'linear' | 'nearest';

/** Tools the controller registers: navigation plus the measurement tools. */
const NAVIGATION_TOOLS = ['WindowLevel', 'Pan', 'Zoom', 'StackScroll', 'PlanarRotate'] as const;
export type ViewportTool = (typeof NAVIGATION_TOOLS)[number] | MeasurementTool;

/** What the controller tells its element. */
export interface ViewportListener {
  rendered(state: ViewState): void;
  /** Image `index` could not be loaded; `first` the first time it failed. */
  imageFailed(index: number, error: unknown, first: boolean): void;
  measurementChanged(change: 'added' | 'modified' | 'removed', measurement: RadMeasurement): void;
  /** The image area's size in CSS pixels, whenever it changes (0 when the host's CSS gives it none). */
  sized(width: number, height: number): void;
}

/** What the overlays show and tests read. */
export interface ViewState {
  /** Directions of screen right and screen up in patient coordinates (LPS), when the image has an orientation. */
  screenRight?: number[];
  screenUp?: number[];
  /** Canvas pixels per image pixel. */
  scale: number;
  index: number;
  count: number;
  /** Whether image `index` failed to load (the canvas still holds the previous image). */
  failed: boolean;
  window: WindowLevel;
  /** The VOI LUT shown instead of the window: its index in the VOI LUT Sequence and its LUT Explanation. */
  voiLut?: { index: number; explanation?: string };
  invert: boolean;
  zoom: number;
  rotation: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
}

let nextId = 0;

/**
 * Owns one Cornerstone3D stack viewport and its tool group: created once the element has a size,
 * resized by a debounced ResizeObserver, disposed on disconnect (tool group, viewport, listeners;
 * the page's rendering engine and its WebGL context go with the last viewport).
 */
export class ViewportController implements ReactiveController {
  readonly viewportId = `rad-viewport-${++nextId}`;
  #runtime?: CornerstoneRuntime;
  #viewport?: Types.IStackViewport;
  #element?: HTMLElement;
  #frames: StackFrame[] = [];
  #resizeObserver?: ResizeObserver;
  #resizeTimer?: ReturnType<typeof setTimeout>;
  #interpolation: Interpolation = 'linear';
  #ready?: Promise<void>;
  #connected = false;
  #cleanups: (() => void)[] = [];
  #engineSource?: EngineSource;
  /** Images (by index) whose last load failed, and those whose failure was reported. */
  #failures = new Set<number>();
  /** Each failed image's failure as first reported (an image that failed at once fails its series with it). */
  #firstFailures = new Map<number, DicomWebError | ViewerError>();
  #reported = new Set<number>();
  /** How the image shown maps values to grey (window, VOI LUT, threshold, CPU SIGMOID). */
  readonly #grey = new GreyMapping({
    runtime: () => this.#runtime,
    viewport: () => this.#viewport,
    frame: () => this.#frames[this.#viewport?.getCurrentImageIdIndex() ?? -1],
  });
  /** Cornerstone's annotations on this viewport's frames, as measurements. */
  readonly #bridge = new AnnotationBridge({
    runtime: () => this.#runtime,
    viewport: () => this.#viewport,
    element: () => this.#element,
    frames: () => this.#frames,
  });

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => HTMLElement | null,
    private readonly listener: ViewportListener,
    private readonly options: () => RuntimeOptions,
    private readonly group: () => RenderingGroup | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.dispose();
  }

  get frames(): readonly StackFrame[] {
    return this.#frames;
  }

  get runtime(): CornerstoneRuntime | undefined {
    return this.#runtime;
  }

  /** Creates the viewport once the target has a non-zero size; resolves when it exists. */
  ready(): Promise<void> {
    this.#ready ??= new Promise<void>((resolve, reject) => {
      let creating = false;
      const element = this.target();
      if (!element) return reject(new Error('viewport element missing'));
      this.#resizeObserver = new ResizeObserver(([entry]) => {
        const { width, height } = entry.contentRect;
        this.listener.sized(width, height);
        if (width === 0 || height === 0) return;
        if (!this.#viewport) {
          if (creating) return;
          creating = true;
          // Not inside the observer's callback: creating the viewport lays out what it observes
          // (the browser would report a ResizeObserver loop).
          requestAnimationFrame(() => this.#create(element).then(resolve, reject));
        } else {
          clearTimeout(this.#resizeTimer);
          this.#resizeTimer = setTimeout(() => this.#resizeEngine(), 60);
        }
      });
      this.#resizeObserver.observe(element);
    });
    return this.#ready;
  }

  /**
   * Resizes the canvases of the shared engine. Cornerstone keeps each camera's scale in mm, which
   * crops a fitted image when its viewport narrows (a 1×1 grid becoming 1×2); the view presentation
   * (zoom and pan relative to the fit) is what the reader chose, so that is kept instead.
   */
  #resizeEngine(): void {
    const engine = this.#viewport?.getRenderingEngine();
    if (!engine) return;
    // Every viewport's controller asks when a layout changes; only the first finds canvases to resize
    // (Cornerstone draws nothing when there are none), and only those viewports are drawn again.
    const resized = engine
      .getViewports()
      .filter(
        ({ canvas, element }) =>
          canvas.width !== Math.round(element.clientWidth * devicePixelRatio) ||
          canvas.height !== Math.round(element.clientHeight * devicePixelRatio),
      )
      // Only a viewport showing an image has a presentation to keep: one still loading its first
      // image (a resize right after the stack was set) is fitted when the image arrives, and its
      // presentation read now would be a meaningless one.
      .map((viewport) => ({
        viewport,
        presentation: (viewport as Types.IStackViewport).getImageData?.() ? viewport.getViewPresentation() : undefined,
      }));
    engine.resize(true, true);
    for (const { viewport, presentation } of resized) {
      if (presentation) viewport.setViewPresentation(presentation);
      viewport.render();
    }
  }

  async #create(element: HTMLElement): Promise<void> {
    const runtime = await loadCornerstone(this.options());
    if (!this.#connected) return;
    this.#runtime = runtime;
    const { core, tools } = runtime;
    const source = this.group()?.sourceFor(runtime) ?? runtime.pageEngine;
    this.#engineSource = source;
    const engine = source.acquire();
    engine.enableElement({
      viewportId: this.viewportId,
      element: element as HTMLDivElement,
      type: core.Enums.ViewportType.STACK,
    });
    this.#element = element;
    this.#viewport = engine.getViewport(this.viewportId) as Types.IStackViewport;
    if (core.getShouldUseCPURendering()) alignCpuGeometry(this.#viewport);
    this.#setUpTools(runtime, engine.id);
    const onRendered = () => {
      // A drawing of the empty viewport (a resize before its first image has arrived) is not an image rendered.
      if (!this.#viewport?.getImageData()) return;
      const grey = this.#grey;
      if (grey.redrawVoiLut() || grey.mendDegenerate() || this.#applyInterpolation() || grey.redrawCpuSigmoid())
        return this.#viewport?.render();
      grey.drawn();
      this.listener.rendered(this.state());
    };
    element.addEventListener(core.Enums.Events.IMAGE_RENDERED, onRendered);
    this.#cleanups.push(() => element.removeEventListener(core.Enums.Events.IMAGE_RENDERED, onRendered));
    // An image drawn at last (a retry that worked) is no longer failed.
    const onNewImage = (event: Event) =>
      this.#failures.delete((event as CustomEvent<{ imageIdIndex: number }>).detail.imageIdIndex);
    element.addEventListener(core.Enums.Events.STACK_NEW_IMAGE, onNewImage);
    this.#cleanups.push(() => element.removeEventListener(core.Enums.Events.STACK_NEW_IMAGE, onNewImage));
    // A window set by a tool (a W/L drag) replaces the LUT.
    const onVoiModified = (event: Event) =>
      this.#grey.windowSet((event as CustomEvent<{ range: Types.VOIRange }>).detail.range);
    element.addEventListener(core.Enums.Events.VOI_MODIFIED, onVoiModified);
    this.#cleanups.push(() => element.removeEventListener(core.Enums.Events.VOI_MODIFIED, onVoiModified));
    const events = tools.Enums.Events;
    for (const [type, change] of [
      [events.ANNOTATION_COMPLETED, 'added'],
      [events.ANNOTATION_MODIFIED, 'modified'],
      [events.ANNOTATION_REMOVED, 'removed'],
    ] as const) {
      const handler = async (event: Event) => {
        const measurement = await this.#bridge.changed(
          change,
          (event as CustomEvent<{ annotation: Annotation }>).detail.annotation,
        );
        if (measurement) this.listener.measurementChanged(change, measurement);
      };
      core.eventTarget.addEventListener(type, handler);
      this.#cleanups.push(() => core.eventTarget.removeEventListener(type, handler));
    }
  }

  #setUpTools({ tools }: CornerstoneRuntime, engineId: string): void {
    for (const name of [...NAVIGATION_TOOLS, ...MEASUREMENT_TOOLS]) {
      const toolClass = (tools as unknown as Record<string, { toolName: string }>)[`${name}Tool`];
      // addTool is global and throws on a second registration.
      if (!tools.state.tools[toolClass.toolName]) tools.addTool(toolClass as never);
    }
    const group = tools.ToolGroupManager.createToolGroup(this.viewportId);
    if (!group) throw new Error('tool group could not be created');
    for (const name of [...NAVIGATION_TOOLS, ...MEASUREMENT_TOOLS]) group.addTool(name);
    // Not inverted: Cornerstone's own direction is already wheel down (and drag down) = next image,
    // as in most reading software and as ArrowDown. (A synthetic WheelEvent, which lacks the legacy
    // wheelDelta fields, reads the other way round: test with real input.)
    const { MouseBindings } = tools.Enums;
    group.setToolActive('WindowLevel', { bindings: [{ mouseButton: MouseBindings.Primary }] });
    group.setToolActive('Pan', { bindings: [{ mouseButton: MouseBindings.Auxiliary }, { numTouchPoints: 3 }] });
    // Touch: pinch zooms, three fingers pan; one finger drives the active tool like the mouse.
    group.setToolActive('Zoom', { bindings: [{ mouseButton: MouseBindings.Secondary }, { numTouchPoints: 2 }] });
    group.setToolActive('StackScroll', { bindings: [{ mouseButton: MouseBindings.Wheel }] });
    for (const name of MEASUREMENT_TOOLS) group.setToolPassive(name);
    group.addViewport(this.viewportId, engineId);
  }

  /** Bounds the page's image cache to `megabytes` (positive; anything else is ignored). */
  /** How images are resampled for display: kept through new images and resets. */
  setInterpolation(interpolation: Interpolation): void {
    this.#interpolation = interpolation;
    if (this.#applyInterpolation()) this.#viewport?.render();
  }

  /** Writes the interpolation asked for where Cornerstone has another (a new image, a reset); true if it did. */
  #applyInterpolation(): boolean {
    const viewport = this.#viewport;
    const types = this.#runtime?.core.Enums.InterpolationType;
    if (!viewport || !types) return false;
    const wanted = this.#interpolation === 'nearest' ? types.NEAREST : types.LINEAR;
    if (viewport.getProperties().interpolationType === wanted) return false;
    viewport.setProperties({ interpolationType: wanted });
    return true;
  }

  setCacheSize(megabytes: number): void {
    const cache = this.#runtime?.core.cache;
    if (!cache || !Number.isFinite(megabytes) || megabytes <= 0) return;
    cache.setMaxCacheSize(megabytes * 2 ** 20);
    // A smaller bound holds at once, not only when the next image arrives.
    cache.decacheIfNecessaryUntilBytesAvailable(0);
  }

  /** Makes `tool` the primary-button tool; measurement tools keep their annotations editable. */
  setPrimaryTool(tool: ViewportTool): void {
    const group = this.#runtime?.tools.ToolGroupManager.getToolGroup(this.viewportId);
    if (!group || !this.#runtime) return;
    const current = group.getActivePrimaryMouseButtonTool();
    if (current === tool) return;
    if (current)
      group.setToolPassive(current, {
        removeAllBindings: [{ mouseButton: this.#runtime.tools.Enums.MouseBindings.Primary }],
      });
    group.setToolActive(tool, { bindings: [{ mouseButton: this.#runtime.tools.Enums.MouseBindings.Primary }] });
  }

  /** Shows `frames`, starting at `initialIndex`; resolves when that image is displayed. */
  async setStack(frames: StackFrame[], initialIndex: number): Promise<void> {
    this.#frames = frames;
    this.#failures.clear();
    this.#reported.clear();
    this.#firstFailures.clear();
    await this.ready();
    if (!this.#viewport) return;
    await this.#viewport.setStack(
      frames.map((f) => f.imageId),
      initialIndex,
    );
    this.#describe(frames[initialIndex]);
    // Cornerstone reports some failures only to its log (an image its renderer cannot take), others
    // only to the loading ahead: the image's own failure where it had one.
    if (!this.#viewport.getImageData()) throw await this.#whyNotShown(frames[initialIndex], initialIndex);
    this.#showAsLoaded();
    this.#viewport.render();
  }

  /** The VOI LUTs (PS3.3 C.11.2.1.1) of the image shown. */
  voiLuts(): readonly VoiLut[] {
    return this.#grey.voiLuts();
  }

  /** Maps values to grey through VOI LUT `index` of the image shown, instead of a window. */
  showVoiLut(index: number): void {
    this.#grey.showVoiLut(index);
  }

  /** The image's own grey mapping and the interpolation asked for: as loaded, and after a reset. */
  #showAsLoaded(): void {
    this.#grey.showAsLoaded();
    this.#applyInterpolation();
  }

  /** Frames given as WADO-URI image ids learn their attributes from their file once it is loaded. */
  #describe(frame: StackFrame | undefined): void {
    if (!frame || Object.keys(frame.metadata).length || !/^(wadouri|dicomweb|dicomfile):/.test(frame.imageId)) return;
    const described = this.#runtime?.describeFile(frame.imageId);
    if (!described) return;
    frame.metadata = described.metadata;
    frame.suvbw = described.suvbw;
    frame.sopInstanceUID = stringValue(described.metadata, '00080018') ?? '';
  }

  /** Frames `prefetch` loads: the whole series, or as many as the image cache holds. */
  loadAheadCount(): number {
    return this.#runtime
      ? framesThatFit(this.#frames, this.#runtime.core.cache.getMaxCacheSize())
      : this.#frames.length;
  }

  /**
   * Loads every frame that fits into Cornerstone's cache, reporting each settled one; a failure is
   * marked, not fatal (see `prefetchSeries`).
   */
  async prefetch(
    onSettled: (settled: number) => void,
    signal: AbortSignal,
    retrieval?: SeriesRetrieval,
  ): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime) return;
    await prefetchSeries(
      {
        runtime,
        frames: this.#frames,
        capacity: this.loadAheadCount(),
        start: this.#viewport?.getCurrentImageIdIndex() ?? 0,
        loaded: (index) => this.#describe(this.#frames[index]),
        failed: (index, error) => this.#markFailed(index, error),
      },
      onSettled,
      signal,
      retrieval,
    );
  }

  /** Why image `index` was not drawn: its load's failure (asked again where Cornerstone kept it to itself), else unsupported. */
  async #whyNotShown(frame: StackFrame | undefined, index: number): Promise<DicomWebError | ViewerError> {
    const known = this.#firstFailures.get(index);
    if (known || !frame) return known ?? new DicomWebError('unsupported', 0, '', 'no image');
    const failure: unknown = await this.#runtime?.core.imageLoader.loadAndCacheImage(frame.imageId).then(
      () => undefined,
      (error: unknown) => error ?? new Error('the image did not load'),
    );
    if (failure === undefined)
      return new DicomWebError('unsupported', 0, frame.imageId, 'the image could not be drawn');
    this.#markFailed(index, failure);
    return this.#firstFailures.get(index) as DicomWebError | ViewerError;
  }

  #markFailed(index: number, error: unknown): void {
    const first = !this.#reported.has(index);
    // A file that cannot be parsed or decoded is the file's fault, not the archive's (Cornerstone's
    // own loaders reject with { error }).
    const cause = error instanceof Error ? error : ((error as { error?: unknown } | undefined)?.error ?? error);
    const failure = fileFault(cause, this.#frames[index]?.imageId ?? '');
    this.#failures.add(index);
    this.#reported.add(index);
    if (first) this.#firstFailures.set(index, failure);
    this.listener.imageFailed(index, failure, first);
  }

  state(): ViewState {
    const viewport = this.#viewport;
    if (!viewport)
      return {
        scale: 1,
        index: 0,
        count: 0,
        failed: false,
        window: { center: 0, width: 0 },
        invert: false,
        zoom: 1,
        rotation: 0,
        flipHorizontal: false,
        flipVertical: false,
      };
    const properties = viewport.getProperties();
    const { lower = 0, upper = 0 } = properties.voiRange ?? {};
    const camera = viewport.getCamera();
    const frame = this.#frames[viewport.getCurrentImageIdIndex()];
    const oriented = frame && (frame.metadata['00200037']?.Value?.length ?? 0) === 6;
    // Screen directions from the canvas: where one canvas step right and up lands in the world.
    const origin = viewport.canvasToWorld([0, 0]);
    const toRight = viewport.canvasToWorld([1, 0]);
    const toUp = viewport.canvasToWorld([0, -1]);
    const direction = (to: Types.Point3) => {
      const v = [to[0] - origin[0], to[1] - origin[1], to[2] - origin[2]];
      const length = Math.hypot(...v) || 1;
      return v.map((c) => c / length);
    };
    const a = this.imageToCanvas([0, 0]);
    const b = this.imageToCanvas([1, 0]);
    return {
      ...(oriented ? { screenRight: direction(toRight), screenUp: direction(toUp) } : {}),
      scale: a && b ? Math.hypot(b[0] - a[0], b[1] - a[1]) : 1,
      index: viewport.getCurrentImageIdIndex(),
      count: this.#frames.length,
      failed: this.#failures.has(viewport.getCurrentImageIdIndex()),
      window: windowOfRange({ lower, upper }),
      ...(this.#grey.shownVoiLut() ? { voiLut: this.#grey.shownVoiLut() } : {}),
      invert: Boolean(properties.invert),
      zoom: this.#runtime?.core.getShouldUseCPURendering()
        ? fittedZoom(viewport, viewport.getViewPresentation().rotation ?? 0)
        : viewport.getZoom(),
      rotation: (viewport.getViewPresentation().rotation ?? 0) % 360,
      flipHorizontal: Boolean(camera.flipHorizontal),
      flipVertical: Boolean(camera.flipVertical),
    };
  }

  setWindow(window: WindowLevel): void {
    const range = voiRangeOf(window);
    this.#grey.leaveForWindow(range);
    this.#viewport?.setProperties({ voiRange: range });
    this.#viewport?.render();
  }

  setInvert(invert: boolean): void {
    this.#viewport?.setProperties({ invert });
    this.#viewport?.render();
  }

  zoomBy(factor: number): void {
    const viewport = this.#viewport;
    if (!viewport) return;
    viewport.setZoom(viewport.getZoom() * factor);
    viewport.render();
  }

  panBy(dx: number, dy: number): void {
    const viewport = this.#viewport;
    if (!viewport) return;
    const [x, y] = viewport.getPan();
    viewport.setPan([x + dx, y + dy]);
    viewport.render();
  }

  rotateBy(degrees: number): void {
    const viewport = this.#viewport;
    if (!viewport) return;
    const rotation = viewport.getViewPresentation().rotation ?? 0;
    viewport.setViewPresentation({ rotation: (rotation + degrees + 360) % 360 });
    viewport.render();
  }

  flip(direction: 'horizontal' | 'vertical'): void {
    const viewport = this.#viewport;
    if (!viewport) return;
    const camera = viewport.getCamera();
    viewport.setCamera(
      direction === 'horizontal' ? { flipHorizontal: !camera.flipHorizontal } : { flipVertical: !camera.flipVertical },
    );
    viewport.render();
  }

  /** Back to the image as loaded: fitted, unrotated, default window. */
  reset(): void {
    const viewport = this.#viewport;
    if (!viewport) return;
    viewport.resetCamera();
    try {
      viewport.resetProperties();
    } catch {
      // Cornerstone's GPU reset fails after the window and inversion when the grey mapping it made
      // for the image had one node (an image of one value): the mapping is written again below.
    }
    restoreCpuInversion(viewport);
    this.#showAsLoaded();
    viewport.render();
  }

  /**
   * Shows image `index`, resolving once it is drawn (Cornerstone draws in the next animation frame
   * after the image is set); one that fails to load is marked failed (and tried again next time).
   */
  async scrollTo(index: number): Promise<void> {
    const viewport = this.#viewport;
    if (!viewport || this.#frames.length === 0) return;
    const target = Math.max(0, Math.min(this.#frames.length - 1, index));
    // Already shown: nothing will be drawn again.
    const drawn =
      viewport.getCurrentImageIdIndex() === target && viewport.getImageData() ? undefined : this.#drawn(target);
    try {
      await viewport.setImageIdIndex(target);
      await drawn?.promise;
    } catch (error) {
      // A later scroll has moved on: only the image still wanted is marked.
      if (viewport.getCurrentImageIdIndex() === target) this.#markFailed(target, error);
    } finally {
      drawn?.cancel();
    }
  }

  /** Resolves when image `index` is next drawn, or after a second (a scroll that moved on, a lost frame). */
  #drawn(index: number): { promise: Promise<void>; cancel(): void } {
    const element = this.#element;
    const rendered = this.#runtime?.core.Enums.Events.IMAGE_RENDERED;
    let cancel = (): void => undefined;
    const promise = new Promise<void>((resolve) => {
      if (!element || !rendered) return resolve();
      const timer = setTimeout(() => cancel(), 1_000);
      const onRendered = () => {
        if (this.#viewport?.getCurrentImageIdIndex() === index) cancel();
      };
      cancel = () => {
        clearTimeout(timer);
        element.removeEventListener(rendered, onRendered);
        resolve();
      };
      element.addEventListener(rendered, onRendered);
    });
    return { promise, cancel: () => cancel() };
  }

  /** Canvas pixel (CSS px, relative to the viewport element) of an image point [column, row]. */
  imageToCanvas(point: readonly [number, number]): [number, number] | undefined {
    const viewport = this.#viewport;
    const frame = this.#frames[viewport?.getCurrentImageIdIndex() ?? -1];
    if (!viewport || !frame || !this.#runtime) return undefined;
    const world = this.#runtime.core.utilities.imageToWorldCoords(frame.imageId, [point[0], point[1]]);
    return world ? (viewport.worldToCanvas(world) as [number, number]) : undefined;
  }

  get canvas(): HTMLCanvasElement | undefined {
    return this.#viewport?.canvas;
  }

  measurements(): RadMeasurement[] {
    return this.#bridge.measurements();
  }

  /** Adds annotations for measurements given by tool and image-coordinate handles; renders. */
  addMeasurements(items: readonly MeasurementInput[]): void {
    this.#bridge.add(items);
  }

  removeMeasurement(id: string): void {
    this.#bridge.remove(id);
  }

  /** Removes the measurements the user selected (clicked); returns how many. */
  removeSelectedMeasurements(): number {
    return this.#bridge.removeSelected();
  }

  /** Undoes the last annotation change (Cornerstone's history of creations, edits and deletions). */
  undo(): void {
    this.#runtime?.core.utilities.HistoryMemo.DefaultHistoryMemo.undo();
    this.#viewport?.render();
  }

  /** The modality value and its unit of the pixel at image point [column, row] of the image shown. */
  modalityValueAt(point: readonly [number, number]): ModalityValue | undefined {
    return this.#bridge.modalityValueAt(this.#viewport?.getCurrentImageIdIndex() ?? -1, point);
  }

  dispose(): void {
    clearTimeout(this.#resizeTimer);
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = undefined;
    this.#ready = undefined;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    const runtime = this.#runtime;
    if (runtime && this.#viewport) {
      this.#bridge.removeAll();
      runtime.tools.ToolGroupManager.destroyToolGroup(this.viewportId);
      this.#viewport.getRenderingEngine().disableElement(this.viewportId);
      this.#engineSource?.release();
      this.#engineSource = undefined;
    }
    this.#frames = [];
    this.#viewport = undefined;
    this.#element = undefined;
  }
}
