// Side-effect entry point: registers <rad-dicomweb>. Every element's own entry imports this one first:
// a bundler may split side-effect modules into chunks that run in another order than the page
// imported them, and a consumer defined before its provider asks for the service before anyone can
// answer (@lit/context has no replay without a ContextRoot).
import { RadDicomweb } from './rad-dicomweb/rad-dicomweb.js';

export { RadDicomweb };

if (!customElements.get('rad-dicomweb')) customElements.define('rad-dicomweb', RadDicomweb);
