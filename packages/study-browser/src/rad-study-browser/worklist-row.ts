import {
  firstReportedAt,
  readStatusOf,
  toLocalDate,
  type ReadStatus,
  type ReportDocument,
  type Study,
} from '@telerad/core';

export type Priority = 'stat' | 'urgent' | 'routine';

/** Reading order of priorities. */
export const PRIORITY_RANK: Record<Priority, number> = { stat: 0, urgent: 1, routine: 2 };

/** Minutes allowed from arrival to the first report, per priority. */
export type TurnaroundTargets = Record<Priority, number>;

export const DEFAULT_TURNAROUND_TARGETS: TurnaroundTargets = { stat: 30, urgent: 120, routine: 1440 };

/**
 * Priority from the study's data: Requested Procedure Priority (STAT, HIGH, ROUTINE, MEDIUM, LOW)
 * or the retired Study Priority ID (HIGH, MED, LOW); routine when absent.
 */
export function priorityFromStudy(study: Study): Priority {
  const value = study.priority?.toUpperCase();
  if (value === 'STAT') return 'stat';
  if (value === 'HIGH') return 'urgent';
  return 'routine';
}

/** Where a study stands against its turnaround target. */
export interface Turnaround {
  /** Minutes from arrival to now, or to the first report once reported. */
  elapsedMinutes: number;
  targetMinutes: number;
  overdue: boolean;
  /** The clock stopped: a report (preliminary or final) exists. */
  stopped: boolean;
}

/** A study as a worklist row: the study plus what the worklist derives about it. */
export interface WorklistRow {
  study: Study;
  priority: Priority;
  /** Undefined while not yet known (report documents loading or failed). */
  readStatus?: ReadStatus;
  /** When the study arrived (for the turnaround clock). */
  arrival?: Date;
  /** When it was first reported. */
  reportedAt?: Date;
}

/** Host hooks that override what the worklist derives from DICOM data. */
export interface WorklistProviders {
  /** Priority of a study; return undefined to use the study's data. */
  priority?: (study: Study) => Priority | undefined;
  /** Read status of a study; return undefined to use its SR documents. */
  readStatus?: (study: Study) => ReadStatus | undefined;
  /** Arrival time of a study (e.g. from the host's RIS); defaults to Study Date and Time. */
  arrival?: (study: Study) => Date | undefined;
}

export function toWorklistRow(
  study: Study,
  documents: readonly ReportDocument[],
  providers: WorklistProviders,
): WorklistRow {
  const reported = firstReportedAt(documents);
  return {
    study,
    priority: providers.priority?.(study) ?? priorityFromStudy(study),
    readStatus: providers.readStatus?.(study) ?? readStatusOf(documents),
    arrival: providers.arrival ? providers.arrival(study) : toLocalDate(study.studyDate, study.studyTime),
    reportedAt: reported ? new Date(reported) : undefined,
  };
}

/** The turnaround clock of a row at time `now`; undefined without an arrival time. */
export function turnaroundOf(row: WorklistRow, now: number, targets: TurnaroundTargets): Turnaround | undefined {
  if (!row.arrival) return undefined;
  const stopped = row.readStatus !== undefined && row.readStatus !== 'unread';
  const end = stopped ? (row.reportedAt?.getTime() ?? now) : now;
  const elapsedMinutes = Math.max(0, Math.floor((end - row.arrival.getTime()) / 60_000));
  const targetMinutes = targets[row.priority];
  return { elapsedMinutes, targetMinutes, overdue: elapsedMinutes > targetMinutes, stopped };
}
