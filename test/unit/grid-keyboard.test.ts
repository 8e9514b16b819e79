// The worklist treegrid's keys (WAI-ARIA APG treegrid), as one dispatch.
import { expect } from '@open-wc/testing';
import { gridKey, type GridActions } from '../../packages/study-browser/src/rad-study-browser/grid-keyboard.js';

function grid(index: number, seriesOf?: string) {
  const rows = Array.from({ length: 30 }, () => document.createElement('div'));
  rows.forEach((row, i) => (row.dataset.key = `row-${i}`));
  const done: string[] = [];
  const actions: GridActions = {
    rows,
    index,
    ...(seriesOf ? { seriesOf } : {}),
    focus: (row) => done.push(`focus ${row?.dataset.key}`),
    expand: () => done.push('expand'),
    collapse: () => done.push('collapse'),
    toggle: () => done.push('toggle'),
    open: () => done.push('open'),
    chooseSeries: () => done.push('series'),
  };
  return { actions, done };
}

describe('worklist grid keys', () => {
  it('moves between rows', () => {
    const moves = ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'].map((key) => {
      const { actions, done } = grid(12);
      expect(gridKey(key, actions)).to.equal(true);
      return done[0];
    });
    expect(moves).to.deep.equal([
      'focus row-13',
      'focus row-11',
      'focus row-0',
      'focus row-29',
      'focus row-22',
      'focus row-2',
    ]);
  });

  it('expands, collapses, opens and toggles a study row; chooses a series row, or goes to its study', () => {
    const on = (key: string, seriesOf?: string) => {
      const { actions, done } = grid(5, seriesOf);
      gridKey(key, actions);
      return done.join(',');
    };
    expect(['ArrowRight', 'ArrowLeft', 'Enter', ' '].map((key) => on(key))).to.deep.equal([
      'expand',
      'collapse',
      'open',
      'toggle',
    ]);
    expect(['ArrowRight', 'ArrowLeft', 'Enter', ' '].map((key) => on(key, 'row-3'))).to.deep.equal([
      '',
      'focus row-3',
      'series',
      'series',
    ]);
  });

  it('leaves other keys to the page', () => {
    const { actions, done } = grid(0);
    expect(gridKey('a', actions)).to.equal(false);
    expect(done).to.deep.equal([]);
  });
});
