// The four-corner overlay of <rad-viewport>: patient and study, series and image (with the
// Instance Number where it differs from the position), slice location, window, zoom, calibration
// and, for PET, the unit; orientation labels at the edges and a scale bar in mm. Tag values are
// rendered as text.
import {
  formatPersonName,
  numberValue,
  parseDicomDate,
  parsePersonName,
  personNameValue,
  stringValue,
  Tag,
} from '@telerad/core';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { calibrationOf } from './calibration.js';
import { calibrationLabel, imagePresetLabel, noSuv } from './messages.js';
import { edgeLabels, scaleBarLength } from './orientation.js';
import type { StackFrame } from './series-stack.js';
import type { ViewState } from './viewport-controller.js';

/**
 * The Instance Number beside the stack position, labelled, where the two differ: the counter is
 * the position a reader scrolls to, which is also what the report names.
 */
const instanceLabel = (position: number, instanceNumber: number | undefined) =>
  instanceNumber === undefined || instanceNumber === position ? '' : ` · Inst ${instanceNumber}`;

/** The window as W/L, or the VOI LUT shown instead. */
function windowLabel(view: ViewState): string {
  const { voiLut, window } = view;
  if (voiLut) return imagePresetLabel({ ...voiLut, number: voiLut.index + 1, voiLut: voiLut.index });
  return `W ${Math.round(window.width)} L ${Math.round(window.center)}`;
}

/** A reformat's overlay: its name, slice and location replace the image's, its scale is the plane's. */
export interface ReformatOverlay {
  name: string;
  pixelsPerMm: number;
  /** The plane's location along its main axis (patient coordinate, mm). */
  locationMm: number;
}

/** Where the image shown lies: its position in the stack and its location, or the reformat's plane and slice. */
function positionLines(frame: StackFrame, view: ViewState, reformat: ReformatOverlay | undefined) {
  if (reformat)
    return html`<div data-field="plane">${reformat.name}</div>
      <div data-field="image">Sl ${view.index + 1}/${view.count}</div>
      <div>Loc ${reformat.locationMm.toFixed(1)} mm</div>`;
  const m = frame.metadata;
  const location = numberValue(m, Tag.SliceLocation);
  const thickness = numberValue(m, Tag.SliceThickness);
  const multiFrame = frame.frame > 1 || (numberValue(m, Tag.NumberOfFrames) ?? 1) > 1;
  const frameNote = multiFrame ? ` (frame ${frame.frame})` : '';
  const instance = instanceLabel(view.index + 1, numberValue(m, Tag.InstanceNumber));
  const slab = thickness ? ` · Th ${thickness} mm` : '';
  return html`<div data-field="image">Im ${view.index + 1}/${view.count}${frameNote}${instance}</div>
    ${location !== undefined ? html`<div>Loc ${location.toFixed(1)} mm${slab}</div>` : nothing}`;
}

/** The overlay of `frame` as `view` shows it, over an image area `areaWidth` pixels wide. */
export function renderOverlay(
  frame: StackFrame,
  view: ViewState,
  { areaWidth, suvUnavailable, reformat }: { areaWidth: number; suvUnavailable?: string; reformat?: ReformatOverlay },
) {
  const m = frame.metadata;
  const calibration = calibrationOf(m);
  const edges = view.screenRight && view.screenUp ? edgeLabels(view.screenRight, view.screenUp) : undefined;
  // Canvas pixels per mm along a row; the bar takes at most a fifth of the image area.
  const pixelsPerMm = reformat?.pixelsPerMm ?? view.scale / calibration.columnSpacing;
  const barMm = calibration.unit === 'mm' ? scaleBarLength(pixelsPerMm, areaWidth / 5) : undefined;
  // Through the CSSOM: a style attribute would need 'unsafe-inline' under CSP.
  const sizeBar = (el?: Element) =>
    (el as HTMLElement | undefined)?.style.setProperty('width', `${(barMm ?? 0) * pixelsPerMm}px`);
  const units = frame.suvbw !== undefined ? 'SUVbw' : noSuv(stringValue(m, Tag.Units) ?? 'raw', suvUnavailable ?? '');
  return html`<div part="overlay" aria-hidden="true">
    ${
      edges
        ? html`<span class="edge left" data-edge="left">${edges.left}</span
          ><span class="edge right" data-edge="right">${edges.right}</span
          ><span class="edge top" data-edge="top">${edges.top}</span
          ><span class="edge bottom" data-edge="bottom">${edges.bottom}</span>`
        : nothing
    }
    ${
      barMm
        ? html`<div class="scale-bar" data-field="scale-bar" data-mm=${barMm}>
          <span class="bar" ${ref(sizeBar)}></span>
          <span>${barMm} mm</span>
        </div>`
        : nothing
    }
    <div class="corner top-left">
      <div data-field="patient">${formatPersonName(parsePersonName(personNameValue(m, Tag.PatientName)))}</div>
      <div>${stringValue(m, Tag.PatientID) ?? ''}</div>
    </div>
    <div class="corner top-right">
      <div>${parseDicomDate(stringValue(m, Tag.StudyDate)) ?? ''}</div>
      <div>${stringValue(m, Tag.StudyDescription) ?? ''}</div>
    </div>
    <div class="corner bottom-left">
      <div>Se ${stringValue(m, Tag.SeriesNumber) ?? '–'} ${stringValue(m, Tag.SeriesDescription) ?? ''}</div>
      ${positionLines(frame, view, reformat)}
    </div>
    <div class="corner bottom-right">
      <div data-field="window">
        ${windowLabel(view)}
      </div>
      <div data-field="zoom">Zoom ${view.zoom.toFixed(2)}×</div>
      <div data-field="calibration">${calibrationLabel(calibration.kind)}</div>
      ${stringValue(m, Tag.Modality) === 'PT' ? html`<div data-field="units">${units}</div>` : nothing}
    </div>
  </div>`;
}
