// Side-effect entry point: registers <rad-study-browser> and (rad-series-thumbnail.ts) <rad-series-thumbnail>.
// <rad-dicomweb> before this element, in whatever order a bundle runs its chunks (see that module).
import '@telerad/core/rad-dicomweb.js';
import { registerTranslations } from '@telerad/core';
import { RadSeriesThumbnail } from './rad-series-thumbnail.js';
import { RadStudyBrowser } from './rad-study-browser/rad-study-browser.js';

export { RadSeriesThumbnail, RadStudyBrowser };

registerTranslations('de', () => import('./locales/de.js'));
if (!customElements.get('rad-study-browser')) customElements.define('rad-study-browser', RadStudyBrowser);
