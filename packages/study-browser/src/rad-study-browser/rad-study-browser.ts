import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import {
  buttons,
  dicomWebContext,
  RadElement,
  surface,
  tokens,
  type DicomWebService,
  type Page,
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
  STUDY_COLUMNS,
  type CellContext,
  type SortDirection,
  type StudyColumn,
  type StudyColumnId,
} from './columns.js';
import './browser-events.js';
import { gridKey } from './grid-keyboard.js';
import { styles } from './rad-study-browser.styles.js';
import { renderFilters, readFilters } from './search-form.js';
import { SeriesLoader } from './series-loader.js';
import type { WorklistQuery } from './worklist-query.js';
import {
  DEFAULT_TURNAROUND_TARGETS,
  type TurnaroundTargets,
  type WorklistProviders,
  type WorklistRow,
} from './worklist-row.js';
import * as view from './worklist-view.js';
import { WorklistData, type StudySearchService } from './worklist-data.js';

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
 * @fires {CustomEvent<StudySelectDetail>} rad-study-select - A study was selected (click, arrow keys then Enter, or a
 *   prior).
 * @fires {CustomEvent<StudySelectDetail>} rad-study-open - A study was opened (double-click or Enter).
 * @fires {CustomEvent<SeriesSelectDetail>} rad-series-select - A series of an expanded study was chosen.
 * @fires {CustomEvent<QueryChangeDetail>} rad-query-change - The user changed the search.
 * @fires {CustomEvent<AuthRequiredDetail>} rad-auth-required - The archive answered 401; the element retries once after
 *   it.
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

  /** The facilities (Institution Names) this reader's contracts cover: offered one by one, and all at once. */
  @property({ attribute: false }) facilities: readonly string[] = [];

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

  #data = new WorklistData(this, {
    service: () => this.#service,
    query: () => this.query,
    offset: () => this.offset,
    pageSize: () => this.pageSize,
    facilities: () => this.facilities,
    providers: () => this.providers,
    selected: () => this.#selectedStudy,
    cellContext: () => this.#cellContext,
    request: (operation, call) => this.withAuthRetry(operation, call),
    failed: (error, operation) => this.emitError(error, operation),
  });

  get #selectedStudy(): Study | undefined {
    const uid = this.selectedStudyUid;
    if (!uid) return undefined;
    if (this.pickedStudy?.studyInstanceUID === uid) return this.pickedStudy;
    return this.#data.page.value?.items.find((s) => s.studyInstanceUID === uid);
  }

  /** Shows the series of a study on the current page (as Space or the row's toggle does). */
  expandStudy(studyInstanceUID: string): void {
    const study = this.#data.page.value?.items.find((s) => s.studyInstanceUID === studyInstanceUID);
    if (study) this.#series.expand(study);
  }

  /** Hides the series of a study that `expandStudy` (or the user) opened. */
  collapseStudy(studyInstanceUID: string): void {
    this.#series.collapse(studyInstanceUID);
  }

  /** Runs the search again (e.g. after the archive received studies or reports). */
  refresh(): void {
    void this.#data.page.run();
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
    const study = this.#rowStudy(row);
    const { studyUid = '', seriesUid } = row.dataset;
    const series = seriesUid ? this.#series.get(studyUid)?.find((s) => s.seriesInstanceUID === seriesUid) : undefined;
    const handled = gridKey(event.key, {
      rows,
      index: rows.indexOf(row),
      ...(seriesUid ? { seriesOf: studyUid } : {}),
      focus: (target) => {
        if (!target) return;
        this.focusKey = target.dataset.key;
        target.focus();
      },
      expand: () => study && this.#series.expand(study),
      collapse: () => study && this.#series.collapse(study.studyInstanceUID),
      toggle: () => study && this.#series.toggle(study),
      open: () => study && this.#open(study),
      chooseSeries: () => {
        if (study && series) this.emit('rad-series-select', { study, series });
        else if (study) this.#open(study);
      },
    });
    if (handled) event.preventDefault();
  }

  #setQuery(next: WorklistQuery): void {
    if (JSON.stringify(next) === JSON.stringify(this.query)) return;
    this.query = next;
    this.emit('rad-query-change', { query: next });
  }

  #rowStudy(row: HTMLElement): Study | undefined {
    return this.#data.page.value?.items.find((s) => s.studyInstanceUID === row.dataset.studyUid);
  }

  protected override render() {
    return html`
      ${renderFilters(this.query, this.facilities, {
        onInput: () => this.#commitFilters(this.debounceMs),
        onChange: () => this.#commitFilters(0),
        onSubmit: () => this.#commitFilters(0),
        // Every filter goes, the date preset too: form.reset() alone would restore the preset
        // the form was last rendered with.
        onClear: () => {
          clearTimeout(this.#debounce);
          this.#setQuery({});
        },
      })}
      ${this.#data.page.render({
        pending: () => view.renderLoading(),
        complete: (page) =>
          page.items.length
            ? this.#renderPage(page)
            : view.renderEmpty(this.query, page.offset > 0 ? this.#renderPager(page, 0) : nothing),
        error: (error) => view.renderError(error, () => this.#data.page.run()),
      })}
      ${this.#renderPriors()}
    `;
  }

  #renderPager(page: Page<Study>, shown: number) {
    return view.renderPager(page, shown, this.pageSize, (offset) => (this.offset = offset));
  }

  #renderPage(page: Page<Study>) {
    const columns = this.#shownColumns;
    const sortColumn = this.#resolvedColumns.find((c) => c.id === this.sortBy) ?? STUDY_COLUMNS.priority;
    const rows = this.#data.rows(page, sortColumn, this.sortDirection);
    const focusKey = this.focusKey ?? this.selectedStudyUid ?? rows[0].study.studyInstanceUID;
    const base = { columns, context: this.#cellContext, statusFailed: Boolean(this.#data.documents.error) };
    let rowIndex = 1;
    const renderRow = (row: WorklistRow) => {
      const { study } = row;
      const uid = study.studyInstanceUID;
      const expanded = this.#series.isExpanded(uid);
      const state = {
        ...base,
        index: ++rowIndex,
        expanded,
        selected: uid === this.selectedStudyUid,
        focused: uid === focusKey,
      };
      const select = () => {
        this.focusKey = uid;
        this.#select(study);
      };
      const actions = { select, open: () => this.#open(study), toggle: () => this.#series.toggle(study) };
      return html`${view.renderStudyRow(row, state, actions)}
      ${expanded ? this.#renderSeriesRows(study, focusKey, () => ++rowIndex) : nothing}`;
    };
    const sort = { by: this.sortBy, direction: this.sortDirection };
    return html`${this.#renderPager(page, rows.length)}
      <div class="scroll">
        <div
          part="table"
          role="treegrid"
          aria-label=${msg('Studies', { id: 'grid.label' })}
          aria-multiselectable="false"
        >
          <div role="rowgroup">${view.renderHeaderRow(columns, sort, (c) => this.#sortBy(c))}</div>
          <div role="rowgroup" @keydown=${this.#onGridKeydown}>
            ${repeat(rows, (row) => row.study.studyInstanceUID, renderRow)}
          </div>
        </div>
      </div>`;
  }

  #renderSeriesRows(study: Study, focusKey: string, nextIndex: () => number) {
    const state = this.#series.state(study.studyInstanceUID);
    const choose = (series: Series, key: string) => {
      this.focusKey = key;
      this.emit('rad-series-select', { study, series });
    };
    return view.renderSeriesRows({ study, state, focusKey, nextIndex, service: this.#service, choose });
  }

  #renderPriors() {
    const selected = this.#selectedStudy;
    if (!selected) return nothing;
    const select = (prior: Study) => this.#select(prior, true);
    const open = (prior: Study) => this.#open(prior, true);
    return view.renderPriorsSection(
      selected,
      this.#data.priors.render({
        pending: () => html`<p role="status">${msg('Loading priors…', { id: 'priors.loading' })}</p>`,
        error: (error) => view.renderError(error, () => this.#data.priors.run()),
        complete: (priors) => view.renderPriorList(priors, select, open),
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-study-browser': RadStudyBrowser;
  }
}
