// Display against the phantoms' truth with Cornerstone's CPU renderer (display.test.ts: WebGL).
import { displayTests } from './display.js';

displayTests(true);
