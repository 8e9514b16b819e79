import { msg, str } from '@lit/localize';
import type { CalibrationKind } from './calibration.js';
import type { ViewportTool } from './viewport-controller.js';

export const calibrationLabel = (kind: CalibrationKind): string =>
  ({
    patient: msg('PixelSpacing (patient)', { id: 'viewport.calibration.patient' }),
    detector: msg('ImagerPixelSpacing (at detector)', { id: 'viewport.calibration.detector' }),
    'ultrasound-region': msg('Ultrasound region calibration', { id: 'viewport.calibration.us-region' }),
    uncalibrated: msg('Uncalibrated (pixels)', { id: 'viewport.calibration.none' }),
  })[kind];

export const toolLabel = (tool: ViewportTool): string =>
  ({
    WindowLevel: msg('Window/level', { id: 'viewport.tool.window-level' }),
    Pan: msg('Pan', { id: 'viewport.tool.pan' }),
    StackScroll: msg('Scroll', { id: 'viewport.tool.scroll' }),
    Zoom: msg('Zoom', { id: 'viewport.tool.zoom' }),
    PlanarRotate: msg('Rotate', { id: 'viewport.tool.rotate' }),
    Length: msg('Length', { id: 'viewport.tool.length' }),
    Angle: msg('Angle', { id: 'viewport.tool.angle' }),
    CobbAngle: msg('Cobb angle', { id: 'viewport.tool.cobb' }),
    Bidirectional: msg('Bidirectional', { id: 'viewport.tool.bidirectional' }),
    EllipticalROI: msg('Ellipse ROI', { id: 'viewport.tool.ellipse' }),
    RectangleROI: msg('Rectangle ROI', { id: 'viewport.tool.rectangle' }),
    CircleROI: msg('Circle ROI', { id: 'viewport.tool.circle' }),
    Probe: msg('Probe', { id: 'viewport.tool.probe' }),
    Crosshairs: msg('Crosshairs', { id: 'viewport.tool.crosshairs' }),
    ArrowAnnotate: msg('Arrow', { id: 'viewport.tool.arrow' }),
  })[tool];

export const presetLabel = (id: string): string =>
  ({
    brain: msg('Brain', { id: 'viewport.preset.brain' }),
    subdural: msg('Subdural', { id: 'viewport.preset.subdural' }),
    stroke: msg('Stroke', { id: 'viewport.preset.stroke' }),
    lung: msg('Lung', { id: 'viewport.preset.lung' }),
    mediastinum: msg('Mediastinum', { id: 'viewport.preset.mediastinum' }),
    abdomen: msg('Abdomen', { id: 'viewport.preset.abdomen' }),
    liver: msg('Liver', { id: 'viewport.preset.liver' }),
    bone: msg('Bone', { id: 'viewport.preset.bone' }),
  })[id] ?? id;

/** An image's own window or VOI LUT, by its explanation or else its number. */
export const imagePresetLabel = ({
  explanation,
  number,
  voiLut,
}: {
  explanation?: string;
  number: number;
  voiLut?: number;
}) =>
  voiLut === undefined
    ? msg(str`File window: ${explanation || number}`, { id: 'viewport.preset.file-window' })
    : msg(str`VOI LUT: ${explanation || number}`, { id: 'viewport.preset.voi-lut' });

