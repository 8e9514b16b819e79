import { msg, str } from '@lit/localize';
import { formatPersonName, newestFirst, type ReadStatus } from '@telerad/core';
import { html, type TemplateResult } from 'lit';
import {
  PRIORITY_RANK,
  turnaroundOf,
  type Priority,
  type Turnaround,
  type TurnaroundTargets,
  type WorklistRow,
} from './worklist-row.js';

/** What a cell may need beyond its row. */
export interface CellContext {
  now: number;
  targets: TurnaroundTargets;
}

/** A worklist column: header, cell content (text or a template of text), sort key and width. */
export interface StudyColumn {
  id: string;
  header: () => string;
  render: (row: WorklistRow, context: CellContext) => string | TemplateResult;
  /** Sort key; strings compare by locale (so "Müller" sorts with "Muller"), numbers numerically. */
  sortValue?: (row: WorklistRow, context: CellContext) => string | number | undefined;
  /** CSS grid track, e.g. "6rem" or "minmax(10rem, 2fr)". */
  width?: string;
}

const dateTime = (row: WorklistRow) =>
  [row.study.studyDate, row.study.studyTime?.slice(0, 5)].filter(Boolean).join(' ');

/** Whole years between a birth date and the study date (DICOM Patient's Age is not always sent). */
export function ageAt(birthDate: string | undefined, onDate: string | undefined): number | undefined {
  if (!birthDate || !onDate) return undefined;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const priorityLabel = (priority: Priority) =>
  ({
    stat: msg('STAT', { id: 'priority.stat' }),
    urgent: msg('Urgent', { id: 'priority.urgent' }),
    routine: msg('Routine', { id: 'priority.routine' }),
  })[priority];

export const readStatusLabel = (status: ReadStatus) =>
  ({
    unread: msg('Unread', { id: 'status.unread' }),
    preliminary: msg('Preliminary', { id: 'status.preliminary' }),
    final: msg('Final', { id: 'status.final' }),
    amended: msg('Amended', { id: 'status.amended' }),
  })[status];

/** "2 h 05 min", "45 min", "3 d 4 h". */
export function formatMinutes(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days) return msg(str`${days} d ${hours} h`, { id: 'duration.days' });
  if (hours) return msg(str`${hours} h ${String(mins).padStart(2, '0')} min`, { id: 'duration.hours' });
  return msg(str`${mins} min`, { id: 'duration.minutes' });
}

function turnaroundText(t: Turnaround): string {
  const elapsed = formatMinutes(t.elapsedMinutes);
  const target = formatMinutes(t.targetMinutes);
  if (t.stopped) return msg(str`Read in ${elapsed}`, { id: 'turnaround.read' });
  if (t.overdue) return msg(str`Overdue: ${elapsed} (target ${target})`, { id: 'turnaround.overdue' });
  return msg(str`${elapsed} of ${target}`, { id: 'turnaround.running' });
}

const counts = (row: WorklistRow) => {
  const { seriesCount, instanceCount } = row.study;
  return seriesCount === undefined && instanceCount === undefined
    ? ''
    : `${seriesCount ?? '–'} / ${instanceCount ?? '–'}`;
};

