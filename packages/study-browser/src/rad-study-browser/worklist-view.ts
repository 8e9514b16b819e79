// The worklist's states and parts apart from its study rows: loading, empty and error states, the
// pager, the header row, the series rows of an expanded study, and the priors of the selection.
import { msg, str } from '@lit/localize';
import { DicomWebError, errorMessage, formatPersonName, type Page, type Series, type Study } from '@telerad/core';
import { html, nothing } from 'lit';
import type { CellContext, SortDirection, StudyColumn } from './columns.js';
import { imageCount, queryDescription } from './messages.js';
import type { SeriesState } from './series-loader.js';
import type { WorklistQuery } from './worklist-query.js';
import type { WorklistRow } from './worklist-row.js';

/** Rows of the grid, study rows and the series rows of expanded studies, keyed for focus. */
export const rowKey = (studyUid: string, seriesUid?: string) => (seriesUid ? `${studyUid}/${seriesUid}` : studyUid);

export function renderLoading() {
  return html`<div part="status loading" role="status" aria-live="polite">
    <span class="visually-hidden">${msg('Loading studies…', { id: 'state.loading' })}</span>
    ${[1, 2, 3, 4, 5].map(() => html`<span class="skeleton" aria-hidden="true"></span>`)}
  </div>`;
}

/** No studies: what was searched for, or an empty archive; the host's `empty` slot replaces it. */
export function renderEmpty(query: WorklistQuery, pager: unknown) {
  const described = queryDescription(query);
  const text = described
    ? msg(str`No studies match ${described}.`, { id: 'state.empty-query' })
    : msg('The archive has no studies.', { id: 'state.empty' });
  return html`${pager}
    <div part="status empty" role="status"><slot name="empty">${text}</slot></div>`;
}

export function renderError(error: unknown, retry: () => unknown) {
  const kind = error instanceof DicomWebError ? error.kind : 'unknown';
  return html`<div part="status error" role="alert" data-kind=${kind}>
    <span>${errorMessage(error)}</span>
    <button part="retry" type="button" @click=${retry}>${msg('Retry', { id: 'action.retry' })}</button>
  </div>`;
}

/** The rows shown and the pager; `goTo` moves to another offset. */
export function renderPager(page: Page<Study>, shown: number, pageSize: number, goTo: (offset: number) => void) {
  const first = page.offset + 1;
  const last = page.offset + shown;
  const range = shown ? msg(str`Studies ${first}–${last}`, { id: 'pager.range' }) : '';
  return html`<div part="toolbar">
    <span role="status">${range}${page.hasMore ? '' : msg(' (end)', { id: 'pager.end' })}</span>
    <span part="pager">
      <button type="button" ?disabled=${page.offset === 0} @click=${() => goTo(Math.max(0, page.offset - pageSize))}>
        ${msg('Previous page', { id: 'pager.previous' })}
      </button>
      <button type="button" ?disabled=${!page.hasMore} @click=${() => goTo(page.offset + pageSize)}>
        ${msg('Next page', { id: 'pager.next' })}
      </button>
    </span>
  </div>`;
}

/** The column headers, sortable ones as buttons. */
export function renderHeaderRow(
  columns: readonly StudyColumn[],
  sort: { by: string; direction: SortDirection },
  sortBy: (column: StudyColumn) => void,
) {
  const header = (column: StudyColumn) =>
    column.sortValue
      ? html`<button type="button" class="sort" @click=${() => sortBy(column)}>${column.header()}</button>`
      : column.header();
  return html`<div part="header" class="row" role="row" aria-rowindex="1">
    <span role="columnheader"><span class="visually-hidden">${msg('Expand', { id: 'column.expand' })}</span></span>
    ${columns.map(
      (column) =>
        html`<span
          role="columnheader"
          data-column=${column.id}
          aria-sort=${sort.by === column.id ? sort.direction : 'none'}
          >${header(column)}</span
        >`,
    )}
  </div>`;
}

/** What the series rows of an expanded study need. */
export interface SeriesRows {
  study: Study;
  state: SeriesState | undefined;
  focusKey: string;
  /** The next row's aria-rowindex. */
  nextIndex(): number;
  /** The service for the thumbnails (the browser's own, or the provided one). */
  service: unknown;
  choose(series: Series, key: string): void;
}

