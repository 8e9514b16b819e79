// Side-effect entry point: registers <rad-viewport>. Cornerstone3D itself is imported only when a
// viewport connects.
import { RadViewport } from './rad-viewport/rad-viewport.js';

export { RadViewport };

if (!customElements.get('rad-viewport')) customElements.define('rad-viewport', RadViewport);
