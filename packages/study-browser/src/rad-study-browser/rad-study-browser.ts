import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { dicomWebContext, DicomWebError, RadElement, tokens, type DicomWebService, type Study } from '@telerad/core';
import { html } from 'lit';
import { property } from 'lit/decorators/property.js';
import { query } from 'lit/decorators/query.js';
import { state } from 'lit/decorators/state.js';
import { repeat } from 'lit/directives/repeat.js';
import { byStudyDateDescending, DEFAULT_COLUMNS, type StudyColumn } from './columns.js';
import { styles } from './rad-study-browser.styles.js';

/** What the study browser needs of a DICOMweb service (a `DicomWebService` or any stand-in). */
export type StudySearchService = Pick<DicomWebService, 'searchStudies'>;

/** `detail` of `rad-study-select`. */
export interface StudySelectDetail {
  study: Study;
}

/**
 * A DICOMweb (QIDO-RS) study list: searches by patient name, patient ID and accession number, and
 * reports the study a user picks. Tag values are always rendered as text.
 *
 * @tag rad-study-browser
 * @summary Lists and searches the studies of a DICOMweb archive.
 *
 * @fires {CustomEvent<StudySelectDetail>} rad-study-select - A study row was chosen (click, Enter or Space).
 * @fires {CustomEvent<RadErrorDetail>} rad-error - A search failed; the element shows the error state.
 *
 * @csspart search - The search form.
 * @csspart table - The table of studies.
 * @csspart row - Each study row.
 * @csspart status - The loading, empty and error messages.
 * @csspart loading - The loading state.
 * @csspart empty - The empty-result state.
 * @csspart error - The error state.
 * @csspart retry - The retry button of the error state.
 *
 * @cssprop --rad-color-background - Background colour.
 * @cssprop --rad-color-text - Text colour.
 * @cssprop --rad-color-text-muted - Secondary text colour.
 * @cssprop --rad-color-border - Border colour.
 * @cssprop --rad-color-accent - Accent colour (buttons, selection, focus).
 * @cssprop --rad-color-danger - Error colour.
 * @cssprop --rad-color-row-hover - Row hover background.
 * @cssprop --rad-font-family - Font family.
 * @cssprop --rad-font-size - Base font size.
 * @cssprop --rad-study-browser-max-height - Maximum height of the scrolling list.
 *
 * @slot empty - Replaces the default "no studies" message.
 */
export class RadStudyBrowser extends RadElement {
  static override styles = [tokens, styles];

  /** A DICOMweb service to use instead of the one provided by an enclosing `<rad-dicomweb>`. */
  @property({ attribute: false }) service?: StudySearchService;

  /** Patient name filter (DICOM wildcards; free text matches as a prefix, case-insensitively). */
  @property({ attribute: 'patient-name' }) patientName = '';

  /** Patient ID filter. */
  @property({ attribute: 'patient-id' }) patientId = '';

  /** Accession number filter. */
  @property({ attribute: 'accession-number' }) accessionNumber = '';

  /** Maximum number of studies asked of the server. */
  @property({ type: Number }) limit = 200;

  /** Columns to show, in order. */
  @property({ attribute: false }) columns: readonly StudyColumn[] = DEFAULT_COLUMNS;

  /** StudyInstanceUID of the selected study. */
  @property({ attribute: 'selected-study-uid', reflect: true }) selectedStudyUid?: string;

  @consume({ context: dicomWebContext, subscribe: true })
  @state()
  private contextService?: DicomWebService;

  @query('form') private form?: HTMLFormElement;

