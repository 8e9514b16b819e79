// The worklist's events and their details, added to core's event map.
import type { Series, Study } from '@telerad/core';
import type { WorklistQuery } from './worklist-query.js';

/** `detail` of `rad-study-select` and `rad-study-open`. */
export interface StudySelectDetail {
  study: Study;
  /** Whether the study was picked from the priors list of another study. */
  prior: boolean;
}

/** `detail` of `rad-series-select`. */
export interface SeriesSelectDetail {
  study: Study;
  series: Series;
}

/** `detail` of `rad-query-change`. */
export interface QueryChangeDetail {
  query: WorklistQuery;
}

declare module '@telerad/core' {
  interface RadEventMap {
    'rad-study-select': StudySelectDetail;
    'rad-study-open': StudySelectDetail;
    'rad-series-select': SeriesSelectDetail;
    'rad-query-change': QueryChangeDetail;
  }
}
