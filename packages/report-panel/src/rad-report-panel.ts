// Side-effect entry point: registers <rad-report-panel>.
// <rad-dicomweb> first: a bundler may split side-effect modules into chunks that run in another
// order than the page imported them, and a consumer defined before its provider asks for the
// service before anyone can answer (@lit/context has no replay without a ContextRoot).
import '@telerad/core/rad-dicomweb.js';
import { registerTranslations } from '@telerad/core';
import { RadReportPanel } from './rad-report-panel/rad-report-panel.js';

export { RadReportPanel };

registerTranslations('de', () => import('./locales/de.js'));
if (!customElements.get('rad-report-panel')) customElements.define('rad-report-panel', RadReportPanel);
