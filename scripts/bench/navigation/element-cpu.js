// The same page as element.js with `cpu-rendering` set: on a machine without a GPU (WebGL in
// software, as here) Cornerstone's CPU path draws an image per animation frame.
import './element.js';
