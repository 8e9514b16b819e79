import { msg, str } from '@lit/localize';
import type { LaunchProblem } from './iid-launch.js';

export const texts = () => ({
  viewer: msg('Image viewer', { id: 'viewer.label' }),
  series: msg('Series', { id: 'viewer.series' }),
  layout: msg('Layout', { id: 'viewer.layout' }),
  compare: msg('Compare with prior', { id: 'viewer.compare' }),
  sync: msg('Synchronise', { id: 'viewer.sync' }),
  close: msg('Close study', { id: 'viewer.close' }),
  noStudy: msg('No study open. Pick one from the worklist.', { id: 'viewer.no-study' }),
  noPrior: msg('This patient has no prior study to compare.', { id: 'viewer.no-prior' }),
  emptyViewport: msg('Drop a series here, or pick one with Enter.', { id: 'viewer.empty-viewport' }),
  locked: msg('Locked after inactivity. The images and reports were cleared from this screen.', {
    id: 'viewer.locked',
  }),
  resume: msg('Resume', { id: 'viewer.resume' }),
  launchFailed: msg('This viewer link cannot be opened:', { id: 'viewer.launch-failed' }),
  noMatch: msg('No study matches this link.', { id: 'viewer.no-match' }),
  keyImagesUnsupported: msg('Key images only was asked for; no key image selection is read, so all images are shown.', {
    id: 'viewer.key-images',
  }),
  studies: msg('Studies', { id: 'viewer.studies' }),
  reset: msg('Reset', { id: 'viewer.reset' }),
  invert: msg('Invert', { id: 'viewer.invert' }),
  play: msg('Play', { id: 'viewer.play' }),
  worklist: msg('Worklist', { id: 'viewer.worklist' }),
  pause: msg('Pause', { id: 'viewer.pause' }),
  fps: msg('fps', { id: 'viewer.fps' }),
  tools: msg('Image tools', { id: 'viewer.tools' }),
  mpr: msg('MPR', { id: 'viewer.layout.mpr' }),
  slab: msg('Slab', { id: 'viewer.slab' }),
  slabThin: msg('Thin', { id: 'viewer.slab.thin' }),
  slabThickness: msg('Slab thickness (mm)', { id: 'viewer.slab.thickness' }),
  fusion: msg('Fusion', { id: 'viewer.layout.fusion' }),
  noFusion: msg('Fusion needs a CT and a PET series in the study.', { id: 'viewer.fusion.unavailable' }),
  fusionControls: msg('PET fusion', { id: 'viewer.fusion' }),
  colormap: msg('Colour map', { id: 'viewer.fusion.colormap' }),
  hotIron: msg('Hot iron', { id: 'viewer.fusion.hot-iron' }),
  rainbow: msg('Rainbow', { id: 'viewer.fusion.rainbow' }),
  grey: msg('Grey', { id: 'viewer.fusion.grey' }),
  petOpacity: msg('PET opacity', { id: 'viewer.fusion.opacity' }),
  suvWindow: msg('SUV window top', { id: 'viewer.fusion.window' }),
});

/** What a SMART launch is doing, and why it failed. */
export const smartTexts = () => ({
  authorizing: msg('Signing in with the EHR…', { id: 'viewer.smart.authorizing' }),
  authorized: msg('Signed in. Finding the imaging study…', { id: 'viewer.smart.authorized' }),
  opening: msg('Opening the imaging study…', { id: 'viewer.smart.opening' }),
  denied: msg('Access was not granted in the EHR, so no study can be shown. Launch the viewer again to allow it.', {
    id: 'viewer.smart.denied',
  }),
  'launch-rejected': msg(
    'The EHR did not accept this launch (it may have expired). Launch the viewer again from the EHR.',
    {
      id: 'viewer.smart.rejected',
    },
  ),
  discovery: msg("The EHR's FHIR server could not be reached to sign in.", { id: 'viewer.smart.discovery' }),
  token: msg('Signing in with the EHR did not complete. Launch the viewer again from the EHR.', {
    id: 'viewer.smart.token',
  }),
  fhir: msg("The EHR's FHIR server did not give the imaging study.", { id: 'viewer.smart.fhir' }),
  'no-imaging-study': msg('The EHR has no imaging study for this patient.', { id: 'viewer.smart.no-study' }),
  'no-endpoint': msg('The EHR does not say which image archive holds this study.', { id: 'viewer.smart.no-endpoint' }),
  'endpoint-not-allowed': msg(
    "The study's image archive is not among the origins allowed to receive the sign-in token, so it is not opened.",
    { id: 'viewer.smart.not-allowed' },
  ),
});

export const viewportLabel = (n: number) => msg(str`Viewport ${n}`, { id: 'viewer.viewport' });
export const seriesLabel = (number: string, modality: string, count: string) =>
  msg(str`Se ${number} · ${modality} · ${count} im`, { id: 'viewer.series-label' });
export const priorLabel = (date: string) => msg(str`Prior ${date}`, { id: 'viewer.prior' });

export function launchProblem(problem: LaunchProblem): string {
  switch (problem.kind) {
    case 'missing':
      return msg(str`the parameter “${problem.parameter}” is missing`, { id: 'viewer.launch-missing' });
    case 'unknown':
      return msg(str`the parameter “${problem.parameter}” is not part of IHE Invoke Image Display`, {
        id: 'viewer.launch-unknown',
      });
    case 'invalid':
      return msg(str`“${problem.value}” is not a valid ${problem.parameter}`, { id: 'viewer.launch-invalid' });
  }
}
