// The element's reformatted planes (issue 17): follows `view`, `slab`, `slab-thickness` and
// `interpolation` and the series shown; builds a ReformatViewport over the stack's image area when
// the series' slices make a volume (volume-geometry.ts) and WebGL renders, and otherwise says why
// and leaves the stack shown. Fires `rad-view-change` and `rad-reformat-rendered`.
import { msg } from '@lit/localize';
import type { RadEventMap } from '@telerad/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CrosshairMember } from '../rad-rendering-group/crosshair.js';
import type { RenderingGroup } from '../rad-rendering-group/rendering-context.js';
import type { SyncedView } from '../rad-rendering-group/view-sync.js';
import { referenceLines, type ReferenceLine } from './crosshair-lines.js';
import { CrosshairPointer } from './crosshair-pointer.js';
import { ReformatMeasurements } from './reformat-measurement-events.js';
import { hasStatistics } from './annotation-bridge.js';
import type { MeasurementInput, RadMeasurement } from './measurements.js';
import type { MeasuredReformat } from './reformat-measurements.js';
import { setPrimaryTool, type ViewportTool } from './tool-setup.js';
import { imagePresets, type WindowLevel } from './presets.js';
import { ReformatViewport, type Plane, type Point3, type SlabMode } from './reformat-viewport.js';
import type { ViewportEngine } from './viewport-engine.js';
import { sliceGeometryOf, volumeGeometry, volumeRefusalText } from './volume-geometry.js';
import * as geometry from './view-geometry.js';

export type { SlabMode } from './reformat-viewport.js';
/** What the viewport shows: the series as acquired, or a plane reformatted from its volume. */
export type ViewPlane = 'stack' | Plane;

export interface ReformatSettings {
  plane: ViewPlane;
  slab: SlabMode;
  /** Slab thickness in mm (for `mip`, `minip` and `average`). */
  slabThicknessMm: number;
  interpolation: 'linear' | 'nearest';
}

/** The reformat drawn: its plane, slice, slab and window, and how much of its volume has loaded. */
export interface ReformatState {
  plane: Plane;
  /** The slice shown (0-based, along the plane's normal) and how many the plane has. */
  sliceIndex: number;
  slices: number;
  /** The patient point (LPS, mm) at the centre of the image area. */
  centreMm: Point3;
  /** The plane's normal in patient space, towards the viewer. */
  normal: Point3;
  /** Patient directions (LPS) of screen right and screen up. */
  screenRight: Point3;
  screenUp: Point3;
  /** Canvas pixels (CSS) per mm of the plane; and the zoom (1: the volume fits the image area). */
  pixelsPerMm: number;
  zoom: number;
  slab: SlabMode;
  /** 0 for a thin plane. */
  slabThicknessMm: number;
  window: WindowLevel;
  /** Slices of the volume loaded, of how many: slices not yet loaded draw as nothing. */
  volumeLoaded: number;
  volumeSlices: number;
}

export interface ReformatPort {
  host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };
  engine: ViewportEngine;
  settings(): ReformatSettings;
  emit<K extends keyof RadEventMap>(type: K, detail: RadEventMap[K]): void;
  activeTool(): ViewportTool;
  /** The enclosing group, whose reformats share a crosshair point when `crosshairs()` is on. */
  group(): RenderingGroup | undefined;
  crosshairs(): boolean;
  /** Building the reformat failed (the viewer's fault: the images are loaded). */
  failed(error: unknown): void;
  /** A PET volume under the plane (see ReformatMeasurements). */
  pet(): MeasuredReformat['pet'];
}

let nextId = 0;

