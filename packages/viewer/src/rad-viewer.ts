// Side-effect entry point: registers <rad-viewer> (and, through it, the elements it composes).
// <rad-dicomweb> before this element, in whatever order a bundle runs its chunks (see that module).
import '@telerad/core/rad-dicomweb.js';
import { registerTranslations } from '@telerad/core';
import { RadViewer } from './rad-viewer/rad-viewer.js';

export { RadViewer };

registerTranslations('de', () => import('./locales/de.js'));
if (!customElements.get('rad-viewer')) customElements.define('rad-viewer', RadViewer);
