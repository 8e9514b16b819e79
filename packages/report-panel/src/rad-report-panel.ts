// Side-effect entry point: registers <rad-report-panel>.
import { registerTranslations } from '@telerad/core';
import { RadReportPanel } from './rad-report-panel/rad-report-panel.js';

export { RadReportPanel };

registerTranslations('de', () => import('./locales/de.js'));
if (!customElements.get('rad-report-panel')) customElements.define('rad-report-panel', RadReportPanel);
