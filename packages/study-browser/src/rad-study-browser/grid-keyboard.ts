// The worklist's treegrid keyboard (WAI-ARIA APG treegrid): arrows, Home/End and Page Up/Down
// move between rows; Right expands a study, Left collapses it or goes from a series to its study;
// Enter opens a study or chooses a series; Space expands a study or chooses a series.

/** What a key does to the grid, given the focused row. */
export interface GridActions {
  /** The rows in order, the focused one at `index`. */
  rows: readonly HTMLElement[];
  index: number;
  /** The focused row is a series row of this study row (its key). */
  seriesOf?: string;
  focus(row: HTMLElement | undefined): void;
  expand(): void;
  collapse(): void;
  toggle(): void;
  open(): void;
  chooseSeries(): void;
}

/** Runs the key's action; returns whether the key was the grid's. */
export function gridKey(key: string, grid: GridActions): boolean {
  const { rows, index, seriesOf } = grid;
  const moves: Record<string, HTMLElement | undefined> = {
    ArrowDown: rows[index + 1],
    ArrowUp: rows[index - 1],
    Home: rows[0],
    End: rows.at(-1),
    PageDown: rows[Math.min(rows.length - 1, index + 10)],
    PageUp: rows[Math.max(0, index - 10)],
  };
  if (key in moves) grid.focus(moves[key]);
  else if (key === 'ArrowRight') {
    if (seriesOf === undefined) grid.expand();
  } else if (key === 'ArrowLeft') {
    if (seriesOf !== undefined) grid.focus(rows.find((r) => r.dataset.key === seriesOf));
    else grid.collapse();
  } else if (key === 'Enter') {
    if (seriesOf !== undefined) grid.chooseSeries();
    else grid.open();
  } else if (key === ' ') {
    if (seriesOf !== undefined) grid.chooseSeries();
    else grid.toggle();
  } else return false;
  return true;
}