export class ReformatController implements ReactiveController {
  readonly #id = `rad-reformat-${++nextId}`;
  #view?: ReformatViewport;
  #plane?: Plane;
  #settings?: ReformatSettings;
  #frames?: readonly unknown[];
  /** The series run the settings were last applied for, and the applying in progress. */
  #run?: Promise<unknown>;
  #applying = Promise.resolve();
  /** What `rad-view-change` last said: the stack (asked for and shown), a plane, or a refusal. */
  #lastSaid: ViewPlane | 'refused' = 'stack';
  /** Why the plane asked for is not shown, if it is not. */
  refusal?: string;
  /** The measurements drawn on this reformat, reported as they change. */
  readonly measurements = new ReformatMeasurements({
    runtime: () => this.port.engine.controller.runtime,
    view: () => this.#shown,
    state: () => this.state(),
    frames: () => this.port.engine.controller.frames,
    pet: () => this.port.pet(),
    changed: (change, measurement) => this.port.emit(`rad-measurement-${change}`, { measurement }),
  });
  /** This reformat as a view of the group whose window and zoom it may share. */
  readonly #synced: SyncedView = {
    window: () => this.#view?.window,
    setWindow: (window) => this.#view?.setWindow(window),
    zoom: () => this.#view?.viewport.getZoom(),
    setZoom: (zoom) => {
      this.#view?.viewport.setZoom(zoom);
      this.#view?.viewport.render();
    },
  };
  #leaveSync?: () => void;
  /** Leaves the group's crosshair, while a member of it. */
  #leaveCrosshair?: () => void;
  readonly #member: CrosshairMember = {
    normal: () => this.#shown?.camera.normal,
    centre: () => this.#shown?.camera.centreMm,
    up: () => this.#shown?.camera.screenUp,
    moveTo: (point) => this.moveTo(point),
    orient: async (normal, up, point) => await this.#shown?.orientTo(normal, up, point),
    changed: () => this.port.host.requestUpdate(),
  };
  /** The `Crosshairs` tool: sets the point, or turns the other planes. */
  readonly #pointer = new CrosshairPointer(this, this.#member, () =>
    this.#leaveCrosshair && this.port.activeTool() === 'Crosshairs' ? this.port.group()?.crosshair : undefined,
  );

  constructor(private readonly port: ReformatPort) {
    port.host.addController(this);
  }

  /** Shows what `view`, `slab`, … ask for when they, or the series, change. */
  hostUpdated(): void {
    const settings = this.port.settings();
    const last = this.#settings;
    // A new run of the series task (another series, or the same after a reconnection) has a new promise.
    const run = this.port.engine.series.taskComplete;
    const same =
      run === this.#run &&
      last &&
      (Object.keys(settings) as (keyof ReformatSettings)[]).every((k) => settings[k] === last[k]);
    this.#settings = settings;
    this.#run = run;
    // One at a time, in order: the last asked for is the one shown.
    if (!same) this.#applying = this.#applying.then(() => this.#apply());
    const runtime = this.port.engine.controller.runtime;
    if (this.#view && runtime) setPrimaryTool(runtime, this.#id, this.port.activeTool());
    this.#followCrosshair();
  }

  hostDisconnected(): void {
    this.#leave();
    this.#settings = undefined;
    this.#run = undefined;
  }

  /** The plane shown, if a reformat is shown. */
  get plane(): Plane | undefined {
    return this.#view && this.#plane;
  }

  /** The reformat viewport, while it shows a plane. */
  get #shown(): ReformatViewport | undefined {
    return this.#plane ? this.#view : undefined;
  }

  /** The reformat viewport showing the plane, while one is shown. */
  get shownView(): ReformatViewport | undefined {
    return this.#shown;
  }

  /** Joins the group's crosshair while a reformat is shown with `crosshairs` on; leaves it otherwise. */
  #followCrosshair(): void {
    const crosshair = this.plane && this.port.crosshairs() ? this.port.group()?.crosshair : undefined;
    if (crosshair && !this.#leaveCrosshair) this.#leaveCrosshair = crosshair.join(this.#member);
    if (!crosshair && this.#leaveCrosshair) {
      this.#leaveCrosshair();
      this.#leaveCrosshair = undefined;
    }
  }

  /** The group's reference lines on this plane, through the crosshair point (canvas pixels). */
  referenceLines(): ReferenceLine[] {
    const crosshair = this.#leaveCrosshair && this.port.group()?.crosshair;
    const view = this.#view;
    if (!crosshair?.point || !view || !this.plane) return [];
    const extent = Math.hypot(view.viewport.canvas.clientWidth, view.viewport.canvas.clientHeight);
    return referenceLines(
      crosshair.point,
      view.camera.normal,
      crosshair.othersOf(this.#member),
      (p) => this.patientToCanvas(p),
      extent,
    );
  }

  /** Turns the other planes of the group's crosshair by `degrees` about this plane's normal (oblique planes). */
  async rotateCrosshairs(degrees: number): Promise<void> {
    await this.port.group()?.crosshair.rotate(this.#member, (degrees * Math.PI) / 180);
  }

  async #apply(): Promise<void> {
    const { engine } = this.port;
    try {
      await Promise.race([engine.series.taskComplete, engine.stackStarted()]);
    } catch {
      return; // the series' failure is said by its task
    }
    const settings = this.port.settings();
    try {
      await this.#show(settings);
    } catch (error) {
      this.#leave();
      this.port.failed(error);
    }
    const shown = this.plane ?? 'stack';
    // A viewport on the stack that stays there (every series a stack-only viewport shows) is no news.
    const news = !(settings.plane === 'stack' && this.#lastSaid === 'stack');
    this.#lastSaid = this.refusal ? 'refused' : settings.plane === 'stack' ? 'stack' : shown;
    if (news)
      this.port.emit('rad-view-change', {
        requested: settings.plane,
        shown,
        ...(this.refusal ? { refusal: this.refusal } : {}),
      });
    this.port.host.requestUpdate();
  }

  async #show(settings: ReformatSettings): Promise<void> {
    const frames = this.port.engine.controller.frames;
    if (frames !== this.#frames) this.#leave();
    this.#frames = frames;
    // No series yet (or none at all): nothing to reformat, nothing to explain.
    this.refusal = settings.plane === 'stack' || !frames.length ? undefined : this.#refusal();
    if (settings.plane === 'stack' || !frames.length || this.refusal) return this.#leave();
    const view = this.#ensureView();
    if (!view) return;
    // The stack's window once it has drawn; before (or never drawn), the first image's own.
    const { window: drawn } = this.port.engine.controller.state();
    const stackWindow = drawn.width > 1 ? drawn : imagePresets(frames[0].metadata, [])[0]?.window;
    if ((await view.showVolume(frames.map((frame) => frame.imageId))) || this.#plane !== settings.plane) {
      view.orient(settings.plane, this.#plane ? this.#view?.window : stackWindow);
      this.#plane = settings.plane;
    }
    view.setSlab(settings.slab, settings.slabThicknessMm, settings.interpolation);
    await view.drawn();
    this.#followCrosshair();
    this.#leaveSync ??= this.port.group()?.sync.join(this.#synced);
  }

  /** Why the series makes no reformat here; undefined if it does. */
  #refusal(): string | undefined {
    const { controller } = this.port.engine;
    if (controller.runtime?.core.getShouldUseCPURendering())
      return msg('Reformats need WebGL; this page renders without it.', { id: 'viewport.volume.no-webgl' });
    const geometry = volumeGeometry(controller.frames.map((frame) => sliceGeometryOf(frame.metadata)));
    return geometry.ok ? undefined : volumeRefusalText(geometry.refusal);
  }

  #ensureView(): ReformatViewport | undefined {
    if (this.#view) return this.#view;
    const { runtime, engine } = this.port.engine.controller;
    const area = this.port.host.renderRoot.querySelector<HTMLElement>('[part~="viewport"] .reformat');
    if (!runtime || !engine || !area) return undefined;
    this.#view = new ReformatViewport(
      runtime,
      engine,
      area,
      this.#id,
      () => this.#rendered(),
      () => this.port.group()?.sync.changed(this.#synced),
    );
    this.measurements.listen();
    setPrimaryTool(runtime, this.#id, this.port.activeTool());
    this.#pointer.attach(area);
    return this.#view;
  }

  #rendered(): void {
    const state = this.state();
    if (!state) return;
    if (this.#leaveCrosshair) this.port.group()?.crosshair.moved(this.#member);
    this.port.emit('rad-reformat-rendered', state);
    this.port.host.requestUpdate();
  }

  /** The reformat drawn, if one is (none out of the page: the engine may be gone already). */
  state(): ReformatState | undefined {
    const view = this.#view;
    const { plane } = this;
    const settings = this.#settings;
    if (!view || !plane || !settings || !this.port.host.isConnected) return undefined;
    const { viewport, loading } = view;
    return {
      plane,
      sliceIndex: viewport.getSliceIndex(),
      slices: viewport.getNumberOfSlices(),
      ...view.camera,
      pixelsPerMm: view.pixelsPerMm,
      zoom: viewport.getZoom(),
      slab: settings.slab,
      slabThicknessMm: settings.slab === 'thin' ? 0 : settings.slabThicknessMm,
      window: view.window ?? { center: 0, width: 0 },
      volumeLoaded: loading.loaded,
      volumeSlices: loading.total,
    };
  }

  /**
   * Draws measurements made on reformats (patient-space points) on the plane of the first, shown
   * through `showPlane` where another is shown, at its slice; resolves to them with their values.
   */
  async drawMeasurements(
    inputs: readonly MeasurementInput[],
    showPlane: (plane: Plane) => void,
  ): Promise<RadMeasurement[]> {
    const plane = inputs[0]?.view;
    if (!plane) return [];
    if (this.plane !== plane) {
      const shown = new Promise((resolve) =>
        this.port.host.addEventListener('rad-view-change', resolve, { once: true }),
      );
      showPlane(plane);
      await shown;
    }
    if (this.plane !== plane) return [];
    const ids = new Set(this.measurements.add(inputs));
    const [first] = inputs[0].points ?? [];
    const oblique = this.measurements.obliquePlaneOf(inputs[0]);
    if (first) await (oblique ? this.#shown?.orientTo(oblique.normal, oblique.up, first) : this.moveTo(first));
    const drawn = () => this.measurements.list().filter((m) => ids.has(m.id));
    // ROI statistics are computed as Cornerstone draws the annotations, a frame or two later.
    for (let frame = 0; frame < 60 && !drawn().every(hasStatistics); frame++) await new Promise(requestAnimationFrame);
    return drawn();
  }

  /** Zooms the reformat by `factor` (2 = twice as large), about the centre of the image area. */
  zoomBy(factor: number): void {
    this.#changeView((viewport) => geometry.zoomBy(viewport, factor));
  }

  /** Moves the reformat by `dx`, `dy` CSS pixels. */
  panBy(dx: number, dy: number): void {
    this.#changeView((viewport) => geometry.panBy(viewport, dx, dy));
  }

  /** Back to the plane as first shown: fitted, centred in the volume, the stack's window. */
  reset(): void {
    this.#changeView((viewport) => viewport.resetCamera());
  }

  #changeView(change: (viewport: ReformatViewport['viewport']) => void): void {
    const viewport = this.#shown?.viewport;
    if (!viewport) return;
    change(viewport);
    viewport.render();
  }

  /** Draws the reformat again (after its measurements changed). */
  render(): void {
    this.#view?.viewport.render();
  }

  /** Sets the reformat's window (PS3.3 C.11.2.1.2.1); the stack keeps its own. */
  setWindow(window: WindowLevel): void {
    this.#view?.setWindow(window);
  }

  /** Scrolls to slice `index` (0-based) of the plane shown; resolves once drawn. */
  async showSlice(index: number): Promise<void> {
    await this.#shown?.showSlice(index);
  }

  /** Moves the plane shown along its normal to pass through patient point `point` (LPS, mm); resolves once drawn. */
  async moveTo(point: readonly number[]): Promise<void> {
    await this.#shown?.moveTo(point);
  }

  /** Canvas position (CSS px within the image area) of patient point `point` (LPS, mm) on the plane shown. */
  patientToCanvas(point: readonly number[]): [number, number] | undefined {
    return this.#shown?.patientToCanvas(point);
  }

  /** The patient point (LPS, mm) at canvas position `point` (CSS px) of the plane shown. */
  canvasToPatient(point: readonly [number, number]): Point3 | undefined {
    return this.#shown?.canvasToPatient(point);
  }

  /** Back to the stack: the volume viewport is removed (its volume too, unless another reformat shows it). */
  #leave(): void {
    this.#leaveSync?.();
    this.#leaveSync = undefined;
    this.measurements.stop();
    this.#leaveCrosshair?.();
    this.#leaveCrosshair = undefined;
    this.#pointer.detach();
    this.#view?.dispose();
    this.#view = undefined;
    this.#plane = undefined;
  }
}
