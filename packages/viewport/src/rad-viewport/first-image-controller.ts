import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { drawEarlyImage, earlyImage } from './first-image.js';
import { fetchAhead } from './frame-loader.js';
import type { StackFrame } from './series-stack.js';

/** `detail` of `rad-first-image`. */
export interface FirstImageDetail {
  sopInstanceUID: string;
  frame: number;
  /** Drawn before the engine had loaded (same pixels and grey mapping), rather than by the engine. */
  early: boolean;
}

/**
 * The first image of a series on screen as soon as its bytes arrive: fetched while the engine
 * loads and drawn into a canvas over the engine's, which is hidden at the engine's first drawing
 * (the hand-over). Images this cannot draw exactly wait for the engine.
 */
export class FirstImageController implements ReactiveController {
  /** Counts series: an answer for an earlier one is not drawn. */
  #series = 0;
  #announced = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly canvas: () => HTMLCanvasElement | null | undefined,
    private readonly shown: (detail: FirstImageDetail) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.reset();
  }

  /** A new series: nothing of the last one is shown or announced. */
  reset(): void {
    this.#series++;
    this.#announced = false;
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

  /** The engine drew an image: the early one (if any) gives way, and the first image is announced. */
  engineDrew(frame: StackFrame | undefined): void {
    this.#hide();
    if (frame && !this.#announced) this.#announce(frame, false);
  }

  #announce(frame: StackFrame, early: boolean): void {
    this.#announced = true;
    this.shown({ sopInstanceUID: frame.sopInstanceUID, frame: frame.frame, early });
  }

  #hide(): void {
    const canvas = this.canvas();
    if (canvas) delete canvas.dataset.shown;
  }
}
