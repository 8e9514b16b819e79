import { css } from 'lit';

export const styles = css`
  /* The layout lives in .frame, not on the host: a host rule such as display: block or inline
     must not take the image area's height away. */
  :host {
    display: block;
    min-height: 240px;
  }
  :host([hidden]) {
    display: none;
  }
  .frame {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: inherit;
  }
  .frame > * {
    flex: none;
  }
  .crosshairs {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    pointer-events: none;
    overflow: hidden;
  }
  .crosshairs line {
    stroke-width: 1;
  }
  .crosshairs [data-plane='axial'] {
    stroke: var(--rad-viewport-axial-color, #ff5a5a);
  }
  .crosshairs [data-plane='coronal'] {
    stroke: var(--rad-viewport-coronal-color, #4cd964);
  }
  .crosshairs [data-plane='sagittal'] {
    stroke: var(--rad-viewport-sagittal-color, #ffd60a);
  }
  .refusal {
    padding: 0.4rem;
    color: #fff;
    background: #333;
  }
  /* A plane drawn early stays until the reformat has drawn (first-image-controller.ts). */
  [data-reformat] [part~='overlay-planes'],
  [data-reformat] [part~='first-image']:not([data-plane]) {
    visibility: hidden;
  }
  .no-size {
    padding: 0.4rem;
    color: #fff;
    background: color-mix(in srgb, var(--_danger) 35%, #000);
  }
  [part~='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    padding: 0.3rem;
    border-bottom: 1px solid var(--_border);
  }
  [part~='toolbar'] button,
  [part~='toolbar'] select {
    font: inherit;
    font-size: 0.85em;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.25rem 0.5rem;
    cursor: pointer;
  }
  [part~='toolbar'] .fps {
    display: flex;
    gap: 0.25rem;
    align-items: center;
    font-size: 0.85em;
  }
  .fps input {
    width: 3.5rem;
    font: inherit;
  }
  [part~='toolbar'] button[aria-pressed='true'] {
    color: var(--_bg);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  :is(button, select, input, [part~='viewport']):focus-visible {
    outline: var(--_focus);
    outline-offset: -2px;
  }
  /* Square when the host gives no height (display: block, inline), else whatever the height leaves. */
  .frame > [part~='viewport'] {
    flex: 1 1 auto;
    aspect-ratio: 1;
    max-height: 90vh;
  }
  [part~='viewport'] {
    position: relative;
    min-height: 0;
    background: var(--rad-viewport-background, #000);
    touch-action: none;
  }
  .cornerstone,
  .reformat,
  .fusion-source {
    position: absolute;
    inset: 0;
  }
  /* The reformat keeps its size while hidden: its engine viewport is sized once, with the stack's. */
  /* A fused series is drawn the reformat's size, out of sight, and blended onto it. */
  .reformat:not([data-shown]),
  .fusion-source {
    visibility: hidden;
    pointer-events: none;
  }
  /* The first image drawn before the engine loaded: over the engine's canvas until it draws. */
  /* At the image's own size, laid on it by a transform (see OverlayController). */
  [part~='overlay-planes'] {
    position: absolute;
    left: 0;
    top: 0;
    transform-origin: 0 0;
    image-rendering: pixelated;
    pointer-events: none;
    visibility: hidden;
  }
  [part~='overlay-planes'][data-shown] {
    visibility: visible;
  }
  [part~='first-image'] {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: contain;
    background: #000;
    pointer-events: none;
    visibility: hidden;
  }
  [part~='first-image'][data-shown] {
    visibility: visible;
  }
  /* The canvas still holds the previous image: never show it as the failed one. */
  .cornerstone[data-stale] {
    visibility: hidden;
  }
  [part~='overlay'] {
    position: absolute;
    inset: 0;
    pointer-events: none;
    color: var(--rad-viewport-overlay-color, #e8e8e8);
    font-size: 0.8em;
    text-shadow: 0 0 2px #000;
  }
  .corner {
    position: absolute;
    padding: 0.4rem;
  }
  .top-left {
    top: 0;
    left: 0;
  }
  .top-right {
    top: 0;
    right: 0;
    text-align: end;
  }
  .bottom-left {
    bottom: 0;
    left: 0;
  }
  .bottom-right {
    bottom: 0;
    right: 0;
    text-align: end;
  }
  .edge {
    position: absolute;
    font-weight: 600;
    font-size: 1.1em;
  }
  .edge.left {
    left: 0.4rem;
    top: 50%;
  }
  .edge.right {
    right: 0.4rem;
    top: 50%;
  }
  .edge.top {
    top: 0.4rem;
    left: 50%;
  }
  .edge.bottom {
    bottom: 2.6rem;
    left: 50%;
  }
  .scale-bar {
    position: absolute;
    right: 0.5rem;
    bottom: 4.2rem;
    display: grid;
    justify-items: end;
    gap: 0.1rem;
  }
  .scale-bar .bar {
    display: block;
    height: 4px;
    border: 1px solid currentColor;
    border-top: 0;
  }
  .state {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    color: #ddd;
    padding: 1rem;
    text-align: center;
  }
  [part~='error'],
  [part~='image-error'] {
    color: #fff;
    background: color-mix(in srgb, var(--_danger) 35%, #000);
  }
  [part~='progress'] {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    width: 100%;
    height: 4px;
  }
  [part~='scrollbar'] {
    width: calc(100% - 1rem);
    margin: 0.3rem 0.5rem;
  }
`;