/** The series of an expanded study, each with its thumbnail; or why there are none yet. */
export function renderSeriesRows({ study, state, focusKey, nextIndex, service, choose }: SeriesRows) {
  const message = (text: unknown) =>
    html`<div class="row series" role="row" aria-level="2" aria-rowindex=${nextIndex()}>
      <span role="gridcell" class="span">${text}</span>
    </div>`;
  if (!state || state.status === 'loading') return message(msg('Loading series…', { id: 'series.loading' }));
  if (state.status === 'error') return message(errorMessage(state.error));
  if (state.series.length === 0) return message(msg('No series.', { id: 'series.none' }));
  return state.series.map((series) => {
    const key = rowKey(study.studyInstanceUID, series.seriesInstanceUID);
    return html`<div
      part="series-row"
      class="row series"
      role="row"
      aria-level="2"
      aria-rowindex=${nextIndex()}
      data-key=${key}
      data-study-uid=${study.studyInstanceUID}
      data-series-uid=${series.seriesInstanceUID}
      tabindex=${key === focusKey ? 0 : -1}
      @click=${() => choose(series, key)}
    >
      <span role="gridcell" class="span">
        <rad-series-thumbnail
          part="thumbnail"
          .service=${service}
          study-uid=${study.studyInstanceUID}
          series-uid=${series.seriesInstanceUID}
          modality=${series.modality ?? nothing}
        ></rad-series-thumbnail>
        <span class="series-text">
          <strong>${msg(str`Series ${series.seriesNumber ?? '–'}`, { id: 'series.number' })}</strong>
          <span data-field="modality">${series.modality ?? ''}</span>
          <span data-field="description">${series.description ?? ''}</span>
          <span data-field="count">${imageCount(series.instanceCount)}</span>
        </span>
      </span>
    </div>`;
  });
}

/** The priors of the selected study: a heading naming the patient, and the priors (or their state). */
export function renderPriorsSection(selected: Study, priors: unknown) {
  const name = formatPersonName(selected.patientName) || selected.patientId || '';
  return html`<section part="priors" aria-label=${msg('Prior studies', { id: 'priors.label' })}>
    <h3>${msg(str`Priors of ${name}`, { id: 'priors.heading' })}</h3>
    ${priors}
  </section>`;
}

/** The prior studies found, each selected by a click and opened by a double click. */
export function renderPriorList(
  priors: readonly Study[],
  select: (prior: Study) => void,
  open: (prior: Study) => void,
) {
  if (!priors.length) return html`<p>${msg('No prior studies.', { id: 'priors.none' })}</p>`;
  return html`<ul>
    ${priors.map(
      (prior) =>
        html`<li data-study-uid=${prior.studyInstanceUID}>
          <button type="button" @click=${() => select(prior)} @dblclick=${() => open(prior)}>
            <span class="badge">${msg('Prior', { id: 'priors.badge' })}</span>
            <span data-field="date">${prior.studyDate ?? ''}</span>
            <span data-field="modalities">${prior.modalities.join(', ')}</span>
            <span data-field="description">${prior.description ?? ''}</span>
          </button>
        </li>`,
    )}
  </ul>`;
}

/** How one study row is shown and what its clicks do. */
export interface StudyRowState {
  index: number;
  expanded: boolean;
  selected: boolean;
  focused: boolean;
  columns: readonly StudyColumn[];
  context: CellContext;
  /** Read status while unknown: still loading, or not to be had (the documents failed). */
  statusFailed: boolean;
}

export interface StudyRowActions {
  select(): void;
  open(): void;
  toggle(): void;
}

function renderCell(column: StudyColumn, row: WorklistRow, state: StudyRowState) {
  if (column.id !== 'readStatus' || row.readStatus !== undefined) return column.render(row, state.context);
  const text = state.statusFailed ? msg('Unknown', { id: 'status.unknown' }) : '…';
  return html`<span class="badge" data-status="unknown">${text}</span>`;
}

/** A study row: the expander, then a cell per column. */
export function renderStudyRow(row: WorklistRow, state: StudyRowState, actions: StudyRowActions) {
  const uid = row.study.studyInstanceUID;
  const { expanded } = state;
  const label = expanded ? msg('Hide series', { id: 'action.collapse' }) : msg('Show series', { id: 'action.expand' });
  const toggle = (e: Event) => {
    e.stopPropagation();
    actions.toggle();
  };
  return html`<div
    part="row"
    class="row study"
    role="row"
    data-key=${uid}
    data-study-uid=${uid}
    data-priority=${row.priority}
    aria-rowindex=${state.index}
    aria-level="1"
    aria-expanded=${expanded ? 'true' : 'false'}
    aria-selected=${state.selected ? 'true' : 'false'}
    tabindex=${state.focused ? 0 : -1}
    @click=${() => actions.select()}
    @dblclick=${() => actions.open()}
  >
    <span role="gridcell">
      <button type="button" class="expander" tabindex="-1" aria-label=${label} @click=${toggle}>
        ${expanded ? '▾' : '▸'}
      </button>
    </span>
    ${state.columns.map(
      (column) => html`<span role="gridcell" data-column=${column.id}>${renderCell(column, row, state)}</span>`,
    )}
  </div>`;
}
