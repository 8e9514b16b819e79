// Keeps two viewports (the current study and a prior) on the same anatomy: the follower shows the
// image nearest in slice position and the same window as the viewport the user works in.
import { slicePosition, type ImageRenderedDetail, type RadViewport, type StackFrame } from '@telerad/viewport';

/** Index of the frame nearest to `position` along the reference normal. */
export function nearestFrame(
  frames: readonly StackFrame[],
  position: number,
  reference: StackFrame,
): number | undefined {
  let best: { index: number; distance: number } | undefined;
  frames.forEach((frame, index) => {
    const p = slicePosition(frame.metadata, reference.metadata);
    if (p === undefined) return;
    const distance = Math.abs(p - position);
    if (!best || distance < best.distance) best = { index, distance };
  });
  return best?.index;
}

const INTERACTION = ['pointerdown', 'wheel', 'keydown', 'touchstart'] as const;

/**
 * Synchronises scrolling (by slice position) between two viewports, and window/level when their
 * values share a scale (`syncWindow`: CT in HU, PET in SUV; not MR, whose values are arbitrary).
 */
export class ViewportSync {
  #leader: RadViewport;
  #cleanups: (() => void)[] = [];

  constructor(
    readonly viewports: readonly [RadViewport, RadViewport],
    private readonly syncWindow: boolean,
  ) {
    for (const viewport of viewports) {
      const lead = () => (this.#leader = viewport);
      const follow = (event: Event) => this.#follow(viewport, (event as CustomEvent<ImageRenderedDetail>).detail);
      for (const type of INTERACTION) viewport.addEventListener(type, lead, { capture: true, passive: true });
      viewport.addEventListener('rad-image-rendered', follow);
      this.#cleanups.push(() => {
        for (const type of INTERACTION) viewport.removeEventListener(type, lead, { capture: true });
        viewport.removeEventListener('rad-image-rendered', follow);
      });
    }
    this.#leader = viewports[0];
    // The follower opens on the leader's slice and window, not only once the reader moves.
    let connected = true;
    this.#cleanups.push(() => (connected = false));
    void Promise.all(viewports.map((viewport) => viewport.loaded())).then(
      () => connected && this.lead(this.#leader),
      () => undefined,
    );
  }

  /** The viewport the other follows (the last one the user touched, the first to begin with). */
  get leader(): RadViewport {
    return this.#leader;
  }

  /** Makes `viewport` the one the other follows, and aligns the other now. */
  lead(viewport: RadViewport): void {
    this.#leader = viewport;
    this.#follow(viewport, { ...viewport.viewState, sopInstanceUID: '', frame: 1 });
  }

  #follow(source: RadViewport, view: ImageRenderedDetail): void {
    if (source !== this.#leader) return;
    const target = this.viewports[0] === source ? this.viewports[1] : this.viewports[0];
    const frame = source.frames[view.index];
    const position = frame && slicePosition(frame.metadata);
    const index = frame && position !== undefined ? nearestFrame(target.frames, position, frame) : undefined;
    if (index !== undefined && index !== target.viewState.index) void target.showImage(index);
    const { center, width } = target.viewState.window;
    if (
      this.syncWindow &&
      view.window.width > 0 &&
      (Math.abs(center - view.window.center) > 1e-6 || Math.abs(width - view.window.width) > 1e-6)
    )
      target.setWindow(view.window);
  }

  /**
   * The synchronisation the two viewports want (`wanted`: both shown and synchronising), reusing
   * `current` when it already joins them; `current` is disconnected otherwise.
   */
  static between(
    current: ViewportSync | undefined,
    [a, b]: RadViewport[],
    wanted: boolean,
    syncWindow: boolean,
  ): ViewportSync | undefined {
    if (wanted && a && b && current?.viewports[0] === a && current.viewports[1] === b) return current;
    current?.disconnect();
    return wanted && a && b ? new ViewportSync([a, b], syncWindow) : undefined;
  }

  disconnect(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }
}
