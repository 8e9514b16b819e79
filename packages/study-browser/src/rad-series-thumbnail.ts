// Side-effect entry point: registers <rad-series-thumbnail> alone (for elements that show series
// thumbnails without the worklist, such as <rad-viewer>'s series strip).
import '@telerad/core/rad-dicomweb.js';
import { registerTranslations } from '@telerad/core';
import { RadSeriesThumbnail } from './rad-series-thumbnail/rad-series-thumbnail.js';

export { RadSeriesThumbnail };

// The package's translations (the worklist's entry registers the same module: loaded once).
registerTranslations('de', () => import('./locales/de.js'));
if (!customElements.get('rad-series-thumbnail')) customElements.define('rad-series-thumbnail', RadSeriesThumbnail);
