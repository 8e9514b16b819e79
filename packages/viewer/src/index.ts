export { RadViewer, type SessionExpiredDetail, type ViewerLayout, type ViewerMode } from './rad-viewer/rad-viewer.js';
export { auditEvent, type AuditAction, type AuditEventDetail, type AuditSubject } from './rad-viewer/audit.js';
export {
  iidQuery,
  parseIidLaunch,
  type IidRequest,
  type LaunchProblem,
  type LaunchResult,
} from './rad-viewer/iid-launch.js';
export { nearestFrame, ViewportSync } from './rad-viewer/viewport-sync.js';
