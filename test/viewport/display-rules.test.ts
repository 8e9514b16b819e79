// Display rules with Cornerstone's WebGL renderer (display-rules-cpu.test.ts: the CPU renderer).
import { interpolationTests, monochromeDisplayTests, overlayPlaneTests } from './display-rules.js';

monochromeDisplayTests(false);
overlayPlaneTests(false);
interpolationTests(false);
