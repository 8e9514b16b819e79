// The viewer's own events and their details, added to core's event map.
import type { AuditEventDetail } from './audit.js';
import type { ContextChangeDetail } from './fhircast-follower.js';
import type { SmartStep } from './smart-controller.js';
import type { SmartFailureReason } from './smart-launch.js';

/** `detail` of `rad-session-expired`. */
export interface SessionExpiredDetail {
  idleMinutes: number;
}

/** `detail` of `rad-smart-step`. */
export interface SmartStepDetail {
  step: SmartStep;
}

/** `detail` of `rad-smart-failed`: why, and the message the viewer shows. */
export interface SmartFailedDetail {
  reason: SmartFailureReason;
  message: string;
}

declare module '@telerad/core' {
  interface RadEventMap {
    /** No detail: cancelable (see `@fires`). */
    'rad-session-resume': null;
    'rad-audit': AuditEventDetail;
    'rad-session-expired': SessionExpiredDetail;
    'rad-smart-step': SmartStepDetail;
    'rad-smart-failed': SmartFailedDetail;
    'rad-context-change': ContextChangeDetail;
  }
}
