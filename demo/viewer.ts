// The IID target page of the referring portal: one tag reads its launch from the URL.
import '@telerad/viewer/rad-viewer.js';
