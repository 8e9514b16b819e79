// Display rules with Cornerstone's CPU renderer (display-rules.test.ts: WebGL).
import { interpolationTests, monochromeDisplayTests, overlayPlaneTests } from './display-rules.js';

monochromeDisplayTests(true);
overlayPlaneTests(true);
interpolationTests(true);
