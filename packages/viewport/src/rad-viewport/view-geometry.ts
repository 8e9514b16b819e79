// What a stack viewport shows, read and changed through Cornerstone's camera and presentation:
// the view state the overlays and tests read (screen directions, scale, zoom, rotation, flips),
// the view commands (zoom, pan, rotate, flip), and the engine's resize that keeps what the reader
// chose.
import type { Types } from '@cornerstonejs/core';
import { fittedZoom } from './cpu-geometry.js';
import type { WindowLevel } from './presets.js';
import type { StackFrame } from './series-stack.js';
import { windowOfRange } from './voi-range.js';

/** `linear`: smooth resampling; `nearest`: each image pixel a block of one grey (pixel-exact reading). */
export type Interpolation = 'linear' | 'nearest';

/** What the overlays show and tests read. */
export interface ViewState {
  /** Directions of screen right and screen up in patient coordinates (LPS), when the image has an orientation. */
  screenRight?: number[];
  screenUp?: number[];
  /** Canvas pixels per image pixel. */
  scale: number;
  index: number;
  count: number;
  /** Whether image `index` failed to load (the canvas still holds the previous image). */
  failed: boolean;
  window: WindowLevel;
  /** The VOI LUT shown instead of the window: its index in the VOI LUT Sequence and its LUT Explanation. */
  voiLut?: { index: number; explanation?: string };
  invert: boolean;
  zoom: number;
  rotation: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
}

/** The state of a viewport not created yet. */
export const EMPTY_VIEW: ViewState = {
  scale: 1,
  index: 0,
  count: 0,
  failed: false,
  window: { center: 0, width: 0 },
  invert: false,
  zoom: 1,
  rotation: 0,
  flipHorizontal: false,
  flipVertical: false,
};

/** What the view state needs besides the viewport. */
export interface ViewContext {
  frames: readonly StackFrame[];
  failed(index: number): boolean;
  voiLut?: ViewState['voiLut'];
  cpuRendering: boolean;
  imageToCanvas(point: readonly [number, number]): [number, number] | undefined;
}

/** Screen directions from the canvas: where one canvas step right and up lands in the world. */
function screenDirections(viewport: Types.IStackViewport) {
  const origin = viewport.canvasToWorld([0, 0]);
  const direction = (to: Types.Point3) => {
    const v = [to[0] - origin[0], to[1] - origin[1], to[2] - origin[2]];
    const length = Math.hypot(...v) || 1;
    return v.map((c) => c / length);
  };
  return {
    screenRight: direction(viewport.canvasToWorld([1, 0])),
    screenUp: direction(viewport.canvasToWorld([0, -1])),
  };
}

export function viewStateOf(viewport: Types.IStackViewport, context: ViewContext): ViewState {
  const properties = viewport.getProperties();
  const { lower = 0, upper = 0 } = properties.voiRange ?? {};
  const camera = viewport.getCamera();
  const index = viewport.getCurrentImageIdIndex();
  const frame = context.frames[index];
  const oriented = frame && (frame.metadata['00200037']?.Value?.length ?? 0) === 6;
  const a = context.imageToCanvas([0, 0]);
  const b = context.imageToCanvas([1, 0]);
  const rotation = viewport.getViewPresentation().rotation ?? 0;
  return {
    ...(oriented ? screenDirections(viewport) : {}),
    scale: a && b ? Math.hypot(b[0] - a[0], b[1] - a[1]) : 1,
    index,
    count: context.frames.length,
    failed: context.failed(index),
    window: windowOfRange({ lower, upper }),
    ...(context.voiLut ? { voiLut: context.voiLut } : {}),
    invert: Boolean(properties.invert),
    zoom: context.cpuRendering ? fittedZoom(viewport, rotation) : viewport.getZoom(),
    rotation: rotation % 360,
    flipHorizontal: Boolean(camera.flipHorizontal),
    flipVertical: Boolean(camera.flipVertical),
  };
}

export function zoomBy(viewport: Pick<Types.IViewport, 'getZoom' | 'setZoom'>, factor: number): void {
  viewport.setZoom(viewport.getZoom() * factor);
}

export function panBy(viewport: Pick<Types.IViewport, 'getPan' | 'setPan'>, dx: number, dy: number): void {
  const [x, y] = viewport.getPan();
  viewport.setPan([x + dx, y + dy]);
}

export function rotateBy(viewport: Types.IStackViewport, degrees: number): void {
  const rotation = viewport.getViewPresentation().rotation ?? 0;
  viewport.setViewPresentation({ rotation: (rotation + degrees + 360) % 360 });
}

export function flip(viewport: Types.IStackViewport, direction: 'horizontal' | 'vertical'): void {
  const camera = viewport.getCamera();
  viewport.setCamera(
    direction === 'horizontal' ? { flipHorizontal: !camera.flipHorizontal } : { flipVertical: !camera.flipVertical },
  );
}

/**
 * Resizes the canvases of a shared engine. Cornerstone keeps each camera's scale in mm, which
 * crops a fitted image when its viewport narrows (a 1×1 grid becoming 1×2); the view presentation
 * (zoom and pan relative to the fit) is what the reader chose, so that is kept instead.
 */
export function resizeEngine(engine: Types.IRenderingEngine): void {
  // Every viewport's controller asks when a layout changes; only the first finds canvases to resize
  // (Cornerstone draws nothing when there are none), and only those viewports are drawn again.
  const resized = engine
    .getViewports()
    .filter(
      ({ canvas, element }) =>
        canvas.width !== Math.round(element.clientWidth * devicePixelRatio) ||
        canvas.height !== Math.round(element.clientHeight * devicePixelRatio),
    )
    // Only a viewport showing an image has a presentation to keep: one still loading its first
    // image (a resize right after the stack was set) is fitted when the image arrives, and its
    // presentation read now would be a meaningless one.
    .map((viewport) => ({
      viewport,
      presentation: (viewport as Types.IStackViewport).getImageData?.() ? viewport.getViewPresentation() : undefined,
    }));
  engine.resize(true, true);
  for (const { viewport, presentation } of resized) {
    if (presentation) viewport.setViewPresentation(presentation);
    viewport.render();
  }
}

/** Sets how the viewport resamples images, where Cornerstone has another (a new image, a reset); true if it did. */
export function setInterpolation(viewport: Types.IStackViewport, interpolationType: number): boolean {
  if (viewport.getProperties().interpolationType === interpolationType) return false;
  viewport.setProperties({ interpolationType });
  return true;
}
