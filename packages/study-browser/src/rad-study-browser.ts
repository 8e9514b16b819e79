// Side-effect entry point: registers <rad-study-browser>.
import { RadStudyBrowser } from './rad-study-browser/rad-study-browser.js';

export { RadStudyBrowser };

if (!customElements.get('rad-study-browser')) customElements.define('rad-study-browser', RadStudyBrowser);
