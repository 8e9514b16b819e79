// The panel's other views: failures and conflicts, the addendum and peer-review forms, and the
// history of the study's reports and reviews.
import { errorMessage, type DicomWebError, type ViewerError } from '@telerad/core';
import { html, nothing } from 'lit';
import { formValues } from './editor-view.js';
import { concurrentWarning, conflictWarning, radpeerLabel, storeFailed, texts, unsavedElsewhere } from './messages.js';
import type { ReportHistory } from './report-archive.js';
import { RADPEER_SCORES, readerName, type RadpeerScore, type SignedReport } from './report-model.js';
import { formatDateTime, renderReport } from './report-view.js';

/** What the alerts show. */
export interface AlertState {
  failure?: { error: DicomWebError | ViewerError; operation: string };
  /** A document waits to be stored again: the failure offers a retry. */
  retryable: boolean;
  conflict?: SignedReport;
  /** A report by someone else, found after storing: signed at the same time as the reader's. */
  concurrent?: SignedReport;
  /** Studies left with an unsigned draft. */
  unsaved: number;
}

export interface AlertActions {
  retry(): void;
  openReport(sopInstanceUID: string): void;
  signAnyway(): void;
}

export function renderAlerts(state: AlertState, actions: AlertActions) {
  const { failure, retryable, conflict, concurrent, unsaved } = state;
  const t = texts();
  const open = (report: SignedReport) =>
    html`<button type="button" class="secondary" @click=${() => actions.openReport(report.sopInstanceUID)}>
      ${t.open}
    </button>`;
  return html`${
    failure
      ? html`<div part="alert error" class="alert" role="alert" data-operation=${failure.operation}>
        ${retryable ? storeFailed(errorMessage(failure.error)) : errorMessage(failure.error)}
        ${retryable ? html`<button type="button" @click=${() => actions.retry()}>${t.retry}</button>` : nothing}
      </div>`
      : nothing
  }
  ${
    conflict
      ? html`<div part="alert" class="alert" role="alert" data-conflict>
        ${conflictWarning(readerName(conflict.reader), formatDateTime(conflict.signedAt))} ${open(conflict)}
        <button type="button" @click=${() => actions.signAnyway()}>${t.conflictSignAnyway}</button>
      </div>`
      : nothing
  }
  ${
    concurrent
      ? html`<div part="alert" class="alert" role="alert" data-concurrent>
          ${concurrentWarning(readerName(concurrent.reader), formatDateTime(concurrent.signedAt))} ${open(concurrent)}
        </div>`
      : nothing
  }
  ${unsaved ? html`<p class="note" role="status">${unsavedElsewhere(unsaved)}</p>` : nothing}`;
}

/** The addendum form under a final report; `sign` resolves true once stored (the form is then cleared). */
export function renderAddendumForm(storing: boolean, canSign: boolean, sign: (text: string) => Promise<boolean>) {
  const t = texts();
  const submit = (event: Event) => {
    const form = (event.target as HTMLButtonElement).form;
    void sign(formValues(event)('addendum')).then((stored) => stored && form?.reset());
  };
  return html`<form part="editor" class="addendum" @submit=${(e: Event) => e.preventDefault()}>
    <label>${t.addendum}<textarea name="addendum" rows="3" ?disabled=${storing}></textarea></label>
    <div part="actions" class="row">
      <button type="button" ?disabled=${storing || !canSign} @click=${submit}>
        ${storing ? t.signing : t.signAddendum}
      </button>
    </div>
  </form>`;
}

/** The report under review and the RADPEER form. */
export function renderPeerReview(
  reviewed: SignedReport | undefined,
  canSubmit: boolean,
  submitReview: (score: RadpeerScore, comment: string) => void,
) {
  const t = texts();
  if (!reviewed || reviewed.status === 'preliminary') return html`<p class="state">${t.nothingToReview}</p>`;
  const submit = (event: Event) => {
    const value = formValues(event);
    const score = RADPEER_SCORES.find((s) => s === value('score'));
    if (score) submitReview(score, value('comment'));
  };
  return html`${renderReport(reviewed)}
    <form part="review" @submit=${(e: Event) => e.preventDefault()}>
      <fieldset>
        <legend>${t.score}</legend>
        ${RADPEER_SCORES.map(
          (s) => html`<label class="choice"><input type="radio" name="score" value=${s} /> ${radpeerLabel(s)}</label>`,
        )}
      </fieldset>
      <label>${t.comment}<textarea name="comment" rows="3"></textarea></label>
      <div part="actions" class="row">
        <button type="button" ?disabled=${!canSubmit} @click=${submit}>${t.submitReview}</button>
      </div>
    </form>`;
}

/** The study's reports (each can be opened) and peer reviews. */
export function renderHistory({ reports, reviews }: ReportHistory, openReport: (sopInstanceUID: string) => void) {
  if (!reports.length && !reviews.length) return nothing;
  const t = texts();
  return html`<section part="history" aria-label=${t.history}>
    <h3>${t.history}</h3>
    <ol>
      ${reports.map(
        (r) => html`<li data-uid=${r.sopInstanceUID} data-status=${r.status}>
          <span class="status">${r.status}</span> ${readerName(r.reader)} · ${formatDateTime(r.signedAt)}
          <button type="button" class="link" @click=${() => openReport(r.sopInstanceUID)}>${t.open}</button>
        </li>`,
      )}
      ${reviews.map(
        (r) => html`<li data-uid=${r.sopInstanceUID} data-status="peer-review">
          <span class="status">${t.review} ${r.score}</span> ${r.reviewer.name} · ${formatDateTime(r.reviewedAt)}${
            r.comment ? html` — ${r.comment}` : nothing
          }
        </li>`,
      )}
    </ol>
  </section>`;
}
