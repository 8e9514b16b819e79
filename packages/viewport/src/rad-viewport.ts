// Side-effect entry point: registers <rad-viewport> and <rad-rendering-group>. Cornerstone3D itself
// is imported only when a viewport connects.
// <rad-dicomweb> before this element, in whatever order a bundle runs its chunks (see that module).
import '@telerad/core/rad-dicomweb.js';
import { registerTranslations } from '@telerad/core';
import { RadRenderingGroup } from './rad-rendering-group/rad-rendering-group.js';
import { RadViewport } from './rad-viewport/rad-viewport.js';

export { RadRenderingGroup, RadViewport };

registerTranslations('de', () => import('./locales/de.js'));
if (!customElements.get('rad-rendering-group')) customElements.define('rad-rendering-group', RadRenderingGroup);
if (!customElements.get('rad-viewport')) customElements.define('rad-viewport', RadViewport);
