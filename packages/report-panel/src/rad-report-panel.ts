// Side-effect entry point: registers <rad-report-panel>.
// <rad-dicomweb> before this element, in whatever order a bundle runs its chunks (see that module).
import '@telerad/core/rad-dicomweb.js';
import { registerTranslations } from '@telerad/core';
import { RadReportPanel } from './rad-report-panel/rad-report-panel.js';

export { RadReportPanel };

registerTranslations('de', () => import('./locales/de.js'));
if (!customElements.get('rad-report-panel')) customElements.define('rad-report-panel', RadReportPanel);
