export { RadViewer } from './rad-viewer/rad-viewer.js';
export type { SessionExpiredDetail } from './rad-viewer/viewer-events.js';
export type { ViewerLayout, ViewerMode } from './rad-viewer/viewer-view.js';
export { auditEvent, type AuditAction, type AuditEventDetail, type AuditSubject } from './rad-viewer/audit.js';
export {
  iidQuery,
  parseIidLaunch,
  type IidRequest,
  type LaunchProblem,
  type LaunchResult,
} from './rad-viewer/iid-launch.js';
export { nearestFrame, ViewportSync } from './rad-viewer/viewport-sync.js';
