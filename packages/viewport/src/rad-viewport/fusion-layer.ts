// A PET series fused onto a reformat (issue 17): the PET volume is drawn by a second orthographic
// viewport on the same engine (hidden, the CT's size, following the CT's camera and slab) through a
// colour map over an SUV window, and the two images are blended on a canvas laid over the CT's:
// fused = (1 − opacity) · CT grey + opacity · PET colour, per channel. The blend is ours rather than
// Cornerstone's two-volume rendering, whose opacity is per mm of ray (it changes with the slab and
// is not linear: cornerstone3D#826); ours is the formula a reader expects at every slab.
import type { Types } from '@cornerstonejs/core';
import type { CornerstoneRuntime } from './cornerstone-runtime.js';
import { colormapName, type FusionColormap } from './fusion-colormaps.js';
import { frameRegistry, type FrameLease } from './frame-registry.js';
import { ReformatViewport } from './reformat-viewport.js';
import { loadSeriesStack, type SeriesService, type StackFrame } from './series-stack.js';
import type { SampledVolume } from './suv-statistics.js';
import type { Vec3 } from './vector3.js';

/** How the PET is laid over the CT. */
export interface FusionLook {
  colormap: FusionColormap;
  /** The PET's weight in the blend, 0–1. */
  opacity: number;
  /** The PET values (SUVbw, or the series' unit) the colour map spans. */
  window: { lower: number; upper: number };
}

/** A volume of Cornerstone's cache as SUV statistics read it (suv-statistics.ts). */
export function sampledVolume(runtime: CornerstoneRuntime, volumeId: string): SampledVolume | undefined {
  const volume = runtime.core.cache.getVolume(volumeId);
  const voxels = volume?.voxelManager as Types.IVoxelManager<number> | undefined;
  const grid = volume?.imageData;
  if (!volume || !voxels || !grid) return undefined;
  return {
    dimensions: volume.dimensions,
    spacing: volume.spacing,
    indexOf: (point) => grid.worldToIndex([...point]) as unknown as Vec3,
    valueAt: (i, j, k) => voxels.getAtIJK(i, j, k),
  };
}

export class FusionLayer {
  readonly #pet: ReformatViewport;
  readonly #fused = document.createElement('canvas');
  #frames: readonly StackFrame[] = [];
  #lease?: FrameLease;
  #look?: FusionLook;
  /** The look the PET viewport was last drawn with (undefined: not yet, or its colours need setting again). */
  #applied?: FusionLook;
  #queued = false;
  #cleanups: (() => void)[] = [];
  #composedWaiters: (() => void)[] = [];

