// The viewport's frame around the engine's canvas: the toolbar slot, the no-size state, the image
// area (overlay planes, the early first image, a failed image, the overlay, the series' state, the
// progress bar) and the slider.
import { DicomWebError, errorMessage, ViewerError } from '@telerad/core';
import { html, nothing, svg } from 'lit';
import { imageFailedLabel, imageLabel, texts } from './messages.js';
import type { ReferenceLine } from './crosshair-lines.js';
import type { ViewState } from './viewport-controller.js';

/** What the frame shows around the image. */
export interface ViewportFrame {
  view?: ViewState;
  /** Images of the series (known before any is shown): the slider is there from the start. */
  images: number;
  noSize: boolean;
  /** Why the image shown failed, when it did. */
  imageError?: DicomWebError | ViewerError;
  progress?: { loaded: number; total: number };
  toolbar: unknown;
  overlay: unknown;
  /** The series' loading state (pending or error), from its task. */
  seriesState: unknown;
  /** The reformat shown over the stack, named for the reader ("Coronal reformat, slice 3 of 64"). */
  reformat?: string;
  /** Why the plane asked for is not shown. */
  refusal?: string;
  /** Where the rendering group's other planes cut the reformat shown. */
  referenceLines: readonly ReferenceLine[];
}

export interface ViewportFrameActions {
  keydown(event: KeyboardEvent): void;
  /** A pointer pressed on the image, before the engine sees it. */
  pointerdown(): void;
  showImage(index: number): void;
}

const kindOf = (error: unknown) =>
  error instanceof DicomWebError || error instanceof ViewerError ? error.kind : 'unknown';

/** The series loading, or why it could not be shown. */
export const seriesStates = {
  pending: () => html`<div class="state" role="status">${texts().loading}</div>`,
  error: (error: unknown) =>
    html`<div part="error" class="state" role="alert" data-kind=${kindOf(error)}>${errorMessage(error)}</div>`,
};

export function renderViewportFrame(frame: ViewportFrame, actions: ViewportFrameActions) {
  const { view, progress } = frame;
  const label = frame.reformat ?? (view && view.count ? imageLabel(view.index + 1, view.count) : texts().empty);
  const noSizeText = errorMessage(new ViewerError('no-size'));
  const noSize = html`<div part="no-size error" class="no-size" role="alert">${noSizeText}</div>`;
  const failed = html`<div part="image-error error" class="state" role="alert">
    ${imageFailedLabel((view?.index ?? 0) + 1, view?.count ?? 0)} ${errorMessage(frame.imageError)}
  </div>`;
  const loading =
    progress && progress.loaded < progress.total
      ? html`<progress
          part="progress"
          max=${progress.total}
          .value=${progress.loaded}
          aria-label=${texts().imagesLoaded}
        ></progress>`
      : nothing;
  return html`<div class="frame">
    <slot name="toolbar">${frame.toolbar}</slot>
    ${frame.noSize ? noSize : nothing}
    ${frame.refusal ? html`<div part="refusal" class="refusal" role="status">${frame.refusal}</div>` : nothing}
    <div
      part="viewport"
      tabindex="0"
      role="img"
      aria-label=${label}
      ?data-reformat=${frame.reformat}
      @keydown=${(e: KeyboardEvent) => actions.keydown(e)}
      @pointerdown=${{ handleEvent: () => actions.pointerdown(), capture: true }}
    >
      <div class="cornerstone" ?data-stale=${view?.failed}></div>
      <div class="reformat" ?data-shown=${frame.reformat !== undefined}></div>
      <div class="fusion-source" aria-hidden="true"></div>
      ${frame.referenceLines.length ? renderReferenceLines(frame.referenceLines) : nothing}
      <canvas part="overlay-planes" aria-hidden="true"></canvas>
      <canvas part="first-image" aria-hidden="true"></canvas>
      ${view?.failed ? failed : nothing} ${frame.overlay} ${frame.seriesState} ${loading}
    </div>
    ${frame.images > 1 ? renderSlider(view ?? { index: 0, count: frame.images }, actions, !view) : nothing}
  </div>`;
}

function renderSlider(view: Pick<ViewState, 'index' | 'count'>, actions: ViewportFrameActions, disabled: boolean) {
  return html`<input
    part="scrollbar"
    type="range"
    ?disabled=${disabled}
    min="0"
    max=${view.count - 1}
    .value=${String(view.index)}
    aria-label=${texts().scrollbar}
    @input=${(e: Event) => actions.showImage(Number((e.target as HTMLInputElement).value))}
  />`;
}

/** The reference lines, an SVG over the image area in its CSS pixels. */
function renderReferenceLines(lines: readonly ReferenceLine[]) {
  return svg`<svg part="crosshairs" class="crosshairs" aria-hidden="true">
    ${lines.map(
      ({ plane, x1, y1, x2, y2 }) => svg`<line data-plane=${plane} x1=${x1} y1=${y1} x2=${x2} y2=${y2}></line>`,
    )}
  </svg>`;
}
