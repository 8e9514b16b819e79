import { waitUntil } from '@open-wc/testing';
import type { RadStudyBrowser } from '@telerad/study-browser';
import type { DicomJsonPersonName } from '@telerad/core';

export const shadow = (el: RadStudyBrowser) => el.shadowRoot!;
export const rows = (el: RadStudyBrowser) => [...shadow(el).querySelectorAll<HTMLTableRowElement>('tbody tr')];
export const rowUids = (el: RadStudyBrowser) => rows(el).map((r) => r.dataset.studyUid!).sort();
export const cell = (row: HTMLTableRowElement, column: string) => row.querySelector<HTMLTableCellElement>(`[data-column="${column}"]`)!.textContent!.trim();
export const part = (el: RadStudyBrowser, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);

/** Waits until the element has finished a search and shows rows, the empty state or an error. */
export async function settled(el: RadStudyBrowser): Promise<void> {
  await waitUntil(() => !part(el, 'loading') && (rows(el).length > 0 || part(el, 'empty') || part(el, 'error')), 'search did not settle', {
    timeout: 10_000,
  });
}

/** Types into the search form and submits it like a user (Enter). */
export async function search(el: RadStudyBrowser, fields: Partial<Record<'patientName' | 'patientId' | 'accessionNumber', string>>) {
  for (const name of ['patientName', 'patientId', 'accessionNumber'] as const) {
    const input = shadow(el).querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    input.value = fields[name] ?? '';
  }
  shadow(el).querySelector('form')!.requestSubmit();
  await el.updateComplete;
  await settled(el);
}

/** How a worklist should show a name, computed independently of the element's formatter. */
export function expectedDisplayName(name: DicomJsonPersonName | null): string {
  if (!name?.Alphabetic) return '';
  const [family, given] = name.Alphabetic.split('^');
  const alphabetic = given ? `${family}, ${given}` : family;
  return name.Ideographic ? `${alphabetic} (${name.Ideographic.split('^').join(' ')})` : alphabetic;
}
