import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { EarlyPlane } from './early-plane.js';
import { PlaneHandOver } from './early-plane-handover.js';
import { drawEarlyImage, earlyImage } from './first-image.js';
import { fetchAhead } from './frame-loader.js';
import type { Plane } from './reformat-viewport.js';
import type { SeriesRetrieval } from './series-retrieve.js';
import type { StackFrame } from './series-stack.js';

/** `detail` of `rad-first-image`. */
export interface FirstImageDetail {
  sopInstanceUID: string;
  frame: number;
  /** Drawn before the engine had loaded (same pixels and grey mapping), rather than by the engine. */
  early: boolean;
  /**
   * A plane asked for at once (`view`), drawn early from the slices as they arrived (the one named
   * is the first that arrived): the plane the reformat then shows.
   */
  plane?: Plane;
}

/**
 * The first image of a series on screen as soon as its bytes arrive: fetched while the engine
 * loads and drawn into a canvas over the engine's, which is hidden at the engine's first drawing
 * (the hand-over). Images this cannot draw exactly wait for the engine. A plane asked for at once
 * is drawn from the series' slices as they arrive (early-plane.ts) until the reformat draws it.
 */
export class FirstImageController implements ReactiveController {
  /** Counts series: an answer for an earlier one is not drawn. */
  #series = 0;
  #announced = false;
  /** The plane drawn early, until it gives way to the reformat. */
  #plane?: EarlyPlane;
  #handOver?: PlaneHandOver;
  /** Stops the series' retrieval showing its instances to the plane (which would keep it). */
  #unwatch?: () => void;
  #drawing = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly canvas: () => HTMLCanvasElement | null | undefined,
    private readonly shown: (detail: FirstImageDetail) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether a plane drawn early is on screen (or waits for its first slice). */
  get followsPlane(): boolean {
    return Boolean(this.#plane);
  }

  hostDisconnected(): void {
    this.reset();
  }

  /** A new series: nothing of the last one is shown or announced. */
  reset(): void {
    this.#series++;
    this.#announced = false;
    this.#planeDone();
    this.#hide();
  }

  /**
   * Fetches the series' first frame now and draws it when it can; the engine takes its bytes after.
   * Resolves once the frame has arrived (drawn or not).
   */
  async fetch(frame: StackFrame): Promise<void> {
    const series = this.#series;
    await fetchAhead(frame.imageId, ({ bytes, transferSyntax }) => {
      const canvas = this.canvas();
      const image = earlyImage(frame.metadata, bytes, transferSyntax);
      if (series !== this.#series || this.#announced || !canvas || !image) return;
      drawEarlyImage(canvas, image);
      canvas.dataset.shown = '';
      this.#announce(frame, true);
    });
  }

  /** Draws `plane` of the series from its slices as `retrieval` brings them, where it can be drawn early. */
  followPlane(plane: Plane, frames: readonly StackFrame[], retrieval: SeriesRetrieval): void {
    const early = EarlyPlane.of(plane, frames);
    if (!early) return;
    this.#plane = early;
    this.#handOver = new PlaneHandOver(this.host, plane, () => this.#planeDone());
    this.#unwatch = () => retrieval.watch(undefined);
    let first: StackFrame | undefined;
    retrieval.watch((part10) => {
      const frame = this.#plane === early ? early.add(part10) : undefined;
      if (!frame) return;
      const announced = (first ??= frame);
      this.#drawPlaneSoon(early, () => this.#announce(announced, true, plane));
    });
  }

  /** Draws the plane at the next frame (slices arriving meanwhile are drawn together), then announces it once. */
  #drawPlaneSoon(early: EarlyPlane, announce: () => void): void {
    if (this.#drawing) return;
    this.#drawing = true;
    requestAnimationFrame(() => {
      this.#drawing = false;
      const canvas = this.canvas();
      if (this.#plane !== early || !canvas) return;
      early.drawInto(canvas);
      canvas.dataset.shown = '';
      canvas.dataset.plane = '';
      if (!this.#announced) announce();
    });
  }

  /** The engine drew an image: the early one (if any) gives way, and the first image is announced. */
  engineDrew(frame: StackFrame | undefined): void {
    // The stack drawn under a plane drawn early (shown once the reformat draws) is not seen.
    if (!this.#plane) this.#hide();
    if (frame && !this.#announced) this.#announce(frame, false);
  }

  #planeDone(): void {
    this.#handOver?.stop();
    this.#handOver = undefined;
    this.#unwatch?.();
    this.#unwatch = undefined;
    if (!this.#plane) return;
    this.#plane = undefined;
    this.#hide();
  }

  #announce(frame: StackFrame, early: boolean, plane?: Plane): void {
    this.#announced = true;
    this.shown({ sopInstanceUID: frame.sopInstanceUID, frame: frame.frame, early, ...(plane ? { plane } : {}) });
  }

  #hide(): void {
    const canvas = this.canvas();
    if (!canvas) return;
    delete canvas.dataset.shown;
    delete canvas.dataset.plane;
  }
}
