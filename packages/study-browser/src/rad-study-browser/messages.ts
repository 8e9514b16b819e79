import { msg, str } from '@lit/localize';
import type { DatePreset, WorklistQuery } from './worklist-query.js';

export const datePresetLabel = (preset: DatePreset): string =>
  ({
    any: msg('Any date', { id: 'date.any' }),
    today: msg('Today', { id: 'date.today' }),
    yesterday: msg('Yesterday', { id: 'date.yesterday' }),
    'last-7-days': msg('Last 7 days', { id: 'date.last-7-days' }),
    'last-30-days': msg('Last 30 days', { id: 'date.last-30-days' }),
    custom: msg('Custom range', { id: 'date.custom' }),
  })[preset];

/** The query restated for the empty state, e.g. "“mül” · CT, MR · Last 7 days"; '' when unfiltered. */
export function queryDescription(query: WorklistQuery): string {
  const preset = query.datePreset ?? 'any';
  const custom = preset === 'custom' ? [query.dateFrom, query.dateTo].map((d) => d || '…').join(' – ') : '';
  return [
    ...[query.patientName, query.patientId, query.accessionNumber, query.studyDescription, query.referringPhysicianName]
      .map((t) => t?.trim())
      .filter(Boolean)
      .map((t) => `“${t}”`),
    query.modalities?.length ? query.modalities.join(', ') : '',
    preset === 'any' ? '' : preset === 'custom' ? custom : datePresetLabel(preset),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "1 image", "24 images" ("1 Bild", "24 Bilder"); an unknown count as "– images". */
export const imageCount = (count: number | undefined) =>
  count === 1 ? msg('1 image', { id: 'series.one-image' }) : msg(str`${count ?? '–'} images`, { id: 'series.images' });
