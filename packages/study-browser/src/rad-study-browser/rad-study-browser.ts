import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import {
  buttons,
  dicomWebContext,
  DicomWebError,
  errorMessage,
  formatPersonName,
  RadElement,
  surface,
  tokens,
  type DicomWebService,
  type Page,
  type ReportDocument,
  type Series,
  type Study,
} from '@telerad/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { query } from 'lit/decorators/query.js';
import { state } from 'lit/decorators/state.js';
import { repeat } from 'lit/directives/repeat.js';
import { ClockController } from './clock-controller.js';
import { columnsThatFit, WidthController } from './column-fit.js';
import {
  DEFAULT_COLUMNS,
  sortRows,
  STUDY_COLUMNS,
  type CellContext,
  type SortDirection,
  type StudyColumn,
  type StudyColumnId,
} from './columns.js';
import { imageCount, queryDescription } from './messages.js';
import { styles } from './rad-study-browser.styles.js';
import { renderFilters, readFilters } from './search-form.js';
import { SeriesLoader } from './series-loader.js';
import { toStudyQuery, type WorklistQuery } from './worklist-query.js';
import {
  DEFAULT_TURNAROUND_TARGETS,
  toWorklistRow,
  type TurnaroundTargets,
  type WorklistProviders,
  type WorklistRow,
} from './worklist-row.js';

/** What the study browser needs of a DICOMweb service (a `DicomWebService` or any stand-in). */
export type StudySearchService = Pick<
  DicomWebService,
  | 'searchStudies'
  | 'searchStudiesPage'
  | 'searchSeries'
  | 'searchReportDocuments'
  | 'searchInstances'
  | 'retrieveRenderedInstance'
>;

/** `detail` of `rad-study-select` and `rad-study-open`. */
export interface StudySelectDetail {
  study: Study;
  /** Whether the study was picked from the priors list of another study. */
  prior: boolean;
}

/** `detail` of `rad-series-select`. */
export interface SeriesSelectDetail {
  study: Study;
  series: Series;
}

/** `detail` of `rad-query-change`. */
export interface QueryChangeDetail {
  query: WorklistQuery;
}

/** Rows of the grid, study rows and the series rows of expanded studies, keyed for focus. */
const rowKey = (studyUid: string, seriesUid?: string) => (seriesUid ? `${studyUid}/${seriesUid}` : studyUid);

/**
 * The teleradiology worklist: searches a DICOMweb archive (QIDO-RS), shows priority, read status
 * and the turnaround clock of each study, expands studies into their series with thumbnails, and
 * lists the priors of the selected study. Tag values are always rendered as text.
 *
 * Sorting: where the server honours paging, rows are sorted within the fetched page (DICOMweb
 * servers such as Orthanc ignore `orderby`); raise `page-size` to sort a whole worklist at once.
 *
 * @tag rad-study-browser
 * @summary A DICOMweb worklist with priorities, read status, turnaround clocks, series and priors.
 *
 * @fires {CustomEvent<StudySelectDetail>} rad-study-select - A study was selected (click, arrow keys then Enter, or a prior).
 * @fires {CustomEvent<StudySelectDetail>} rad-study-open - A study was opened (double-click or Enter).
 * @fires {CustomEvent<SeriesSelectDetail>} rad-series-select - A series of an expanded study was chosen.
 * @fires {CustomEvent<QueryChangeDetail>} rad-query-change - The user changed the search.
 * @fires {CustomEvent<AuthRequiredDetail>} rad-auth-required - The archive answered 401; the element retries once after it.
 * @fires {CustomEvent<RadErrorDetail>} rad-error - A request failed; the element shows the error state.
 *
 * @csspart filters - The search form.
 * @csspart toolbar - The result summary and pager above the grid.
 * @csspart pager - The previous/next page buttons.
 * @csspart table - The grid of studies (role treegrid).
 * @csspart header - The header row.
 * @csspart row - Each study row.
 * @csspart series-row - Each series row of an expanded study.
 * @csspart thumbnail - Each series thumbnail.
 * @csspart status - The loading, empty and error messages.
 * @csspart loading - The loading skeleton.
 * @csspart empty - The empty-result state.
 * @csspart error - The error state.
 * @csspart retry - The retry button of the error state.
 * @csspart priors - The priors of the selected study.
 *
 * @cssprop --rad-color-background - Background colour.
 * @cssprop --rad-color-text - Text colour.
 * @cssprop --rad-color-text-muted - Secondary text colour.
 * @cssprop --rad-color-border - Border colour.
 * @cssprop --rad-color-accent - Accent colour (buttons, selection, focus).
 * @cssprop --rad-color-danger - Error and overdue colour.
 * @cssprop --rad-color-stat - Background of STAT rows.
 * @cssprop --rad-color-row-hover - Row hover background.
 * @cssprop --rad-font-family - Font family.
 * @cssprop --rad-font-size - Base font size.
 * @cssprop --rad-study-browser-max-height - Maximum height of the scrolling grid.
 *
 * @slot empty - Replaces the default "no studies" message.
 */
