// One geometry for both of Cornerstone's renderers. Its CPU path converts between world and canvas
// with the image index of pixel centres but a canvas transform made for pixel corners, so every
// point it reports (and every annotation the tools draw through it) lies half an image pixel up
// and left of where the pixel is drawn; its zoom is canvas pixels per image pixel where the GPU
// path's is 1 for the fitted image. Both are brought to the GPU path's conventions here.
import type { Types } from '@cornerstonejs/core';

/** World-space offset of half an image pixel along the rows and the columns of the image shown. */
function halfPixel(viewport: Types.IStackViewport): Types.Point3 | undefined {
  const data = viewport.getImageData();
  if (!data) return undefined;
  const { spacing, direction } = data;
  return [0, 1, 2].map(
    (axis) => 0.5 * spacing[0] * direction[axis] + 0.5 * spacing[1] * direction[3 + axis],
  ) as Types.Point3;
}

/** Makes a CPU-rendered stack viewport's `worldToCanvas` and `canvasToWorld` agree with what it draws. */
export function alignCpuGeometry(viewport: Types.IStackViewport): void {
  const worldToCanvas = viewport.worldToCanvas.bind(viewport);
  const canvasToWorld = viewport.canvasToWorld.bind(viewport);
  viewport.worldToCanvas = (world) => {
    const half = halfPixel(viewport);
    return worldToCanvas(half ? [world[0] + half[0], world[1] + half[1], world[2] + half[2]] : world);
  };
  viewport.canvasToWorld = (canvas) => {
    const world = canvasToWorld(canvas);
    const half = halfPixel(viewport);
    return half ? [world[0] - half[0], world[1] - half[1], world[2] - half[2]] : world;
  };
}

/**
 * A CPU-rendered viewport's zoom as the GPU path reports it: 1 when the image (turned by
 * `rotation`) just fits the canvas.
 */
export function fittedZoom(viewport: Types.IStackViewport, rotation: number): number {
  const data = viewport.getImageData();
  const canvas = viewport.canvas;
  if (!data || !canvas.width || !canvas.height) return viewport.getZoom();
  const [columns, rows] =
    rotation % 180 === 0 ? [data.dimensions[0], data.dimensions[1]] : [data.dimensions[1], data.dimensions[0]];
  return viewport.getZoom() / Math.min(canvas.width / columns, canvas.height / rows);
}
