// One Cornerstone orthographic volume viewport showing a series' volume in a plane: enabled on the
// rendering engine the stack already uses (one WebGL context), given the tools the stack has, and
// its volume shared by every reformat of the series on the page (counted; dropped from the cache
// with the last). Cornerstone makes an image volume from the images in its cache, so the frames
// the stack loaded are not fetched or decoded again.
import type { Types } from '@cornerstonejs/core';
import type { CornerstoneRuntime } from './cornerstone-runtime.js';
import type { WindowLevel } from './presets.js';
import { setUpTools } from './tool-setup.js';
import { voiRangeOf } from './voi-range.js';
import { cross, dot, offset, sub, type Vec3 } from './vector3.js';

export type Plane = 'axial' | 'coronal' | 'sagittal';
export type SlabMode = 'thin' | 'mip' | 'minip' | 'average';
/** A point or direction of patient space (LPS, mm). */
export type Point3 = Vec3;

const BLEND = {
  thin: 'COMPOSITE',
  mip: 'MAXIMUM_INTENSITY_BLEND',
  minip: 'MINIMUM_INTENSITY_BLEND',
  average: 'AVERAGE_INTENSITY_BLEND',
} as const;
const AXIS = { axial: 'AXIAL', coronal: 'CORONAL', sagittal: 'SAGITTAL' } as const;

/** The id of the volume of a series' images (one per series on the page). */
export const volumeIdOf = (imageIds: readonly string[]) => `cornerstoneStreamingImageVolume:rad:${imageIds[0]}`;

/** While a volume loads, it is drawn again at most this often. */
const LOADING_REDRAW_MS = 250;

/** Reformats using each volume, by volume id. */
const volumeUsers = new Map<string, number>();

