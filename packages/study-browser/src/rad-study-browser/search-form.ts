import { msg } from '@lit/localize';
import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import { datePresetLabel } from './messages.js';
import { FILTER_MODALITIES, type DatePreset, type WorklistQuery } from './worklist-query.js';

const DATE_PRESETS: DatePreset[] = ['any', 'today', 'yesterday', 'last-7-days', 'last-30-days', 'custom'];

type TextField = 'patientName' | 'patientId' | 'accessionNumber' | 'studyDescription' | 'referringPhysicianName';

const textFields = (): { name: TextField; label: string }[] => [
  { name: 'patientName', label: msg('Patient name', { id: 'filter.patient-name' }) },
  { name: 'patientId', label: msg('Patient ID / MRN', { id: 'filter.patient-id' }) },
  { name: 'accessionNumber', label: msg('Accession', { id: 'filter.accession' }) },
  { name: 'studyDescription', label: msg('Description', { id: 'filter.description' }) },
  { name: 'referringPhysicianName', label: msg('Referring physician', { id: 'filter.referring' }) },
];

export interface FilterHandlers {
  /** Typing in a text field (debounced by the caller). */
  onInput: () => void;
  /** A choice (date preset, dates, modalities): applies at once. */
  onChange: () => void;
  /** The form submitted (its default action prevented). */
  onSubmit: () => void;
  onClear: () => void;
}

/** The facility choice meaning all of the host's facilities (not a facility's name: it has no letters). */
const MY_FACILITIES = '*';

/**
 * The facility (Institution Name) searched: one of the host's facilities (a group reads per
 * contract) where it lists them, else free text (a prefix).
 */
function renderFacility(query: WorklistQuery, facilities: readonly string[], handlers: FilterHandlers) {
  const label = msg('Facility', { id: 'filter.facility' });
  const value = (query.myFacilities ? MY_FACILITIES : query.institution) ?? '';
  if (!facilities.length)
    return html`<label
      >${label}
      <input name="institution" type="search" .value=${live(value)} autocomplete="off" @input=${handlers.onInput}
    /></label>`;
  const options = value && value !== MY_FACILITIES && !facilities.includes(value) ? [...facilities, value] : facilities;
  return html`<label
    >${label}
    <select name="institution" .value=${live(value)} @change=${handlers.onChange}>
      <option value="" ?selected=${!value}>${msg('Any facility', { id: 'filter.facility-any' })}</option>
      <option value=${MY_FACILITIES} ?selected=${value === MY_FACILITIES}>
        ${msg('All my facilities', { id: 'filter.facility-mine' })}
      </option>
      ${options.map((f) => html`<option value=${f} ?selected=${f === value}>${f}</option>`)}
    </select>
  </label>`;
}

/** The study date: a preset, or a custom range. */
function renderDates(query: WorklistQuery, handlers: FilterHandlers) {
  const preset = query.datePreset ?? 'any';
  return html`<label
      >${msg('Study date', { id: 'filter.date' })}
      <select name="datePreset" .value=${live(preset)} @change=${handlers.onChange}>
        ${DATE_PRESETS.map((p) => html`<option value=${p} ?selected=${p === preset}>${datePresetLabel(p)}</option>`)}
      </select>
    </label>
    ${
      preset === 'custom'
        ? html`<label
              >${msg('From', { id: 'filter.date-from' })}
              <input name="dateFrom" type="date" .value=${live(query.dateFrom ?? '')} @change=${handlers.onChange}
            /></label>
            <label
              >${msg('To', { id: 'filter.date-to' })}
              <input name="dateTo" type="date" .value=${live(query.dateTo ?? '')} @change=${handlers.onChange}
            /></label>`
        : ''
    }`;
}

/** The search form; its state is the query, and `readFilters` reads it back. */
export function renderFilters(query: WorklistQuery, facilities: readonly string[], handlers: FilterHandlers) {
  const modalities = new Set(query.modalities ?? []);
  const label = msg('Study search', { id: 'filter.label' });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    handlers.onSubmit();
  };
  return html`<form part="filters" role="search" aria-label=${label} @submit=${submit}>
    ${textFields().map(
      (field) =>
        html`<label
          >${field.label}
          <input
            name=${field.name}
            type="search"
            .value=${live(query[field.name] ?? '')}
            autocomplete="off"
            @input=${handlers.onInput}
        /></label>`,
    )}
    ${renderFacility(query, facilities, handlers)}
    ${renderDates(query, handlers)}
    <fieldset class="modalities">
      <legend>${msg('Modalities', { id: 'filter.modalities' })}</legend>
      ${FILTER_MODALITIES.map(
        (m) =>
          html`<label class="chip"
            ><input
              type="checkbox"
              name="modality"
              value=${m}
              .checked=${live(modalities.has(m))}
              @change=${handlers.onChange}
            />${m}</label
          >`,
      )}
    </fieldset>
    <span class="actions">
      <button type="submit">${msg('Search', { id: 'action.search' })}</button>
      <button type="button" class="secondary" @click=${handlers.onClear}>
        ${msg('Clear', { id: 'action.clear' })}
      </button>
    </span>
  </form>`;
}

/** The query the form shows; empty fields are left out so queries compare and store cleanly. */
export function readFilters(form: HTMLFormElement): WorklistQuery {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const query: WorklistQuery = {};
  for (const { name } of textFields()) {
    const value = text(name);
    if (value) query[name] = value;
  }
  if (text('institution') === MY_FACILITIES) query.myFacilities = true;
  else if (text('institution')) query.institution = text('institution');
  const modalities = data.getAll('modality').map(String);
  if (modalities.length) query.modalities = modalities;
  const preset = text('datePreset') as DatePreset;
  if (preset && preset !== 'any') query.datePreset = preset;
  if (preset === 'custom') {
    if (text('dateFrom')) query.dateFrom = text('dateFrom');
    if (text('dateTo')) query.dateTo = text('dateTo');
  }
  return query;
}
