// Vue 3 renders <rad-viewer> as a native element: known properties are set as DOM properties and
// `onRadAudit` listens to `rad-audit`.
import { createApp, h, ref } from 'vue';
import '@telerad/viewer/rad-viewer.js';
import type { AuditEventDetail } from '@telerad/viewer';

createApp({
  setup() {
    const audits = ref<string[]>([]);
    return () =>
      h('main', [
        h('h1', 'Results (Vue 3)'),
        h('p', { id: 'audits' }, audits.value.join(', ') || '—'),
        h('rad-viewer', {
          mode: 'referring',
          url: '/dicom-web',
          iid: true,
          launch: 'requestType=STUDY&accessionNumber=ACC-26-0655',
          onRadAudit: (event: CustomEvent<AuditEventDetail>) => (audits.value = [...audits.value, event.detail.extension[0].valueCode]),
        }),
      ]);
  },
}).mount('#app');