export class ReformatViewport {
  readonly viewport: Types.IVolumeViewport;
  #volumeId?: string;
  #loading = { loaded: 0, total: 0 };
  #cleanups: (() => void)[] = [];
  #disposed = false;
  /** A drawing of the volume while it loads, pending. */
  #redraw?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly runtime: CornerstoneRuntime,
    engine: Types.IRenderingEngine,
    private readonly element: HTMLElement,
    readonly id: string,
    rendered: () => void,
    /**
     * The window or the camera changed (a drag, a preset, a zoom, a scroll). Without it: a
     * viewport drawn out of sight (a fused series), without tools.
     */
    viewChanged?: () => void,
  ) {
    const { Enums } = runtime.core;
    engine.enableElement({
      viewportId: id,
      element: element as HTMLDivElement,
      type: Enums.ViewportType.ORTHOGRAPHIC,
      defaultOptions: { background: [0, 0, 0] },
    });
    this.viewport = engine.getViewport(id) as Types.IVolumeViewport;
    if (viewChanged) setUpTools(runtime, id, engine.id);
    const listen = (type: string, listener: () => void) => {
      element.addEventListener(type, listener);
      this.#cleanups.push(() => element.removeEventListener(type, listener));
    };
    listen(Enums.Events.IMAGE_RENDERED, rendered);
    if (!viewChanged) return;
    listen(Enums.Events.VOI_MODIFIED, viewChanged);
    listen(Enums.Events.CAMERA_MODIFIED, viewChanged);
  }

  /** Whether the viewport was removed (its engine may have gone with it). */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** The volume shown (Cornerstone's id), once there is one. */
  get volumeId(): string | undefined {
    return this.#volumeId;
  }

  /** Slices of the volume loaded, and how many it has. */
  get loading(): { loaded: number; total: number } {
    return this.#loading;
  }

  /** Shows the volume of these images (a series' frames, one volume per series on the page); true if it is new here. */
  async showVolume(imageIds: readonly string[]): Promise<boolean> {
    const { core } = this.runtime;
    const volumeId = volumeIdOf(imageIds);
    if (this.#volumeId === volumeId) return false;
    this.#releaseVolume();
    const cached = core.cache.getVolume(volumeId) as Types.IStreamingImageVolume | undefined;
    const volume =
      cached ??
      ((await core.volumeLoader.createAndCacheVolume(volumeId, {
        imageIds: [...imageIds],
      })) as Types.IStreamingImageVolume);
    // Removed while the volume was made (its element left the page): the volume is not shown, nor kept unused.
    if (this.#disposed) {
      if (!volumeUsers.has(volumeId)) core.cache.removeVolumeLoadObject(volumeId);
      return false;
    }
    this.#volumeId = volumeId;
    volumeUsers.set(volumeId, (volumeUsers.get(volumeId) ?? 0) + 1);
    const loaded = (volume as unknown as { loadStatus?: { loaded?: boolean } }).loadStatus?.loaded;
    this.#loading = { loaded: loaded ? imageIds.length : 0, total: imageIds.length };
    this.#followLoading(volumeId);
    volume.load();
    await this.viewport.setVolumes([{ volumeId }]);
    return true;
  }

  /**
   * Counts the volume's slices as they arrive (most from the stack's cache at once), and draws them
   * at most every LOADING_REDRAW_MS, and once all are in. Cornerstone would draw the volume every
   * 2 % of its slices: with WebGL in software that is most of the page's time while it loads.
   */
  #followLoading(volumeId: string): void {
    const { eventTarget, Enums, cache } = this.runtime.core;
    const volume = cache.getVolume(volumeId) as { autoRenderOnLoad?: boolean } | undefined;
    if (volume) volume.autoRenderOnLoad = false;
    const modified = (event: Event) => {
      const { volumeId: id, framesProcessed, numberOfFrames } = (event as CustomEvent).detail ?? {};
      if (id !== volumeId || !numberOfFrames) return;
      this.#loading = { loaded: framesProcessed ?? 0, total: numberOfFrames };
      this.#drawLoaded(this.#loading.loaded >= numberOfFrames);
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, modified);
    this.#cleanups.push(() => {
      eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, modified);
      clearTimeout(this.#redraw);
    });
  }

  /** Draws the slices loaded so far: at once when the volume is complete, else soon (once per interval). */
  #drawLoaded(complete: boolean): void {
    if (complete) clearTimeout(this.#redraw);
    else if (this.#redraw !== undefined) return;
    this.#redraw = complete
      ? undefined
      : setTimeout(() => {
          this.#redraw = undefined;
          if (!this.#disposed) this.viewport.render();
        }, LOADING_REDRAW_MS);
    if (complete && !this.#disposed) this.viewport.render();
  }

  /** Turns the camera to `plane` (Cornerstone's standard orientations, patient LPS). */
  orient(plane: Plane, window: WindowLevel | undefined): void {
    this.viewport.setOrientation(this.runtime.core.Enums.OrientationAxis[AXIS[plane]]);
    if (window) this.setWindow(window, false);
  }

  setSlab(slab: SlabMode, thicknessMm: number, interpolation: 'linear' | 'nearest'): void {
    const { BlendModes, InterpolationType } = this.runtime.core.Enums;
    const viewport = this.viewport;
    viewport.setBlendMode(BlendModes[BLEND[slab]]);
    if (slab === 'thin') viewport.resetSlabThickness();
    // Cornerstone's slab thickness is the distance from the plane to each face: half the slab.
    else viewport.setSlabThickness(Math.max(0.1, thicknessMm / 2));
    const interpolationType = interpolation === 'nearest' ? InterpolationType.NEAREST : InterpolationType.LINEAR;
    viewport.setProperties({ interpolationType });
  }

  /** Sets the window (PS3.3 C.11.2.1.2.1). */
  setWindow(window: WindowLevel, render = true): void {
    this.viewport.setProperties({ voiRange: voiRangeOf(window) });
    if (render) this.viewport.render();
  }

  get window(): WindowLevel | undefined {
    const voi = this.viewport.getProperties()?.voiRange;
    // The window the ramp came from, as `voiRangeOf` makes it (PS3.3 C.11.2.1.2.1, LINEAR).
    return voi && { center: (voi.lower + voi.upper) / 2 + 0.5, width: voi.upper - voi.lower + 1 };
  }

  /** Runs `change` (a render, a scroll) and resolves after the drawing it brings. */
  drawn(change: () => void = () => this.viewport.render()): Promise<void> {
    const { Events } = this.runtime.core.Enums;
    const done = new Promise<void>((resolve) =>
      this.element.addEventListener(Events.IMAGE_RENDERED, () => resolve(), { once: true }),
    );
    change();
    return done;
  }

  /** Scrolls to slice `index` (0-based); resolves once drawn. */
  async showSlice(index: number): Promise<void> {
    const viewport = this.viewport;
    const target = Math.max(0, Math.min(viewport.getNumberOfSlices() - 1, Math.round(index)));
    const delta = target - viewport.getSliceIndex();
    if (delta) await this.drawn(() => viewport.scroll(delta));
  }

  /** Moves the plane along its normal to pass through patient point `point` (LPS, mm); resolves once drawn. */
  moveTo(point: readonly number[]): Promise<void> {
    const { focalPoint, position, viewPlaneNormal: n } = this.viewport.getCamera();
    if (!focalPoint || !position || !n) return Promise.resolve();
    const distance = dot(sub(point, focalPoint), n);
    const shift = (v: Types.Point3): Types.Point3 => offset(v, n, distance);
    return this.drawn(() => {
      this.viewport.setCamera({ focalPoint: shift(focalPoint), position: shift(position) });
      this.viewport.render();
    });
  }

  /**
   * Turns the plane to `normal` with screen up `up`, through patient point `point`, keeping the
   * view's centre as near as the new plane allows and its scale; resolves once drawn.
   */
  orientTo(normal: readonly number[], up: readonly number[], point: readonly number[]): Promise<void> {
    const { focalPoint, position } = this.viewport.getCamera();
    if (!focalPoint || !position) return Promise.resolve();
    const distance = Math.hypot(...sub(position, focalPoint));
    const centre = offset(focalPoint, normal, -dot(sub(focalPoint, point), normal));
    return this.drawn(() => {
      this.viewport.setCamera({
        viewPlaneNormal: [...normal] as Types.Point3,
        viewUp: [...up] as Types.Point3,
        focalPoint: centre,
        position: offset(centre, normal, distance),
      });
      this.viewport.render();
    });
  }

  /**
   * The patient point at the centre of the image area, the plane's normal (towards the viewer), and
   * the patient directions of screen right and up.
   */
  get camera(): { centreMm: Point3; normal: Point3; screenRight: Point3; screenUp: Point3 } {
    const {
      focalPoint = [0, 0, 0],
      viewPlaneNormal: n = [0, 0, 1],
      viewUp: up = [0, 1, 0],
    } = this.viewport.getCamera();
    return {
      centreMm: [...focalPoint] as Point3,
      normal: [...n] as Point3,
      // Right-handed: screen right = up × normal (the normal points at the viewer).
      screenRight: cross(up, n),
      screenUp: [...up] as Point3,
    };
  }

  /** Canvas pixels (CSS) per mm of the plane, measured: 10 mm along screen right, on the canvas. */
  get pixelsPerMm(): number {
    const { centreMm, screenRight } = this.camera;
    const [a, b] = [0, 10].map((d) => this.patientToCanvas(offset(centreMm, screenRight, d)));
    return Math.hypot(b[0] - a[0], b[1] - a[1]) / 10;
  }

  patientToCanvas(point: readonly number[]): [number, number] {
    return this.viewport.worldToCanvas(point as Types.Point3) as [number, number];
  }

  canvasToPatient(point: readonly [number, number]): Point3 {
    return [...this.viewport.canvasToWorld(point as Types.Point2)] as Point3;
  }

  #releaseVolume(): void {
    const volumeId = this.#volumeId;
    this.#volumeId = undefined;
    if (!volumeId) return;
    const users = (volumeUsers.get(volumeId) ?? 1) - 1;
    if (users > 0) return void volumeUsers.set(volumeId, users);
    volumeUsers.delete(volumeId);
    // The volume's texture and voxel access go; its images stay in the cache for the stack.
    if (this.runtime.core.cache.getVolume(volumeId)) this.runtime.core.cache.removeVolumeLoadObject(volumeId);
  }

  /** Removes the viewport, its tool group and its listeners, and lets go of its volume. */
  dispose(): void {
    this.#disposed = true;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    if (this.runtime.tools.ToolGroupManager.getToolGroup(this.id))
      this.runtime.tools.ToolGroupManager.destroyToolGroup(this.id);
    // The stack's viewport may have gone first, and the engine with it (and this viewport with that).
    const engine = this.viewport.getRenderingEngine();
    if (engine && !engine.hasBeenDestroyed) engine.disableElement(this.id);
    this.#releaseVolume();
  }
}
