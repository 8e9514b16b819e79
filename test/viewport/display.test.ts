// Display against the phantoms' truth with Cornerstone's WebGL renderer (display-cpu.test.ts: the CPU renderer).
import { displayTests } from './display.js';

displayTests(false);
