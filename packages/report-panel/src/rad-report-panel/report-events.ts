// The panel's events and their details, added to core's event map: the one contract with hosts.
import type { RadErrorDetail } from '@telerad/core';
import type { CriticalCommunication, ReportDraft, SignedStatus } from './report-model.js';
import type { SignBlockedDetail } from './sign-checks.js';

/** What the panel is for: writing reports, reading them (referring physicians), or reviewing them. */
export type ReportPanelMode = 'author' | 'referring' | 'peer-review';

/** `detail` of `rad-report-draft-change`. */
export interface DraftChangeDetail {
  studyInstanceUID: string;
  draft: ReportDraft;
}

/** `detail` of `rad-report-signed` (also for addenda and peer reviews). */
export interface ReportSignedDetail {
  status: SignedStatus | 'peer-review';
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  /**
   * Reports by others that the archive holds beside this one and the reader had not seen: signed
   * at the same time (found after storing). Absent when there were none.
   */
  concurrent?: string[];
}

/** `detail` of the panel's `rad-error`: core's error detail, with whether the reader's text is still on screen. */
export type ReportErrorDetail = RadErrorDetail & { draftKept: boolean };

/** `detail` of `rad-critical-result`: a critical finding was flagged, or its communication recorded. */
export interface CriticalResultDetail {
  studyInstanceUID: string;
  critical: boolean;
  communication?: CriticalCommunication;
}

/** `detail` of `rad-report-unsaved`: the study changed while its draft was unsigned (the draft is kept). */
export interface UnsavedDraftDetail {
  studyInstanceUID: string;
}

declare module '@telerad/core' {
  interface RadEventMap {
    'rad-report-draft-change': DraftChangeDetail;
    'rad-report-signed': ReportSignedDetail;
    'rad-critical-result': CriticalResultDetail;
    'rad-report-unsaved': UnsavedDraftDetail;
    'rad-sign-blocked': SignBlockedDetail;
  }
}
