// What a host developer writes: register the elements from the installed packages, then listen.
import '@telerad/core/rad-dicomweb.js';
import '@telerad/study-browser/rad-study-browser.js';
import '@telerad/viewport/rad-viewport.js';
import '@telerad/report-panel/rad-report-panel.js';
import './listen.js';
