// Angular renders <rad-viewer> from an ahead-of-time compiled template: CUSTOM_ELEMENTS_SCHEMA lets
// it through, [prop] bindings set DOM properties and (rad-audit) listens to the element's event.
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal, VERSION } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import '@telerad/viewer/rad-viewer.js';
import type { AuditEventDetail } from '@telerad/viewer';

@Component({
  selector: 'telerad-results',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Results (Angular {{ version }})</h1>
      <p id="audits">{{ audits().join(', ') || '—' }}</p>
      <rad-viewer mode="referring" [url]="archive" [iid]="true" [launch]="launch" (rad-audit)="recordAudit($event)"></rad-viewer>
    </main>
  `,
})
class Results {
  readonly version = VERSION.major;
  readonly archive = '/dicom-web';
  readonly launch = 'requestType=STUDY&accessionNumber=ACC-26-0655';
  readonly audits = signal<string[]>([]);

  recordAudit(event: Event): void {
    const { detail } = event as CustomEvent<AuditEventDetail>;
    this.audits.update((seen) => [...seen, detail.extension[0].valueCode]);
  }
}

bootstrapApplication(Results, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => {
  document.body.textContent = `The example did not start: ${String(error)}`;
});
