import type { Types } from '@cornerstonejs/core';
import type { DicomWebError, ViewerError } from '@telerad/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { alignCpuGeometry } from './cpu-geometry.js';
import type { ModalityValue } from './modality-value.js';
import type { RenderingGroup } from '../rad-rendering-group/rendering-context.js';
import {
  loadCornerstone,
  type CornerstoneRuntime,
  type EngineSource,
  type RuntimeOptions,
} from './cornerstone-runtime.js';
import type { SeriesRetrieval } from './series-retrieve.js';
import { boundImageCache, framesThatFit, prefetchSeries } from './series-prefetch.js';
import type { WindowLevel } from './presets.js';
import { AnnotationBridge } from './annotation-bridge.js';
import { describeFromFile } from './part10-loader.js';
import { FrameFailures, nextDrawing } from './frame-failures.js';
import { SizeWatch } from './size-watch.js';
import { listenToEngine, type EngineHandlers, type ViewportListener } from './engine-events.js';
import { GreyMapping } from './grey-mapping.js';
import type { StackFrame } from './series-stack.js';
import { setPrimaryTool, setUpTools, type ViewportTool } from './tool-setup.js';
import * as geometry from './view-geometry.js';
import { EMPTY_VIEW, resizeEngine, viewStateOf, type Interpolation, type ViewState } from './view-geometry.js';
import { voiRangeOf } from './voi-range.js';
import { restoreCpuInversion, type VoiLut } from './voi-lut.js';

