// <rad-viewport>'s default toolbar and its keyboard: tools, presets, window steps, view actions,
// overlay planes and cine, each reachable by a key (shown in the button's title).
import { numberValue, type DicomJsonDataset } from '@telerad/core';
import { html, nothing } from 'lit';
import { actionLabels, imagePresetLabel, presetLabel, texts, toolLabel } from './messages.js';
import type { WindowPreset } from './presets.js';
import type { RadViewport } from './rad-viewport.js';
import type { ViewportTool } from './viewport-controller.js';

/**
 * The toolbar's tools and their keys. The Scroll tool lets one finger page through images on a
 * touch screen (and the mouse drag).
 */
const TOOL_KEYS = {
  WindowLevel: 'w',
  Pan: 'p',
  StackScroll: 's',
  Zoom: 'z',
  Length: 'l',
  Angle: 'a',
  CobbAngle: 'c',
  Bidirectional: 'b',
  EllipticalROI: 'e',
  RectangleROI: 'q',
  CircleROI: 'o',
  Probe: 'x',
  ArrowAnnotate: 'n',
} satisfies Partial<Record<ViewportTool, string>>;
const TOOLBAR_TOOLS = Object.entries(TOOL_KEYS).map(([tool, key]) => ({ tool: tool as ViewportTool, key }));

/** The default toolbar of `el` (`presets`: its modality's window presets; cine for more than one image). */
export function renderToolbar(
  el: RadViewport,
  {
    presets,
    hasOverlayPlanes,
    imageCount,
  }: { presets: readonly WindowPreset[]; hasOverlayPlanes: boolean; imageCount: number },
) {
  const labels = actionLabels();
  const action = ([label, title]: string[], run: () => unknown) =>
    html`<button type="button" title=${title} @click=${run}>${label}</button>`;
  const overlayPlanes = html`<button
    type="button"
    aria-pressed=${el.overlayPlanes ? 'true' : 'false'}
    title=${labels.overlayPlanes[1]}
    @click=${() => (el.overlayPlanes = !el.overlayPlanes)}
  >
    ${labels.overlayPlanes[0]}
  </button>`;
  return html`<div part="toolbar" role="toolbar" aria-label=${texts().toolbar}>
    ${renderTools(el)} ${renderPresets(el, presets)}
    ${action(labels.narrower, () => el.adjustWindow(0, 1 / 1.2))} ${action(labels.wider, () => el.adjustWindow(0, 1.2))}
    ${action(labels.lower, () => el.adjustWindow(-1))} ${action(labels.higher, () => el.adjustWindow(1))}
    ${action(labels.invert, () => el.invert())} ${action(labels.zoomIn, () => el.zoomBy(1.25))}
    ${action(labels.zoomOut, () => el.zoomBy(0.8))} ${action(labels.rotate, () => el.rotate(90))}
    ${action(labels.flipH, () => el.flip('horizontal'))} ${action(labels.flipV, () => el.flip('vertical'))}
    ${action(labels.reset, () => el.reset())} ${hasOverlayPlanes ? overlayPlanes : nothing}
    ${imageCount > 1 ? renderCine(el, labels) : nothing}
  </div>`;
}

/** The tools, the active one pressed, each with its key in the title. */
function renderTools(el: RadViewport) {
  return TOOLBAR_TOOLS.map(
    ({ tool, key }) =>
      html`<button
        type="button"
        aria-pressed=${el.activeTool === tool ? 'true' : 'false'}
        title="${toolLabel(tool)} (${key})"
        @click=${() => (el.activeTool = tool)}
      >
        ${toolLabel(tool)}
      </button>`,
  );
}

