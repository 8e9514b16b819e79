// React 19 mounts <rad-viewer> like any element: properties as props, events on the element.
import { createElement as h, StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@telerad/viewer/rad-viewer.js';
import type { AuditEventDetail, RadViewer } from '@telerad/viewer';

function App() {
  const viewer = useRef<RadViewer>(null);
  const [audits, setAudits] = useState<string[]>([]);
  useEffect(() => {
    const element = viewer.current;
    if (!element) return;
    const onAudit = (event: CustomEvent<AuditEventDetail>) => setAudits((seen) => [...seen, event.detail.extension[0].valueCode]);
    element.addEventListener('rad-audit', onAudit);
    return () => element.removeEventListener('rad-audit', onAudit);
  }, []);
  return h(
    'main',
    null,
    h('h1', null, 'Results (React 19)'),
    h('p', { id: 'audits' }, audits.join(', ') || '—'),
    h('rad-viewer', { ref: viewer, mode: 'referring', url: '/dicom-web', iid: true, launch: 'requestType=STUDY&accessionNumber=ACC-26-0655' }),
  );
}

createRoot(document.querySelector('#app') as HTMLElement).render(h(StrictMode, null, h(App)));