@localized()
export class RadStudyBrowser extends RadElement {
  static override styles = [tokens, surface, buttons, styles];

  /** A DICOMweb service to use instead of the one provided by an enclosing `<rad-dicomweb>`. */
  @property({ attribute: false }) service?: StudySearchService;

  /** The active search. Setting it searches; user edits replace it and fire `rad-query-change`. */
  @property({ attribute: false }) query: WorklistQuery = {};

  /** Studies per page (the server is asked for one more, to know whether a next page exists). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** Column to sort by (a column id); priority first is the radiologist's default. */
  @property({ attribute: 'sort-by', reflect: true }) sortBy: string = 'priority';

  /** `ascending` or `descending`, for the `sort-by` column. */
  @property({ attribute: 'sort-direction', reflect: true }) sortDirection: SortDirection = 'ascending';

  /**
   * Columns, in order: column objects or ids of `STUDY_COLUMNS`. When the element is narrower than
   * their least widths together, counts, born/age/sex, patient ID and accession are left out, in
   * that order (`DROP_ORDER`), before the worklist scrolls sideways.
   */
  @property({ attribute: false }) columns: readonly (StudyColumn | StudyColumnId)[] = DEFAULT_COLUMNS;

  /** Host overrides of priority, read status and arrival time. */
  @property({ attribute: false }) providers: WorklistProviders = {};

  /** Minutes from arrival to first report, per priority. */
  @property({ attribute: false }) turnaroundTargets: TurnaroundTargets = DEFAULT_TURNAROUND_TARGETS;

  /** A fixed "now" (epoch ms) for clocks and date presets; the live clock when unset. */
  @property({ type: Number }) now?: number;

  /** Milliseconds of typing quiet before a search runs. */
  @property({ type: Number, attribute: 'debounce-ms' }) debounceMs = 300;

  /** StudyInstanceUID of the selected study. */
  @property({ attribute: 'selected-study-uid', reflect: true }) selectedStudyUid?: string;

  @consume({ context: dicomWebContext, subscribe: true })
  @state()
  private contextService?: DicomWebService;

  @state() private offset = 0;
  /** The selected study when picked outside the page (a prior). */
  @state() private pickedStudy?: Study;
  @state() private focusKey?: string;

  @query('form') private form?: HTMLFormElement;

  #debounce?: ReturnType<typeof setTimeout>;
  #series = new SeriesLoader(this, () => this.#service);
  #width = new WidthController(this);

  constructor() {
    super();
    new ClockController(this);
  }