/** The modality's window presets and the image's own windows and VOI LUTs, in one select. */
function renderPresets(el: RadViewport, presets: readonly WindowPreset[]) {
  const ownPresets = el.imagePresets;
  if (!presets.length && !ownPresets.length) return nothing;
  return html`<select
    aria-label=${texts().preset}
    @change=${(e: Event) => el.applyPreset((e.target as HTMLSelectElement).value)}
  >
    <option value="">${texts().presetPlaceholder}</option>
    ${presets.map((p) => html`<option value=${p.id}>${presetLabel(p.id)} (${p.key})</option>`)}
    ${ownPresets.map((p) => html`<option value=${p.id}>${imagePresetLabel(p)}</option>`)}
  </select>`;
}

/** Play/pause and the rate. */
function renderCine(el: RadViewport, labels: ReturnType<typeof actionLabels>) {
  const [label, title] = el.playing ? labels.pause : labels.play;
  const rate = (e: Event) => (el.cineFps = Number((e.target as HTMLInputElement).value) || undefined);
  return html`<button
      type="button"
      aria-pressed=${el.playing ? 'true' : 'false'}
      title=${title}
      @click=${() => (el.playing ? el.pause() : el.play())}
    >
      ${label}
    </button>
    <label class="fps"
      >${texts().fps}
      <input type="number" min="1" max="60" step="1" .value=${String(Math.round(el.cineRate))} @change=${rate}
    /></label>`;
}

/** What a key pressed on the image area does, or undefined where it does nothing. */
export function keyAction(
  el: RadViewport,
  event: KeyboardEvent,
  presets: readonly WindowPreset[],
): (() => unknown) | undefined {
  const tool = TOOLBAR_TOOLS.find((t) => t.key === event.key);
  const preset = presets.find((p) => p.key === event.key);
  const actions: Record<string, () => unknown> = {
    ArrowUp: () => el.stepImage(-1),
    ArrowLeft: () => el.stepImage(-1),
    ArrowDown: () => el.stepImage(1),
    ArrowRight: () => el.stepImage(1),
    PageUp: () => el.stepImage(-10),
    PageDown: () => el.stepImage(10),
    Home: () => el.showImage(0),
    End: () => el.showImage(Number.MAX_SAFE_INTEGER),
    '+': () => el.zoomBy(1.25),
    '-': () => el.zoomBy(0.8),
    i: () => el.invert(),
    g: () => (el.overlayPlanes = !el.overlayPlanes),
    r: () => el.rotate(90),
    h: () => el.flip('horizontal'),
    v: () => el.flip('vertical'),
    Escape: () => el.reset(),
    ' ': () => (el.playing ? el.pause() : el.play()),
    '[': () => el.adjustWindow(0, 1 / 1.2),
    ']': () => el.adjustWindow(0, 1.2),
    ',': () => el.adjustWindow(-1),
    '.': () => el.adjustWindow(1),
    Delete: () => el.deleteSelectedMeasurements(),
    Backspace: () => el.deleteSelectedMeasurements(),
  };
  if ((event.ctrlKey || event.metaKey) && event.key === 'z') return () => el.undo();
  // Alt+←/→ on a reformat with crosshairs: the other planes turn 5° about this one (oblique planes).
  const turn = { ArrowLeft: 5, ArrowRight: -5 }[event.key];
  if (event.altKey && turn && el.reformat.plane && el.crosshairs) return () => el.reformat.rotateCrosshairs(turn);
  return tool ? () => (el.activeTool = tool.tool) : preset ? () => el.setWindow(preset) : actions[event.key];
}

/** The series' own cine rate: 1000 / Frame Time, else its Cine Rate, else 10 frames per second. */
export function seriesFrameRate(metadata: DicomJsonDataset | undefined): number {
  const frameTime = metadata && numberValue(metadata, '00181063');
  return frameTime ? 1000 / frameTime : (metadata && numberValue(metadata, '00180040')) || 10;
}

/** Runs the key's action, if it has one: the key is then the viewport's (its default prevented). */
export function handleViewportKey(el: RadViewport, event: KeyboardEvent, presets: readonly WindowPreset[]): void {
  const action = keyAction(el, event, presets);
  if (!action) return;
  event.preventDefault();
  void action();
}
