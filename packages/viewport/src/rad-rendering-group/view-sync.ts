// Window and zoom shared by a rendering group's reformats, where the group asks for it
// (`sync-window`, `sync-zoom`): what the reader sets on one view (a W/L drag, a preset, a zoom) the
// others take. MPR of one series shares its values' scale, so one window means the same in all.
import type { WindowLevel } from '../rad-viewport/presets.js';

/** A view that takes part: what it shows, and how to take another's. */
export interface SyncedView {
  window(): WindowLevel | undefined;
  setWindow(window: WindowLevel): void;
  zoom(): number | undefined;
  setZoom(zoom: number): void;
}

export class ViewSync {
  /** Whether the group's views share their window, and their zoom. */
  window = false;
  zoom = false;
  readonly #views = new Set<SyncedView>();
  /** The view whose change is being passed on (its followers' echoes are not passed back). */
  #leading?: SyncedView;

  /** Adds `view`, which takes the group's window and zoom (those of a view already in it); returns its removal. */
  join(view: SyncedView): () => void {
    const [shown] = this.#views;
    this.#views.add(view);
    if (shown) this.#pass(shown, [view]);
    return () => this.#views.delete(view);
  }

  /** `from`'s window or zoom changed (the reader set it): the others take it, when the group shares it. */
  changed(from: SyncedView): void {
    if (this.#views.has(from))
      this.#pass(
        from,
        [...this.#views].filter((view) => view !== from),
      );
  }

  #pass(from: SyncedView, to: readonly SyncedView[]): void {
    if (this.#leading) return;
    this.#leading = from;
    try {
      const [window, zoom] = [from.window(), from.zoom()];
      for (const view of to) {
        if (this.window && window && !sameWindow(view.window(), window)) view.setWindow(window);
        if (this.zoom && zoom && Math.abs((view.zoom() ?? 0) - zoom) > 1e-6) view.setZoom(zoom);
      }
    } finally {
      this.#leading = undefined;
    }
  }
}

const sameWindow = (a: WindowLevel | undefined, b: WindowLevel) =>
  a !== undefined && Math.abs(a.center - b.center) < 1e-6 && Math.abs(a.width - b.width) < 1e-6;