/** Every column the worklist knows, by id. */
export const STUDY_COLUMNS = {
  priority: {
    id: 'priority',
    header: () => msg('Priority', { id: 'column.priority' }),
    render: (row) => html`<span class="badge" data-priority=${row.priority}>${priorityLabel(row.priority)}</span>`,
    sortValue: (row) => PRIORITY_RANK[row.priority],
    width: '6.5rem',
  },
  readStatus: {
    id: 'readStatus',
    header: () => msg('Status', { id: 'column.status' }),
    render: (row) =>
      row.readStatus
        ? html`<span class="badge" data-status=${row.readStatus}>${readStatusLabel(row.readStatus)}</span>`
        : '',
    sortValue: (row) =>
      row.readStatus ? ['unread', 'preliminary', 'final', 'amended'].indexOf(row.readStatus) : undefined,
    width: '7rem',
  },
  patientName: {
    id: 'patientName',
    header: () => msg('Patient', { id: 'column.patient' }),
    // A study without a name must not look like a rendering fault: say so, muted.
    render: (row) =>
      formatPersonName(row.study.patientName) ||
      html`<span class="no-value">${msg('(no name)', { id: 'patient.no-name' })}</span>`,
    sortValue: (row) => formatPersonName(row.study.patientName),
    width: 'minmax(10rem, 2fr)',
  },
  patientId: {
    id: 'patientId',
    header: () => msg('Patient ID', { id: 'column.patient-id' }),
    render: (row) => row.study.patientId ?? '',
    sortValue: (row) => row.study.patientId,
    width: 'minmax(6rem, 1fr)',
  },
  birthDateSex: {
    id: 'birthDateSex',
    header: () => msg('Born · age · sex', { id: 'column.born' }),
    render: (row) => {
      const age = ageAt(row.study.patientBirthDate, row.study.studyDate);
      return [
        row.study.patientBirthDate,
        age === undefined ? '' : msg(str`${age} y`, { id: 'age.years' }),
        row.study.patientSex,
      ]
        .filter(Boolean)
        .join(' · ');
    },
    sortValue: (row) => row.study.patientBirthDate,
    width: 'minmax(9rem, 1fr)',
  },
  accessionNumber: {
    id: 'accessionNumber',
    header: () => msg('Accession', { id: 'column.accession' }),
    render: (row) => row.study.accessionNumber ?? '',
    sortValue: (row) => row.study.accessionNumber,
    width: 'minmax(6rem, 1fr)',
  },
  studyDateTime: {
    id: 'studyDateTime',
    header: () => msg('Study date', { id: 'column.study-date' }),
    render: dateTime,
    sortValue: dateTime,
    width: '9.5rem',
  },
  modalities: {
    id: 'modalities',
    header: () => msg('Modalities', { id: 'column.modalities' }),
    render: (row) => row.study.modalities.join(', '),
    sortValue: (row) => row.study.modalities.join(','),
    width: '7rem',
  },
  description: {
    id: 'description',
    header: () => msg('Description', { id: 'column.description' }),
    render: (row) => row.study.description ?? '',
    sortValue: (row) => row.study.description,
    width: 'minmax(10rem, 2fr)',
  },
  institution: {
    id: 'institution',
    header: () => msg('Facility', { id: 'column.facility' }),
    render: (row) => row.study.institution ?? '',
    sortValue: (row) => row.study.institution,
    width: 'minmax(8rem, 1.2fr)',
  },
  counts: {
    id: 'counts',
    header: () => msg('Series / images', { id: 'column.counts' }),
    render: counts,
    sortValue: (row) => row.study.instanceCount,
    width: '9.5rem',
  },
  turnaround: {
    id: 'turnaround',
    header: () => msg('Turnaround', { id: 'column.turnaround' }),
    render: (row, { now, targets }) => {
      const t = turnaroundOf(row, now, targets);
      return t ? html`<span class="clock" ?data-overdue=${t.overdue && !t.stopped}>${turnaroundText(t)}</span>` : '';
    },
    // Unread studies by how far past (or close to) their target; read ones last.
    sortValue: (row, { now, targets }) => {
      const t = turnaroundOf(row, now, targets);
      return t && !t.stopped ? t.targetMinutes - t.elapsedMinutes : Number.MAX_SAFE_INTEGER;
    },
    width: 'minmax(9rem, 1.2fr)',
  },
} satisfies Record<string, StudyColumn>;

export type StudyColumnId = keyof typeof STUDY_COLUMNS;

export const DEFAULT_COLUMNS: readonly StudyColumn[] = Object.values(STUDY_COLUMNS);

export type SortDirection = 'ascending' | 'descending';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  // Missing values sort last whatever the direction is handled by the caller.
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Sorts rows by a column; ties (and the priority column) fall back to newest first, and rows
 * without a value for the column go last in either direction.
 */
export function sortRows(
  rows: WorklistRow[],
  column: StudyColumn,
  direction: SortDirection,
  context: CellContext,
): WorklistRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const key = (row: WorklistRow) => {
    const value = column.sortValue?.(row, context);
    return value === '' ? undefined : value;
  };
  return rows
    .map((row) => ({ row, value: key(row) }))
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined) {
        if (a.value !== b.value) return a.value === undefined ? 1 : -1;
        return newestFirst(a.row.study, b.row.study);
      }
      return sign * compareValues(a.value, b.value) || newestFirst(a.row.study, b.row.study);
    })
    .map(({ row }) => row);
}
