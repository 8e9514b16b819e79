// The draft editor: template, sections, insertion of measurements and priors, the critical
// finding and its communication, and the sign buttons with why signing waits.
import type { Study } from '@telerad/core';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { sectionLabel, texts } from './messages.js';
import {
  readerName,
  SECTION_IDS,
  type CriticalCommunication,
  type Reader,
  type ReportDraft,
  type ReportMeasurement,
  type SectionId,
} from './report-model.js';
import { communicationLine, statusBanner } from './report-view.js';
import { renderSignCheck } from './sign-check-view.js';
import type { SignBlockedDetail, SignOptions } from './sign-checks.js';
import type { ReportTemplate } from './templates.js';

/** What the editor shows besides the draft. */
export interface EditorState {
  templates: readonly ReportTemplate[];
  reader?: Reader;
  storing: boolean;
  measurements: readonly ReportMeasurement[];
  priors: readonly Study[];
  /** Diagnostic sections still at the template's text. */
  atTemplateText: readonly SectionId[];
  blocked?: Pick<SignBlockedDetail, 'status' | 'reason' | 'sections'>;
}

/** What the editor's controls do: the panel's own methods of the same names. */
export interface EditorActions {
  applyTemplate(id: string): void;
  setSection(id: SectionId, text: string): void;
  insertMeasurement(measurement: ReportMeasurement): void;
  insertComparison(prior: Study): void;
  setCritical(critical: boolean): void;
  recordCommunication(communication: CriticalCommunication): void;
  signPreliminary(options?: SignOptions): unknown;
  signFinal(options?: SignOptions): unknown;
}

/** Takes the reader to the communication form of the editor that `from` is in. */
export function focusCommunicationForm(from: ParentNode | null | undefined): void {
  from?.querySelector<HTMLInputElement>('fieldset[part~="critical"] [name="recipient"]')?.focus();
}

const METHODS = ['Telephone', 'In person', 'Secure message', 'Paging system'];

/** The reader as the editor names them: name, and subspecialty in brackets. */
const readerLabel = (reader: Reader) =>
  `${readerName(reader)}${reader.subspecialty ? ` (${reader.subspecialty})` : ''}`;

/** The named fields of the form a clicked button belongs to, trimmed. */
export const formValues = (event: Event) => {
  const form = (event.target as HTMLButtonElement).form;
  const data = form ? new FormData(form) : undefined;
  return (name: string) => String(data?.get(name) ?? '').trim();
};

/** The option chosen in a select of items, the select reset to its prompt. */
function takeChoice<T>(event: Event, items: readonly T[]): T | undefined {
  const select = event.target as HTMLSelectElement;
  const chosen = select.value === '' ? undefined : items[Number(select.value)];
  select.value = '';
  return chosen;
}

export function renderEditor(draft: ReportDraft, state: EditorState, actions: EditorActions) {
  const t = texts();
  const { reader, storing } = state;
  return html`<form part="editor" @submit=${(e: Event) => e.preventDefault()}>
    ${statusBanner('draft')}
    <div class="row">
      <label>${t.template}
        <select
          .value=${live(draft.templateId)}
          ?disabled=${storing}
          @change=${(e: Event) => actions.applyTemplate((e.target as HTMLSelectElement).value)}
        >
          ${state.templates.map((tpl) => html`<option value=${tpl.id}>${tpl.title}</option>`)}
        </select>
      </label>
      <span class="reader">${t.reader}: ${reader ? readerLabel(reader) : t.noReader}</span>
    </div>
    ${SECTION_IDS.map((id) => renderSection(id, draft, state, actions))}
    <div class="row">${renderInsertions(state, actions)}</div>
    ${renderCriticalForm(draft, actions)}
    <div part="actions" class="row">
      <button type="button" ?disabled=${storing || !reader} @click=${() => actions.signPreliminary()}>
        ${storing ? t.signing : t.signPreliminary}
      </button>
      <button type="button" ?disabled=${storing || !reader} @click=${() => actions.signFinal()}>
        ${storing ? t.signing : t.signFinal}
      </button>
    </div>
    ${renderSignCheck(state.blocked, {
      toCommunicationForm: (from) => focusCommunicationForm(from.closest('form')),
      signAnyway: (status) => (status === 'final' ? actions.signFinal(confirmed) : actions.signPreliminary(confirmed)),
    })}
  </form>`;
}

