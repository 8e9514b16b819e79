// <rad-viewport> in <rad-dicomweb>, from the installed package as a host app builds it, the series
// set by attribute.
import '@telerad/core/rad-dicomweb.js';
import '@telerad/viewport/rad-viewport.js';
import { target } from './measure.js';
import { recordViewportFigures } from './viewport-figures.js';

const viewport = document.querySelector('rad-viewport');
recordViewportFigures(() => viewport);
viewport.setAttribute('study-uid', target.study);
viewport.setAttribute('series-uid', target.series);
