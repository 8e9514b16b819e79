// When a plane drawn early (early-plane.ts) gives way to the reformat drawn under it. Cornerstone
// draws its volume at once and fills it as the slices decode, so its first drawings show less than
// the early plane does: the early plane stays over it until the volume has loaded, unless the
// reader (or the host) moves the reformat first, or the reformat shows something else.
import type { RadEventMap } from '@telerad/core';
import type { ReformatState } from './reformat-controller.js';
import type { Plane } from './reformat-viewport.js';

/** Whether the reformat shows another slice, scale, window or slab than it did. */
function moved(from: ReformatState, to: ReformatState): boolean {
  const differ = (a: readonly number[], b: readonly number[]) => a.some((v, i) => Math.abs(v - b[i]) > 1e-6);
  return (
    from.sliceIndex !== to.sliceIndex ||
    from.slab !== to.slab ||
    from.window.center !== to.window.center ||
    from.window.width !== to.window.width ||
    Math.abs(from.zoom - to.zoom) > 1e-6 ||
    differ(from.centreMm, to.centreMm) ||
    differ(from.normal, to.normal)
  );
}

const INPUT = ['pointerdown', 'wheel', 'keydown'] as const;

export class PlaneHandOver {
  /** The reformat has drawn (input then goes to it), and what it showed once it said it shows the plane. */
  #reformatDrew = false;
  #shown?: ReformatState;
  #awaitingShown = false;
  readonly #rendered = (event: Event) => this.#onRendered((event as CustomEvent<ReformatState>).detail);
  readonly #viewChanged = (event: Event) =>
    this.#onViewChanged((event as CustomEvent<RadEventMap['rad-view-change']>).detail);
  readonly #input = () => {
    if (this.#reformatDrew) this.done();
  };

  constructor(
    private readonly host: HTMLElement,
    private readonly plane: Plane,
    /** Called once: the early plane gives way. */
    private readonly done: () => void,
  ) {
    host.addEventListener('rad-reformat-rendered', this.#rendered);
    host.addEventListener('rad-view-change', this.#viewChanged);
    for (const type of INPUT) host.addEventListener(type, this.#input, { capture: true, passive: true });
  }

  stop(): void {
    this.host.removeEventListener('rad-reformat-rendered', this.#rendered);
    this.host.removeEventListener('rad-view-change', this.#viewChanged);
    for (const type of INPUT) this.host.removeEventListener(type, this.#input, { capture: true });
  }

  #onRendered(state: ReformatState): void {
    this.#reformatDrew = true;
    if (state.volumeLoaded >= state.volumeSlices || (this.#shown && moved(this.#shown, state))) return this.done();
    if (this.#awaitingShown) [this.#shown, this.#awaitingShown] = [state, false];
  }

  /** The reformat says it shows the plane (first time): what it then draws is the one compared against. */
  #onViewChanged({ shown }: RadEventMap['rad-view-change']): void {
    if (shown !== this.plane || this.#shown || this.#awaitingShown) return this.done();
    this.#awaitingShown = true;
  }
}