  #searchTask = new Task(this, {
    task: async ([service, patientName, patientId, accessionNumber, limit], { signal }) => {
      if (!service) throw new DicomWebError('not-configured', 0, '');
      const studies = await service.searchStudies({ patientName, patientId, accessionNumber, limit }, { signal });
      return studies.sort(byStudyDateDescending);
    },
    args: () => [this.service ?? this.contextService, this.patientName, this.patientId, this.accessionNumber, this.limit] as const,
    onError: (error) => {
      if (!(error instanceof DicomWebError && error.kind === 'aborted')) this.emitError(error, 'search-studies');
    },
  });

  /** Runs the search again with the current filters (e.g. after the archive received new studies). */
  refresh(): void {
    void this.#searchTask.run();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(this.form);
    this.patientName = String(data.get('patientName') ?? '');
    this.patientId = String(data.get('patientId') ?? '');
    this.accessionNumber = String(data.get('accessionNumber') ?? '');
  }

  #select(study: Study): void {
    this.selectedStudyUid = study.studyInstanceUID;
    this.emit<StudySelectDetail>('rad-study-select', { study });
  }

  #onRowKeydown(event: KeyboardEvent, study: Study): void {
    const row = event.currentTarget as HTMLTableRowElement;
    const move = (target: Element | null) => {
      if (target instanceof HTMLTableRowElement) {
        event.preventDefault();
        target.focus();
      }
    };
    switch (event.key) {
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.#select(study);
        break;
      case 'ArrowDown':
        move(row.nextElementSibling);
        break;
      case 'ArrowUp':
        move(row.previousElementSibling);
        break;
    }
  }

  protected override render() {
    return html`
      <form part="search" role="search" aria-label="Study search" @submit=${this.#onSubmit}>
        <label>Patient name <input name="patientName" .value=${this.patientName} autocomplete="off" /></label>
        <label>Patient ID <input name="patientId" .value=${this.patientId} autocomplete="off" /></label>
        <label>Accession <input name="accessionNumber" .value=${this.accessionNumber} autocomplete="off" /></label>
        <button type="submit">Search</button>
      </form>
      ${this.#searchTask.render({
        pending: () => this.#renderLoading(),
        complete: (studies) => (studies.length ? this.#renderTable(studies) : this.#renderEmpty()),
        error: (error) => this.#renderError(error),
      })}
    `;
  }

  #renderLoading() {
    return html`<div part="status loading" role="status" aria-live="polite">
      <span class="visually-hidden">Loading studies…</span>
      ${[1, 2, 3, 4].map(() => html`<span class="skeleton" aria-hidden="true"></span>`)}
    </div>`;
  }

  #renderEmpty() {
    const filters = [this.patientName, this.patientId, this.accessionNumber].map((f) => f.trim()).filter(Boolean);
    return html`<div part="status empty" role="status">
      <slot name="empty">${filters.length ? `No studies match “${filters.join(' · ')}”.` : 'The archive has no studies.'}</slot>
    </div>`;
  }

  #renderError(error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return html`<div part="status error" role="alert">
      <span>${message}</span>
      <button part="retry" type="button" @click=${() => this.#searchTask.run()}>Retry</button>
    </div>`;
  }

  #renderTable(studies: Study[]) {
    const selectedIndex = studies.findIndex((s) => s.studyInstanceUID === this.selectedStudyUid);
    return html`<div class="scroll">
      <table part="table" aria-label="Studies" aria-rowcount=${studies.length + 1}>
        <thead>
          <tr>
            ${this.columns.map((c) => html`<th scope="col">${c.header}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${repeat(
            studies,
            (s) => s.studyInstanceUID,
            (study, index) => html`<tr
              part="row"
              data-study-uid=${study.studyInstanceUID}
              tabindex=${index === Math.max(selectedIndex, 0) ? 0 : -1}
              aria-selected=${study.studyInstanceUID === this.selectedStudyUid ? 'true' : 'false'}
              @click=${() => this.#select(study)}
              @keydown=${(e: KeyboardEvent) => this.#onRowKeydown(e, study)}
            >
              ${this.columns.map((c) => html`<td data-column=${c.id}>${c.text(study)}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-study-browser': RadStudyBrowser;
  }
  interface GlobalEventHandlersEventMap {
    'rad-study-select': CustomEvent<StudySelectDetail>;
  }
}