const confirmed: SignOptions = { confirmTemplateText: true };

function renderSection(id: SectionId, draft: ReportDraft, state: EditorState, actions: EditorActions) {
  const templateText = state.atTemplateText.includes(id);
  return html`<label part="section" data-section=${id}>${sectionLabel(id)}
    ${
      templateText
        ? html`<span part="template-text" class="template-note" id="template-${id}">${texts().templateText}</span>`
        : nothing
    }
    <textarea
      name=${id}
      rows=${id === 'findings' ? 6 : 2}
      .value=${live(draft.sections[id])}
      ?disabled=${state.storing}
      ?data-template-text=${templateText}
      aria-describedby=${templateText ? `template-${id}` : nothing}
      @input=${(e: Event) => actions.setSection(id, (e.target as HTMLTextAreaElement).value)}></textarea>
  </label>`;
}

/** The measurements and priors on offer, each inserted when chosen. */
function renderInsertions({ measurements, priors }: EditorState, actions: EditorActions) {
  const t = texts();
  const measurement = (e: Event) => {
    const chosen = takeChoice(e, measurements);
    if (chosen) actions.insertMeasurement(chosen);
  };
  const prior = (e: Event) => {
    const chosen = takeChoice(e, priors);
    if (chosen) actions.insertComparison(chosen);
  };
  const valuesOf = (m: ReportMeasurement) => m.values.map((v) => `${Number(v.value.toFixed(2))} ${v.unit}`).join(', ');
  return html`${
    measurements.length
      ? html`<select aria-label=${t.insertMeasurement} @change=${measurement}>
        <option value="">${t.insertMeasurement}</option>
        ${measurements.map((m, i) => html`<option value=${i}>${m.tool}: ${valuesOf(m)}</option>`)}
      </select>`
      : nothing
  }
  ${
    priors.length
      ? html`<select aria-label=${t.insertComparison} @change=${prior}>
        <option value="">${t.insertComparison}</option>
        ${priors.map((p, i) => html`<option value=${i}>${p.studyDate ?? ''} ${p.description ?? ''}</option>`)}
      </select>`
      : nothing
  }`;
}

function renderCriticalForm(draft: ReportDraft, actions: EditorActions) {
  const t = texts();
  const { communication } = draft;
  const flag = (e: Event) => actions.setCritical((e.target as HTMLInputElement).checked);
  const communicatedAt = communication?.communicatedAt.slice(0, 16) ?? '';
  const methods = METHODS.map((m) => html`<option ?selected=${communication?.method === m}>${m}</option>`);
  const submit = (event: Event) => {
    const value = formValues(event);
    if (value('recipient') && value('communicatedAt'))
      actions.recordCommunication({
        recipient: value('recipient'),
        communicatedAt: value('communicatedAt'),
        method: value('method'),
      });
  };
  return html`<fieldset part="critical" class=${draft.critical ? 'critical' : ''}>
    <legend>
      <label class="choice"
        ><input type="checkbox" .checked=${live(draft.critical)} @change=${flag} /> ${t.critical}</label
      >
    </legend>
    ${
      draft.critical
        ? html`<div class="row">
          <label>${t.recipient}<input name="recipient" .value=${communication?.recipient ?? ''} /></label>
          <label
            >${t.communicatedAt}<input name="communicatedAt" type="datetime-local" .value=${communicatedAt}
          /></label>
          <label>${t.method}<select name="method">${methods}</select></label>
          <button type="button" class="secondary" @click=${submit}>${t.criticalRecord}</button>
        </div>
        ${communication ? html`<p>${t.criticalRecord}: ${communicationLine(communication)}</p>` : nothing}`
        : nothing
    }
  </fieldset>`;
}
