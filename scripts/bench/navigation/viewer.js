// <rad-viewer>, the one tag a portal embeds, from the installed package: the study opened by an IHE
// IID launch in referring mode (its first image series in the first viewport, the report beside).
import '@telerad/viewer/rad-viewer.js';
import { target } from './measure.js';
import { recordViewportFigures } from './viewport-figures.js';

const viewer = document.querySelector('rad-viewer');
recordViewportFigures(() => viewer.viewports[0]);
viewer.setAttribute('launch', `requestType=STUDY&studyUID=${target.study}`);
