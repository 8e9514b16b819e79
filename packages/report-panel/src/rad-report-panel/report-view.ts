// A stored report as read-only text: the status banner, the sections, the critical-result record
// and the addenda in order. Used by every mode of the panel.
import { html, nothing } from 'lit';
import {
  readerName,
  SECTION_IDS,
  type CriticalCommunication,
  type ReportStatus,
  type SignedReport,
} from './report-model.js';
import { sectionLabel, signedBy, statusLabel, texts } from './messages.js';

/** A local ISO date-time as the reader's locale writes it. */
export const formatDateTime = (iso: string): string =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';

/** A recorded communication in one line: to whom, when, how. */
export const communicationLine = ({ recipient, communicatedAt, method }: CriticalCommunication) =>
  `${recipient} · ${formatDateTime(communicatedAt)} · ${method}`;

export const statusBanner = (status: ReportStatus) =>
  html`<div part="banner" class="banner" data-status=${status} role="status">${statusLabel(status)}</div>`;

export function renderReport(report: SignedReport) {
  return html`<article part="report" aria-label=${texts().panel}>
    ${statusBanner(report.status)}
    <p class="signature">${signedBy(readerName(report.reader), formatDateTime(report.signedAt))}</p>
    ${SECTION_IDS.filter((id) => report.sections[id].trim()).map(
      (id) => html`<section part="section" data-section=${id}>
        <h3>${sectionLabel(id)}</h3>
        <p class="text">${report.sections[id]}</p>
      </section>`,
    )}
    ${report.critical ? renderCritical(report) : nothing}
    ${report.addenda.map(
      (a, i) => html`<section part="addendum" data-addendum=${i + 1}>
        <h3>${texts().addendum} ${i + 1}</h3>
        <p class="signature">${signedBy(readerName(a.reader), formatDateTime(a.signedAt))}</p>
        <p class="text">${a.text}</p>
      </section>`,
    )}
  </article>`;
}

function renderCritical({ communication }: SignedReport) {
  return html`<section part="critical" class="critical">
    <h3>${texts().critical}</h3>
    ${communication ? html`<p>${texts().criticalRecord}: ${communicationLine(communication)}</p>` : nothing}
  </section>`;
}
