// Side-effect entry point: registers <rad-viewer> (and, through it, the elements it composes).
// <rad-dicomweb> first: a bundler may split side-effect modules into chunks that run in another
// order than the page imported them, and a consumer defined before its provider asks for the
// service before anyone can answer (@lit/context has no replay without a ContextRoot).
import '@telerad/core/rad-dicomweb.js';
import { registerTranslations } from '@telerad/core';
import { RadViewer } from './rad-viewer/rad-viewer.js';

export { RadViewer };

registerTranslations('de', () => import('./locales/de.js'));
if (!customElements.get('rad-viewer')) customElements.define('rad-viewer', RadViewer);