/** The toolbar's action buttons: label and title (with the key). */
export const actionLabels = () => ({
  narrower: [
    msg('Window −', { id: 'viewport.action.narrower' }),
    msg('Narrower window ([)', { id: 'viewport.action.narrower-title' }),
  ],
  wider: [
    msg('Window +', { id: 'viewport.action.wider' }),
    msg('Wider window (])', { id: 'viewport.action.wider-title' }),
  ],
  lower: [
    msg('Level −', { id: 'viewport.action.lower' }),
    msg('Lower level (,)', { id: 'viewport.action.lower-title' }),
  ],
  higher: [
    msg('Level +', { id: 'viewport.action.higher' }),
    msg('Higher level (.)', { id: 'viewport.action.higher-title' }),
  ],
  invert: [msg('Invert', { id: 'viewport.action.invert' }), msg('Invert (i)', { id: 'viewport.action.invert-title' })],
  overlayPlanes: [
    msg('Overlays', { id: 'viewport.action.overlay-planes' }),
    msg('Overlay planes of the image (g)', { id: 'viewport.action.overlay-planes-title' }),
  ],
  zoomIn: [
    msg('Zoom in', { id: 'viewport.action.zoom-in' }),
    msg('Zoom in (+)', { id: 'viewport.action.zoom-in-title' }),
  ],
  zoomOut: [
    msg('Zoom out', { id: 'viewport.action.zoom-out' }),
    msg('Zoom out (−)', { id: 'viewport.action.zoom-out-title' }),
  ],
  rotate: [
    msg('Rotate', { id: 'viewport.action.rotate' }),
    msg('Rotate 90° (r)', { id: 'viewport.action.rotate-title' }),
  ],
  flipH: [
    msg('Flip H', { id: 'viewport.action.flip-h' }),
    msg('Flip horizontally (h)', { id: 'viewport.action.flip-h-title' }),
  ],
  flipV: [
    msg('Flip V', { id: 'viewport.action.flip-v' }),
    msg('Flip vertically (v)', { id: 'viewport.action.flip-v-title' }),
  ],
  reset: [msg('Reset', { id: 'viewport.action.reset' }), msg('Reset (Esc)', { id: 'viewport.action.reset-title' })],
  play: [msg('Play', { id: 'viewport.action.play' }), msg('Cine (space)', { id: 'viewport.action.cine-title' })],
  pause: [msg('Pause', { id: 'viewport.action.pause' }), msg('Cine (space)', { id: 'viewport.action.cine-title' })],
});

export const texts = () => ({
  toolbar: msg('Viewport tools', { id: 'viewport.toolbar' }),
  preset: msg('Window preset', { id: 'viewport.preset' }),
  presetPlaceholder: msg('Preset…', { id: 'viewport.preset-placeholder' }),
  loading: msg('Loading series…', { id: 'viewport.loading' }),
  imagesLoaded: msg('Images loaded', { id: 'viewport.images-loaded' }),
  scrollbar: msg('Image', { id: 'viewport.scrollbar' }),
  fps: msg('fps', { id: 'viewport.fps' }),
  empty: msg('Image viewport', { id: 'viewport.empty' }),
});

export const imageLabel = (n: number, count: number) =>
  msg(str`Image ${n} of ${count}`, { id: 'viewport.image-label' });

export const imageFailedLabel = (n: number, count: number) =>
  msg(str`Image ${n} of ${count} could not be shown.`, { id: 'viewport.image-failed' });

export const noSuv = (units: string, why: string) => msg(str`${units} — no SUV: ${why}`, { id: 'viewport.no-suv' });

/** A reformat's plane and slab, as the overlay and the report name them ("coronal reformat"). */
export function reformatName(
  plane: 'axial' | 'coronal' | 'sagittal' | 'oblique',
  slab: string,
  thicknessMm: number,
): string {
  const planes = {
    axial: msg('Axial reformat', { id: 'viewport.plane.axial' }),
    coronal: msg('Coronal reformat', { id: 'viewport.plane.coronal' }),
    sagittal: msg('Sagittal reformat', { id: 'viewport.plane.sagittal' }),
    oblique: msg('Oblique reformat', { id: 'viewport.plane.oblique' }),
  };
  const slabs: Record<string, string> = {
    mip: msg('MIP', { id: 'viewport.slab.mip' }),
    minip: msg('MinIP', { id: 'viewport.slab.minip' }),
    average: msg('average', { id: 'viewport.slab.average' }),
  };
  const thickness = Number(thicknessMm.toFixed(1));
  return slab in slabs
    ? msg(str`${planes[plane]}, ${slabs[slab]} ${thickness} mm`, { id: 'viewport.plane.slab' })
    : planes[plane];
}

export const sliceLabel = (name: string, n: number, count: number) =>
  msg(str`${name}, slice ${n} of ${count}`, { id: 'viewport.plane.slice' });
