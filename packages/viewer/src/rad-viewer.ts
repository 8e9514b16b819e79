// Side-effect entry point: registers <rad-viewer> (and, through it, the elements it composes).
import { registerTranslations } from '@telerad/core';
import { RadViewer } from './rad-viewer/rad-viewer.js';

export { RadViewer };

registerTranslations('de', () => import('./locales/de.js'));
if (!customElements.get('rad-viewer')) customElements.define('rad-viewer', RadViewer);
