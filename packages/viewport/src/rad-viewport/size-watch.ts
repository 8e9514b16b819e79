// Watches the size of a viewport's image area: every size is reported (0 when the host's CSS gives
// it none), the first non-zero one starts the viewport, later ones resize it after a pause.
export interface SizeWatchHandlers {
  /** The area's size in CSS pixels, whenever it changes. */
  sized(width: number, height: number): void;
  /** The first non-zero size: create the viewport (outside the observer's callback). */
  first(): void;
  /** A later size, 60 ms after the last change. */
  resized(): void;
}

export class SizeWatch {
  readonly #observer: ResizeObserver;
  #timer?: ReturnType<typeof setTimeout>;
  #started = false;

  constructor(element: HTMLElement, handlers: SizeWatchHandlers) {
    this.#observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      handlers.sized(width, height);
      if (width === 0 || height === 0) return;
      if (!this.#started) {
        this.#started = true;
        // Not inside the observer's callback: creating the viewport lays out what it observes
        // (the browser would report a ResizeObserver loop).
        requestAnimationFrame(() => handlers.first());
        return;
      }
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => handlers.resized(), 60);
    });
    this.#observer.observe(element);
  }

  disconnect(): void {
    clearTimeout(this.#timer);
    this.#observer.disconnect();
  }
}