  get #service(): StudySearchService | undefined {
    return this.service ?? this.contextService;
  }

  get #now(): number {
    return this.now ?? Date.now();
  }

  #pageTask = new Task(this, {
    task: async ([service, worklistQuery, offset, limit], { signal }): Promise<Page<Study>> => {
      if (!service) throw new DicomWebError('not-configured', 0, '');
      const studyQuery = toStudyQuery(worklistQuery, this.#now);
      return this.withAuthRetry('search-studies', () =>
        service.searchStudiesPage(studyQuery, { limit, offset }, { signal }),
      );
    },
    args: () => [this.#service, this.query, this.offset, this.pageSize] as const,
    onError: (error) => this.#reportError(error, 'search-studies'),
  });

  /** SR documents of the studies on the page, for their read status (unless the host provides it). */
  #documentsTask = new Task(this, {
    task: async ([service, page, hostProvidesStatus], { signal }) => {
      const byStudy = new Map<string, ReportDocument[]>();
      if (!service || !page || hostProvidesStatus) return hostProvidesStatus ? byStudy : undefined;
      const uids = page.items.map((s) => s.studyInstanceUID);
      const documents = await this.withAuthRetry('read-status', () => service.searchReportDocuments(uids, { signal }));
      for (const document of documents)
        byStudy.set(document.studyInstanceUID, [...(byStudy.get(document.studyInstanceUID) ?? []), document]);
      return byStudy;
    },
    args: () => [this.#service, this.#pageTask.value, Boolean(this.providers.readStatus)] as const,
    onError: (error) => this.#reportError(error, 'read-status'),
  });

  #priorsTask = new Task(this, {
    task: async ([service, study], { signal }) => {
      if (!service || !study?.patientId) return [];
      const found = await this.withAuthRetry('search-priors', () =>
        service.searchStudies({ patientId: study.patientId, issuerOfPatientId: study.issuerOfPatientId }, { signal }),
      );
      return sortRows(
        found
          .filter(
            (s) => s.studyInstanceUID !== study.studyInstanceUID && s.issuerOfPatientId === study.issuerOfPatientId,
          )
          .map((s) => toWorklistRow(s, [], this.providers)),
        STUDY_COLUMNS.studyDateTime,
        'descending',
        this.#cellContext,
      ).map((row) => row.study);
    },
    args: () => [this.#service, this.#selectedStudy] as const,
    onError: (error) => this.#reportError(error, 'search-priors'),
  });

  get #selectedStudy(): Study | undefined {
    const uid = this.selectedStudyUid;
    if (!uid) return undefined;
    if (this.pickedStudy?.studyInstanceUID === uid) return this.pickedStudy;
    return this.#pageTask.value?.items.find((s) => s.studyInstanceUID === uid);
  }

  /** Shows the series of a study on the current page (as Space or the row's toggle does). */
  expandStudy(studyInstanceUID: string): void {
    const study = this.#pageTask.value?.items.find((s) => s.studyInstanceUID === studyInstanceUID);
    if (study) this.#series.expand(study);
  }

  /** Hides the series of a study that `expandStudy` (or the user) opened. */
  collapseStudy(studyInstanceUID: string): void {
    this.#series.collapse(studyInstanceUID);
  }

  /** Runs the search again (e.g. after the archive received studies or reports). */
  refresh(): void {
    void this.#pageTask.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#debounce);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query') || changed.has('pageSize')) this.offset = 0;
  }

  protected override updated(): void {
    // Column widths through the CSSOM: a style attribute would need 'unsafe-inline' under CSP.
    const widths = `2rem ${this.#shownColumns.map((c) => c.width ?? 'minmax(6rem, 1fr)').join(' ')}`;
    this.renderRoot.querySelector<HTMLElement>('[part~="table"]')?.style.setProperty('--_columns', widths);
  }

  #reportError(error: unknown, operation: string): void {
    if (!(error instanceof DicomWebError && error.kind === 'aborted')) this.emitError(error, operation);
  }

  get #cellContext(): CellContext {
    return { now: this.#now, targets: this.turnaroundTargets };
  }

  get #resolvedColumns(): StudyColumn[] {
    return this.columns.map((c) => (typeof c === 'string' ? STUDY_COLUMNS[c] : c));
  }

  /** The columns that fit the element's width (see `DROP_ORDER`). */
  get #shownColumns(): StudyColumn[] {
    return columnsThatFit(this.#resolvedColumns, this.#width.rem);
  }

  /** Applies the form to `query`: at once, or after the typing pause. */
  #commitFilters(delay: number): void {
    clearTimeout(this.#debounce);
    const commit = () => {
      if (this.form) this.#setQuery(readFilters(this.form));
    };
    if (delay > 0) this.#debounce = setTimeout(commit, delay);
    else commit();
  }

  #select(study: Study, prior = false): void {
    this.selectedStudyUid = study.studyInstanceUID;
    this.pickedStudy = study;
    this.emit('rad-study-select', { study, prior });
  }

  #open(study: Study, prior = false): void {
    this.#select(study, prior);
    this.emit('rad-study-open', { study, prior });
  }

  #sortBy(column: StudyColumn): void {
    if (this.sortBy === column.id) this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    else {
      this.sortBy = column.id;
      this.sortDirection = 'ascending';
    }
  }

  /** Keyboard of the treegrid (WAI-ARIA APG): arrows, Home/End, Enter opens, Space expands. */
  #onGridKeydown(event: KeyboardEvent): void {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-key]');
    if (!row || event.target !== row) return;
    const rows = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="table"] [role="row"][data-key]')];
    const index = rows.indexOf(row);
    const study = this.#rowStudy(row);
    const { studyUid = '', seriesUid } = row.dataset;
    const series = seriesUid ? this.#series.get(studyUid)?.find((s) => s.seriesInstanceUID === seriesUid) : undefined;
    const focus = (target: HTMLElement | undefined) => {
      if (!target) return;
      this.focusKey = target.dataset.key;
      target.focus();
    };
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          return (focus(rows[index + 1]), true);
        case 'ArrowUp':
          return (focus(rows[index - 1]), true);
        case 'Home':
          return (focus(rows[0]), true);
        case 'End':
          return (focus(rows.at(-1)), true);
        case 'PageDown':
          return (focus(rows[Math.min(rows.length - 1, index + 10)]), true);
        case 'PageUp':
          return (focus(rows[Math.max(0, index - 10)]), true);
        case 'ArrowRight':
          if (study && !series) this.#series.expand(study);
          return true;
        case 'ArrowLeft':
          if (series) focus(rows.find((r) => r.dataset.key === studyUid));
          else if (study) this.#series.collapse(study.studyInstanceUID);
          return true;
        case 'Enter':
          if (series && study) this.emit('rad-series-select', { study, series });
          else if (study) this.#open(study);
          return true;
        case ' ':
          if (series && study) this.emit('rad-series-select', { study, series });
          else if (study) this.#series.toggle(study);
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  }

  #setQuery(next: WorklistQuery): void {
    if (JSON.stringify(next) === JSON.stringify(this.query)) return;
    this.query = next;
    this.emit('rad-query-change', { query: next });
  }

  #rowStudy(row: HTMLElement): Study | undefined {
    return this.#pageTask.value?.items.find((s) => s.studyInstanceUID === row.dataset.studyUid);
  }

  protected override render() {
    return html`
      ${renderFilters(this.query, {
        onInput: () => this.#commitFilters(this.debounceMs),
        onChange: () => this.#commitFilters(0),
        onSubmit: (event: SubmitEvent) => {
          event.preventDefault();
          this.#commitFilters(0);
        },
        // Every filter goes, the date preset too: form.reset() alone would restore the preset
        // the form was last rendered with.
        onClear: () => {
          clearTimeout(this.#debounce);
          this.#setQuery({});
        },
      })}
      ${this.#pageTask.render({
        pending: () => this.#renderLoading(),
        complete: (page) => (page.items.length ? this.#renderPage(page) : this.#renderEmpty(page)),
        error: (error) => this.#renderError(error, () => this.#pageTask.run()),
      })}
      ${this.#renderPriors()}
    `;
  }

  #renderLoading() {
    return html`<div part="status loading" role="status" aria-live="polite">
      <span class="visually-hidden">${msg('Loading studies…', { id: 'state.loading' })}</span>
      ${[1, 2, 3, 4, 5].map(() => html`<span class="skeleton" aria-hidden="true"></span>`)}
    </div>`;
  }

  #renderEmpty(page: Page<Study>) {
    const described = queryDescription(this.query);
    return html`${page.offset > 0 ? this.#renderToolbar(page, 0) : nothing}
      <div part="status empty" role="status">
        <slot name="empty"
          >${
            described
              ? msg(str`No studies match ${described}.`, { id: 'state.empty-query' })
              : msg('The archive has no studies.', { id: 'state.empty' })
          }</slot
        >
      </div>`;
  }

  #renderError(error: unknown, retry: () => unknown) {
    return html`<div part="status error" role="alert" data-kind=${error instanceof DicomWebError ? error.kind : 'unknown'}>
      <span>${errorMessage(error)}</span>
      <button part="retry" type="button" @click=${retry}>${msg('Retry', { id: 'action.retry' })}</button>
    </div>`;
  }

  #renderToolbar(page: Page<Study>, shown: number) {
    const first = page.offset + 1;
    const last = page.offset + shown;
    return html`<div part="toolbar">
      <span role="status">${shown ? msg(str`Studies ${first}–${last}`, { id: 'pager.range' }) : ''}${page.hasMore ? '' : msg(' (end)', { id: 'pager.end' })}</span>
      <span part="pager">
        <button type="button" ?disabled=${page.offset === 0} @click=${() => (this.offset = Math.max(0, page.offset - this.pageSize))}>
          ${msg('Previous page', { id: 'pager.previous' })}
        </button>
        <button type="button" ?disabled=${!page.hasMore} @click=${() => (this.offset = page.offset + this.pageSize)}>
          ${msg('Next page', { id: 'pager.next' })}
        </button>
      </span>
    </div>`;
  }

  #rows(page: Page<Study>): WorklistRow[] {
    // While the documents of a new page load, the previous page's are stale: status unknown.
    const documents = this.#documentsTask.status === TaskStatus.COMPLETE ? this.#documentsTask.value : undefined;
    const statusKnown = Boolean(documents) || Boolean(this.providers.readStatus);
    const rows = page.items.map((study) => {
      const row = toWorklistRow(study, documents?.get(study.studyInstanceUID) ?? [], this.providers);
      return statusKnown ? row : { ...row, readStatus: undefined };
    });
    const column = this.#resolvedColumns.find((c) => c.id === this.sortBy) ?? STUDY_COLUMNS.priority;
    return sortRows(rows, column, this.sortDirection, this.#cellContext);
  }

  #renderPage(page: Page<Study>) {
    const columns = this.#shownColumns;
    const rows = this.#rows(page);
    const context = this.#cellContext;
    const focusKey = this.focusKey ?? this.selectedStudyUid ?? rows[0].study.studyInstanceUID;
    let rowIndex = 1;
    return html`${this.#renderToolbar(page, rows.length)}
      <div class="scroll">
        <div part="table" role="treegrid" aria-label=${msg('Studies', { id: 'grid.label' })} aria-multiselectable="false">
          <div role="rowgroup">
            ${this.#renderHeaderRow(columns)}
          </div>
          <div role="rowgroup" @keydown=${this.#onGridKeydown}>
            ${repeat(
              rows,
              (row) => row.study.studyInstanceUID,
              (row) => {
                const uid = row.study.studyInstanceUID;
                const expanded = this.#series.isExpanded(uid);
                return html`<div
                    part="row"
                    class="row study"
                    role="row"
                    data-key=${uid}
                    data-study-uid=${uid}
                    data-priority=${row.priority}
                    aria-rowindex=${++rowIndex}
                    aria-level="1"
                    aria-expanded=${expanded ? 'true' : 'false'}
                    aria-selected=${uid === this.selectedStudyUid ? 'true' : 'false'}
                    tabindex=${uid === focusKey ? 0 : -1}
                    @click=${() => {
                      this.focusKey = uid;
                      this.#select(row.study);
                    }}
                    @dblclick=${() => this.#open(row.study)}
                  >
                    <span role="gridcell">
                      <button
                        type="button"
                        class="expander"
                        tabindex="-1"
                        aria-label=${expanded ? msg('Hide series', { id: 'action.collapse' }) : msg('Show series', { id: 'action.expand' })}
                        @click=${(e: Event) => {
                          e.stopPropagation();
                          this.#series.toggle(row.study);
                        }}
                      >
                        ${expanded ? '▾' : '▸'}
                      </button>
                    </span>
                    ${columns.map((column) => html`<span role="gridcell" data-column=${column.id}>${this.#renderCell(column, row, context)}</span>`)}
                  </div>
                  ${expanded ? this.#renderSeriesRows(row.study, focusKey, () => ++rowIndex) : nothing}`;
              },
            )}
          </div>
        </div>
      </div>`;
  }

  /** The column headers, sortable ones as buttons. */
  #renderHeaderRow(columns: readonly StudyColumn[]) {
    return html`<div part="header" class="row" role="row" aria-rowindex="1">
      <span role="columnheader"><span class="visually-hidden">${msg('Expand', { id: 'column.expand' })}</span></span>
      ${columns.map(
        (column) => html`<span
          role="columnheader"
          data-column=${column.id}
          aria-sort=${this.sortBy === column.id ? this.sortDirection : 'none'}
          >${
            column.sortValue
              ? html`<button type="button" class="sort" @click=${() => this.#sortBy(column)}>${column.header()}</button>`
              : column.header()
          }</span
        >`,
      )}
    </div>`;
  }

  #renderCell(column: StudyColumn, row: WorklistRow, context: CellContext) {
    if (column.id === 'readStatus' && row.readStatus === undefined) {
      return html`<span class="badge" data-status="unknown">${this.#documentsTask.error ? msg('Unknown', { id: 'status.unknown' }) : '…'}</span>`;
    }
    return column.render(row, context);
  }

  #renderSeriesRows(study: Study, focusKey: string, nextIndex: () => number) {
    const state = this.#series.state(study.studyInstanceUID);
    const message = (text: unknown) =>
      html`<div class="row series" role="row" aria-level="2" aria-rowindex=${nextIndex()}><span role="gridcell" class="span">${text}</span></div>`;
    if (!state || state.status === 'loading') return message(msg('Loading series…', { id: 'series.loading' }));
    if (state.status === 'error') return message(errorMessage(state.error));
    if (state.series.length === 0) return message(msg('No series.', { id: 'series.none' }));
    return state.series.map((series) => {
      const key = rowKey(study.studyInstanceUID, series.seriesInstanceUID);
      const select = () => {
        this.focusKey = key;
        this.emit('rad-series-select', { study, series });
      };
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
        @click=${select}
      >
        <span role="gridcell" class="span">
          <rad-series-thumbnail
            part="thumbnail"
            .service=${this.#service}
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

  #renderPriors() {
    const selected = this.#selectedStudy;
    if (!selected) return nothing;
    const name = formatPersonName(selected.patientName) || selected.patientId || '';
    return html`<section part="priors" aria-label=${msg('Prior studies', { id: 'priors.label' })}>
      <h3>${msg(str`Priors of ${name}`, { id: 'priors.heading' })}</h3>
      ${this.#priorsTask.render({
        pending: () => html`<p role="status">${msg('Loading priors…', { id: 'priors.loading' })}</p>`,
        error: (error) => this.#renderError(error, () => this.#priorsTask.run()),
        complete: (priors) =>
          priors.length
            ? html`<ul>
                ${priors.map(
                  (prior) =>
                    html`<li data-study-uid=${prior.studyInstanceUID}>
                      <button type="button" @click=${() => this.#select(prior, true)} @dblclick=${() => this.#open(prior, true)}>
                        <span class="badge">${msg('Prior', { id: 'priors.badge' })}</span>
                        <span data-field="date">${prior.studyDate ?? ''}</span>
                        <span data-field="modalities">${prior.modalities.join(', ')}</span>
                        <span data-field="description">${prior.description ?? ''}</span>
                      </button>
                    </li>`,
                )}
              </ul>`
            : html`<p>${msg('No prior studies.', { id: 'priors.none' })}</p>`,
      })}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-study-browser': RadStudyBrowser;
  }
}

declare module '@telerad/core' {
  interface RadEventMap {
    'rad-study-select': StudySelectDetail;
    'rad-study-open': StudySelectDetail;
    'rad-series-select': SeriesSelectDetail;
    'rad-query-change': QueryChangeDetail;
  }
}