  constructor(
    private readonly runtime: CornerstoneRuntime,
    engine: Types.IRenderingEngine,
    private readonly ct: ReformatViewport,
    /** A hidden element the CT's size, for the PET viewport. */
    area: HTMLElement,
    id: string,
    private readonly composed: () => void,
  ) {
    const compose = () => this.#queueCompose();
    this.#pet = new ReformatViewport(runtime, engine, area, `${id}-pet`, compose);
    this.#fused.className = 'fused';
    this.#fused.setAttribute('aria-hidden', 'true');
    this.#fused.style.cssText = 'position:absolute;inset:0;width:100%;height:100%;pointer-events:none';
    ct.viewport.canvas.after(this.#fused);
    const { Events } = runtime.core.Enums;
    const follow = () => this.#follow();
    ct.viewport.element.addEventListener(Events.CAMERA_MODIFIED, follow);
    ct.viewport.element.addEventListener(Events.IMAGE_RENDERED, compose);
    this.#cleanups.push(() => {
      ct.viewport.element.removeEventListener(Events.CAMERA_MODIFIED, follow);
      ct.viewport.element.removeEventListener(Events.IMAGE_RENDERED, compose);
    });
  }

  /** The fused image. */
  get canvas(): HTMLCanvasElement {
    return this.#fused;
  }

  /** The PET viewport (its volume in SUV for PET with SUV; its canvas the PET in colour). */
  get pet(): ReformatViewport {
    return this.#pet;
  }

  get frames(): readonly StackFrame[] {
    return this.#frames;
  }

  /**
   * Loads the PET series (metadata, then its volume, streamed) and shows it with the CT's camera;
   * rejects with `{ refusal }` where `refusalOf` finds its frames unfit.
   */
  async load(
    [service, studyUid, seriesUid]: [SeriesService, string, string],
    signal: AbortSignal,
    refusalOf: (frames: readonly StackFrame[]) => string | undefined,
  ): Promise<void> {
    const { frames, sources } = await loadSeriesStack(service, studyUid, seriesUid, { signal });
    signal.throwIfAborted();
    const refusal = refusalOf(frames);
    if (refusal) throw Object.assign(new Error(refusal), { refusal });
    this.#lease?.release();
    this.#lease = frameRegistry.hold(frames, sources);
    this.runtime.registerFrames(frames);
    this.#frames = frames;
    await this.#pet.showVolume(frames.map((frame) => frame.imageId));
    signal.throwIfAborted();
    this.#applied = undefined;
    this.#follow();
  }

  /**
   * Sets the colour map, window and opacity: the PET is drawn again where its colours change, and
   * only blended again where the opacity does (the element asks on each of its updates).
   */
  setLook(look: FusionLook): void {
    const applied = this.#applied;
    this.#look = look;
    if (!this.#pet.volumeId) return;
    const { colormap, window } = look;
    if (
      applied?.colormap === colormap &&
      applied.window.lower === window.lower &&
      applied.window.upper === window.upper
    ) {
      this.#applied = look;
      if (applied.opacity !== look.opacity) this.#queueCompose();
      return;
    }
    this.#pet.viewport.setProperties({
      colormap: { name: colormapName(this.runtime, colormap) },
      voiRange: { ...window },
    });
    this.#applied = look;
    this.#pet.viewport.render();
  }

  /** Resolves after the next blend. */
  drawn(): Promise<void> {
    return new Promise((resolve) => this.#composedWaiters.push(resolve));
  }

  /** The PET takes the CT's camera and slab, so that both show the same plane at the same scale. */
  #follow(): void {
    const pet = this.#pet.viewport;
    // The CT's reformat may go first (its element leaving the page): nothing to follow.
    if (!this.#pet.volumeId || this.ct.disposed) return;
    const ct = this.ct.viewport;
    if (pet.getBlendMode() !== ct.getBlendMode()) {
      pet.setBlendMode(ct.getBlendMode());
      this.#applied = undefined; // the colours are set again with the new blend
    }
    const thickness = ct.getSlabThickness();
    if (thickness !== pet.getSlabThickness()) pet.setSlabThickness(thickness);
    const { focalPoint, position, viewUp, viewPlaneNormal, parallelScale } = ct.getCamera();
    pet.setCamera({ focalPoint, position, viewUp, viewPlaneNormal, parallelScale });
    if (this.#look && !this.#applied) this.setLook(this.#look);
    else pet.render();
  }

  /** Blends once both viewports have drawn in this frame (their render events come in one task). */
  #queueCompose(): void {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#compose();
    });
  }

  #compose(): void {
    const ct = this.ct.viewport.canvas;
    const pet = this.#pet.viewport.canvas;
    const look = this.#look;
    if (!look || !this.#pet.volumeId || this.ct.disposed) return;
    const fused = this.#fused;
    if (fused.width !== ct.width || fused.height !== ct.height) [fused.width, fused.height] = [ct.width, ct.height];
    const context = fused.getContext('2d');
    if (!context) return;
    context.globalAlpha = 1;
    context.drawImage(ct, 0, 0);
    context.globalAlpha = Math.max(0, Math.min(1, look.opacity));
    context.drawImage(pet, 0, 0, fused.width, fused.height);
    this.composed();
    for (const resolve of this.#composedWaiters.splice(0)) resolve();
  }

  /** Removes the PET viewport and the fused canvas, and lets go of the PET's frames and volume. */
  dispose(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#pet.dispose();
    this.#fused.remove();
    this.#lease?.release();
    this.#lease = undefined;
    for (const resolve of this.#composedWaiters.splice(0)) resolve();
  }
}