export type { ViewportListener } from './engine-events.js';
export type { ViewportTool } from './tool-setup.js';
export type { Interpolation, ViewState } from './view-geometry.js';

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
  #sizeWatch?: SizeWatch;
  #interpolation: Interpolation = 'linear';
  #ready?: Promise<void>;
  #connected = false;
  #cleanups: (() => void)[] = [];
  #engineSource?: EngineSource;
  /** Images whose load failed, and why. */
  readonly #failures = new FrameFailures((index, failure, first) => this.listener.imageFailed(index, failure, first));
  /** How the image shown maps values to grey (window, VOI LUT, threshold, CPU SIGMOID). */
  readonly #grey = new GreyMapping({
    runtime: () => this.#runtime,
    viewport: () => this.#viewport,
    frame: () => this.#frames[this.#viewport?.getCurrentImageIdIndex() ?? -1],
  });
  /** Cornerstone's annotations on this viewport's frames, as measurements (add, remove, list). */
  readonly annotations = new AnnotationBridge({
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
      const element = this.target();
      if (!element) return reject(new Error('viewport element missing'));
      this.#sizeWatch = new SizeWatch(element, {
        sized: (width, height) => this.listener.sized(width, height),
        first: () => void this.#create(element).then(resolve, reject),
        resized: () => {
          const engine = this.#viewport?.getRenderingEngine();
          if (engine) resizeEngine(engine);
        },
      });
    });
    return this.#ready;
  }

  async #create(element: HTMLElement): Promise<void> {
    const runtime = await loadCornerstone(this.options());
    if (!this.#connected) return;
    this.#runtime = runtime;
    const { core } = runtime;
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
    setUpTools(runtime, this.viewportId, engine.id);
    const handlers: EngineHandlers = {
      rendered: () => this.#rendered(),
      // An image drawn at last (a retry that worked) is no longer failed.
      newImage: (index) => this.#failures.drawn(index),
      // A window set by a tool (a W/L drag) replaces the LUT.
      voiModified: (range) => this.#grey.windowSet(range),
      annotation: async (change, annotation) => {
        const measurement = await this.annotations.changed(change, annotation);
        if (measurement) this.listener.measurementChanged(change, measurement);
      },
    };
    this.#cleanups.push(...listenToEngine(element, runtime, handlers));
  }

  #rendered(): void {
    // A drawing of the empty viewport (a resize before its first image has arrived) is not an image rendered.
    if (!this.#viewport?.getImageData()) return;
    const grey = this.#grey;
    if (grey.redrawVoiLut() || grey.mendDegenerate() || this.#applyInterpolation() || grey.redrawCpuSigmoid())
      return this.#viewport?.render();
    grey.drawn();
    this.listener.rendered(this.state());
  }

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
    return geometry.setInterpolation(viewport, this.#interpolation === 'nearest' ? types.NEAREST : types.LINEAR);
  }

  /** Bounds the page's image cache to `megabytes` (positive; anything else is ignored). */
  setCacheSize(megabytes: number): void {
    if (this.#runtime) boundImageCache(this.#runtime.core.cache, megabytes);
  }

  /** Makes `tool` the primary-button tool; measurement tools keep their annotations editable. */
  setPrimaryTool(tool: ViewportTool): void {
    if (this.#runtime) setPrimaryTool(this.#runtime, this.viewportId, tool);
  }

  /** Shows `frames`, starting at `initialIndex`; resolves when that image is displayed (or, not `drawn`, known). */
  async setStack(frames: StackFrame[], initialIndex: number, drawn = true): Promise<void> {
    this.#frames = frames;
    this.#failures.clear();
    await this.ready();
    if (!this.#viewport || !drawn) return;
    await this.#viewport.setStack(
      frames.map((f) => f.imageId),
      initialIndex,
    );
    this.#describe(frames[initialIndex]);
    // Cornerstone reports some failures only to its log (an image its renderer cannot take), others
    // only to the loading ahead: the image's own failure where it had one.
    if (!this.#viewport.getImageData()) throw await this.#whyNotShown(initialIndex);
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
    if (frame && this.#runtime) describeFromFile(frame, this.#runtime);
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

  /** Why image `index` was not drawn (asked again of the engine where it kept the failure to itself). */
  #whyNotShown(index: number): Promise<DicomWebError | ViewerError> {
    const load = (imageId: string) => this.#runtime?.core.imageLoader.loadAndCacheImage(imageId) ?? Promise.resolve();
    return this.#failures.whyNotShown(index, this.#frames[index]?.imageId, load);
  }

  #markFailed(index: number, error: unknown): void {
    this.#failures.mark(index, this.#frames[index]?.imageId ?? '', error);
  }

  state(): ViewState {
    const viewport = this.#viewport;
    if (!viewport) return EMPTY_VIEW;
    return viewStateOf(viewport, {
      frames: this.#frames,
      failed: (index) => this.#failures.has(index),
      voiLut: this.#grey.shownVoiLut(),
      cpuRendering: Boolean(this.#runtime?.core.getShouldUseCPURendering()),
      imageToCanvas: (point) => this.imageToCanvas(point),
    });
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

  /** Zooms by `factor` about the image area's centre. */
  zoomBy(factor: number): void {
    this.#change((viewport) => geometry.zoomBy(viewport, factor));
  }

  /** Moves the image by `dx`, `dy` CSS pixels. */
  panBy(dx: number, dy: number): void {
    this.#change((viewport) => geometry.panBy(viewport, dx, dy));
  }

  /** Rotates the image clockwise by `degrees`. */
  rotateBy(degrees: number): void {
    this.#change((viewport) => geometry.rotateBy(viewport, degrees));
  }

  /** Mirrors the image left–right or top–bottom. */
  flip(direction: 'horizontal' | 'vertical'): void {
    this.#change((viewport) => geometry.flip(viewport, direction));
  }

  /** Changes the view and draws it. */
  #change(change: (viewport: Types.IStackViewport) => void): void {
    const viewport = this.#viewport;
    if (!viewport) return;
    change(viewport);
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
    const event = this.#runtime?.core.Enums.Events.IMAGE_RENDERED;
    return nextDrawing(this.#element, event, () => this.#viewport?.getCurrentImageIdIndex() === index);
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

  /** The rendering engine the viewport draws with, which a reformat of the same element shares. */
  get engine(): Types.IRenderingEngine | undefined {
    return this.#viewport?.getRenderingEngine();
  }

  /** Undoes the last annotation change (Cornerstone's history of creations, edits and deletions). */
  undo(): void {
    this.#runtime?.core.utilities.HistoryMemo.DefaultHistoryMemo.undo();
    this.#viewport?.render();
  }

  /** The modality value and its unit of the pixel at image point [column, row] of the image shown. */
  modalityValueAt(point: readonly [number, number]): ModalityValue | undefined {
    return this.annotations.modalityValueAt(this.#viewport?.getCurrentImageIdIndex() ?? -1, point);
  }

  dispose(): void {
    this.#sizeWatch?.disconnect();
    this.#ready = undefined;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    const runtime = this.#runtime;
    if (runtime && this.#viewport) {
      this.annotations.removeAll();
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
