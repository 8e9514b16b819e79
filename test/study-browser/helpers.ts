import { waitUntil } from '@open-wc/testing';
import type { RadStudyBrowser } from '@telerad/study-browser';
import type { DicomJsonPersonName } from '@telerad/core';
import type { ManifestStudy } from '../support/corpus.js';

export const shadow = (el: RadStudyBrowser) => el.shadowRoot!;
/** Study rows in display order. */
export const rows = (el: RadStudyBrowser) => [...shadow(el).querySelectorAll<HTMLElement>('[part~="row"]')];
export const seriesRows = (el: RadStudyBrowser) => [...shadow(el).querySelectorAll<HTMLElement>('[part~="series-row"]')];
export const rowUidsInOrder = (el: RadStudyBrowser) => rows(el).map((r) => r.dataset.studyUid!);
export const rowUids = (el: RadStudyBrowser) => rowUidsInOrder(el).sort();
export const cell = (row: HTMLElement, column: string) => row.querySelector<HTMLElement>(`[data-column="${column}"]`)!.textContent!.trim();
export const part = (el: RadStudyBrowser, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
export const rowOf = (el: RadStudyBrowser, study: { studyInstanceUID: string }) => rows(el).find((r) => r.dataset.studyUid === study.studyInstanceUID)!;

/** Waits until the element has finished a search and shows rows, the empty state or an error. */
export async function settled(el: RadStudyBrowser): Promise<void> {
  await el.updateComplete;
  await waitUntil(() => !part(el, 'loading') && (rows(el).length > 0 || part(el, 'empty') || part(el, 'error')), 'search did not settle', {
    timeout: 10_000,
  });
}

/** Waits until read status badges are filled in (report documents loaded). */
export async function statusesLoaded(el: RadStudyBrowser): Promise<void> {
  await waitUntil(() => rows(el).every((r) => !r.querySelector('[data-status="unknown"]')), 'read status did not load', { timeout: 10_000 });
}

type TextField = 'patientName' | 'patientId' | 'accessionNumber' | 'studyDescription' | 'referringPhysicianName';

/** Fills the search form like a user and presses Enter. */
export async function search(el: RadStudyBrowser, fields: Partial<Record<TextField, string>>, modalities: string[] = []) {
  for (const name of ['patientName', 'patientId', 'accessionNumber', 'studyDescription', 'referringPhysicianName'] as const) {
    shadow(el).querySelector<HTMLInputElement>(`input[name="${name}"]`)!.value = fields[name] ?? '';
  }
  for (const box of shadow(el).querySelectorAll<HTMLInputElement>('input[name="modality"]')) box.checked = modalities.includes(box.value);
  shadow(el).querySelector('form')!.requestSubmit();
  await settled(el);
}

export const key = (target: HTMLElement, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));

/** How a worklist should show a name, computed independently of the element's formatter. */
export function expectedDisplayName(name: DicomJsonPersonName | null): string {
  if (!name?.Alphabetic) return '';
  const [family, given] = name.Alphabetic.split('^');
  const alphabetic = given ? `${family}, ${given}` : family;
  return name.Ideographic ? `${alphabetic} (${name.Ideographic.split('^').join(' ')})` : alphabetic;
}

const PRIORITY_RANK: Record<string, number> = { STAT: 0, HIGH: 1 };
const newestFirst = (a: ManifestStudy, b: ManifestStudy) => (b.studyDate + b.studyTime).localeCompare(a.studyDate + a.studyTime);

/** The radiologist's default order: STAT, then urgent (HIGH), then routine; newest first within. */
export function byPriorityThenNewest(studies: ManifestStudy[]): ManifestStudy[] {
  return [...studies].sort((a, b) => (PRIORITY_RANK[a.priority ?? ''] ?? 2) - (PRIORITY_RANK[b.priority ?? ''] ?? 2) || newestFirst(a, b));
}

export { newestFirst };
