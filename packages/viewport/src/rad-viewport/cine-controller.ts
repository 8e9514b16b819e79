import { MEASUREMENT_TOOLS } from './measurements.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** `detail` of `rad-cine-change`: whether cine runs, and at what rate (frames per second). */
export interface CineChangeDetail {
  playing: boolean;
  fps: number;
}

/** What the cine loop needs of its viewport. */
export interface CineStack {
  /** Where the stack is: the image shown and how many there are. */
  position(): { index: number; count: number };
  showImage(index: number): Promise<void>;
  /** Cine started, stopped or changed rate. */
  changed(detail: CineChangeDetail): void;
}

/** Plays a stack as a loop: one timer, stopped when the element leaves the page. */
export class CineController implements ReactiveController {
  #timer?: ReturnType<typeof setInterval>;
  #fps = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly stack: CineStack,
  ) {
    host.addController(this);
  }

  get playing(): boolean {
    return this.#timer !== undefined;
  }

  get fps(): number {
    return this.#fps;
  }

  /** Pauses when a measuring tool is pressed on the image, so that what is drawn stays on its image. */
  pauseToMeasure(tool: string): void {
    if (this.playing && (MEASUREMENT_TOOLS as readonly string[]).includes(tool)) this.pause();
  }

  play(fps: number): void {
    const rate = Math.min(120, Math.max(0.5, fps));
    this.#clear();
    this.#fps = rate;
    this.#timer = setInterval(() => {
      const { index, count } = this.stack.position();
      void this.stack.showImage((index + 1) % Math.max(1, count));
    }, 1000 / rate);
    this.stack.changed({ playing: true, fps: rate });
    this.host.requestUpdate();
  }

  pause(): void {
    if (!this.playing) return;
    this.#clear();
    this.stack.changed({ playing: false, fps: this.#fps });
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.pause();
  }

  #clear(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
