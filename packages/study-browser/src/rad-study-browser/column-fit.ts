// Which columns fit: a worklist shows every column it can at the width it has, and drops the ones
// a reader needs least first, so that priority, status, patient, date, modalities, description and
// turnaround never need horizontal scrolling at common screen widths (1280, 1600, 1920 px).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StudyColumn, StudyColumnId } from './columns.js';

/** Built-in columns in the order they are left out when space runs short. Others always stay. */
export const DROP_ORDER: readonly StudyColumnId[] = [
  'counts',
  'institution',
  'birthDateSex',
  'patientId',
  'accessionNumber',
];
/** The expander column before the others. */
const EXPANDER_REM = 2;

/** The least width of a column, in rem: its fixed width, or the minimum of its `minmax()`. */
export function minimumRem(column: StudyColumn): number {
  const least = /^(?:minmax\(\s*)?([\d.]+)rem/.exec(column.width ?? 'minmax(6rem, 1fr)');
  return least ? Number(least[1]) : 6;
}

/** The columns shown in `availableRem`: all of them if they fit, else without the first of `DROP_ORDER`. */
export function columnsThatFit(columns: readonly StudyColumn[], availableRem: number): StudyColumn[] {
  const shown = [...columns];
  const needed = () => EXPANDER_REM + shown.reduce((sum, column) => sum + minimumRem(column), 0);
  for (const id of DROP_ORDER) {
    if (needed() <= availableRem) break;
    const index = shown.findIndex((column) => column.id === id);
    if (index >= 0) shown.splice(index, 1);
  }
  return shown;
}

/** The host's width in rem, kept current by a ResizeObserver while it is connected. */
export class WidthController implements ReactiveController {
  #observer?: ResizeObserver;
  #frame = 0;
  /** Width of the host's content box in rem; Infinity until measured. */
  rem = Infinity;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver(([entry]) => {
      const rootPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const rem = entry.contentRect.width / rootPx;
      if (Math.abs(rem - this.rem) < 0.05) return;
      this.rem = rem;
      // Next frame: laying the table out again inside the observer's delivery (a page scrollbar
      // coming or going changes the width again) ends in a "ResizeObserver loop" error.
      cancelAnimationFrame(this.#frame);
      this.#frame = requestAnimationFrame(() => this.host.requestUpdate());
    });
    this.#observer.observe(this.host);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
