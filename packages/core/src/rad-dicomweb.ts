// Side-effect entry point: registers <rad-dicomweb>.
import { RadDicomweb } from './rad-dicomweb/rad-dicomweb.js';

export { RadDicomweb };

if (!customElements.get('rad-dicomweb')) customElements.define('rad-dicomweb', RadDicomweb);
