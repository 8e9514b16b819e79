export { RadSeriesThumbnail, type ThumbnailService } from './rad-series-thumbnail/rad-series-thumbnail.js';
export { RadStudyBrowser } from './rad-study-browser/rad-study-browser.js';
export type { QueryChangeDetail, SeriesSelectDetail, StudySelectDetail } from './rad-study-browser/browser-events.js';
export type { StudySearchService } from './rad-study-browser/worklist-data.js';
export {
  ageAt,
  DEFAULT_COLUMNS,
  sortRows,
  STUDY_COLUMNS,
  type CellContext,
  type SortDirection,
  type StudyColumn,
  type StudyColumnId,
} from './rad-study-browser/columns.js';
export {
  FILTER_MODALITIES,
  presetRange,
  toStudyQuery,
  type DatePreset,
  type WorklistQuery,
} from './rad-study-browser/worklist-query.js';
export {
  DEFAULT_TURNAROUND_TARGETS,
  priorityFromStudy,
  toWorklistRow,
  turnaroundOf,
  type Priority,
  type Turnaround,
  type TurnaroundTargets,
  type WorklistProviders,
  type WorklistRow,
} from './rad-study-browser/worklist-row.js';
