// The facility portal: a radiologist reads from the worklist, measures, and signs reports. The
// portal supplies the signed-in reader and forwards audit events to its log.
import '@telerad/viewer/rad-viewer.js';

const viewer = document.querySelector('rad-viewer');
const reader = { name: 'Demo^Radiologist^^Dr', id: 'DEMO-001', subspecialty: 'Emergency radiology', organization: 'Telerad Demo Group' };
if (viewer) viewer.reader = reader;
const user = document.querySelector('#user');
if (user) user.textContent = 'Dr Demo Radiologist';

const audit = document.querySelector('#audit');
document.addEventListener('rad-audit', (event) => {
  // Text only; a real portal sends the AuditEvent to its audit repository.
  const item = document.createElement('li');
  const [action] = event.detail.extension;
  item.textContent = `${event.detail.recorded} ${action.valueCode} (${event.detail.entity.map((e) => e.what.type).join(', ')})`;
  audit?.prepend(item);
});
document.addEventListener('rad-session-expired', () => {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString()} session locked after inactivity`;
  audit?.prepend(item);
});
