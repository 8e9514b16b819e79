// The viewer's own events and their details, added to core's event map.
import type { AuditEventDetail } from './audit.js';

/** `detail` of `rad-session-expired`. */
export interface SessionExpiredDetail {
  idleMinutes: number;
}

declare module '@telerad/core' {
  interface RadEventMap {
    /** No detail: cancelable (see `@fires`). */
    'rad-session-resume': null;
    'rad-audit': AuditEventDetail;
    'rad-session-expired': SessionExpiredDetail;
  }
}
