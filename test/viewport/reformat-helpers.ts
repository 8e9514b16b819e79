// Helpers of the reformat tests: a plane shown and loaded, a drag between patient points, the
// reference lines a viewport draws.
import { cache, getRenderingEngines } from '@cornerstonejs/core';
import { ToolGroupManager } from '@cornerstonejs/tools';
import { oneEvent, waitUntil } from '@open-wc/testing';
import type { RadViewport, ViewPlane } from '@telerad/viewport';

export type Point3 = [number, number, number];
/** A window whose ramp runs from 0 to 1020 HU: grey = value / 4. */
export const WINDOW = { center: 510.5, width: 1021 };
export const greyOf = (value: number) => Math.round((Math.max(0, Math.min(1020, value)) / 1020) * 255);

/** The displayed grey level of the canvas pixel [x, y] (device pixels). */
export function canvasGrey(el: RadViewport, [x, y]: readonly number[]): number {
  const context = el.canvas!.getContext('2d', { willReadFrequently: true })!;
  return context.getImageData(x, y, 1, 1).data[0];
}

/** The device pixel of the canvas showing a patient point, and the patient point at that pixel's centre. */
export function pixelAt(el: RadViewport, point: readonly number[]): { pixel: number[]; centre: Point3 } {
  const canvas = el.canvas!;
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const pixel = el.reformat.patientToCanvas(point)!.map((v) => Math.floor(v * ratio));
  return { pixel, centre: el.reformat.canvasToPatient([(pixel[0] + 0.5) / ratio, (pixel[1] + 0.5) / ratio])! };
}


/** Shows `view` (with `settings`), resolving to its `rad-view-change` once the volume has loaded. */
export async function showPlane(el: RadViewport, view: ViewPlane, settings: Partial<RadViewport> = {}) {
  const asked = { ...settings, view } as Record<string, unknown>;
  const current = el as unknown as Record<string, unknown>;
  const changed = Object.keys(asked).some((key) => current[key] !== asked[key]) ? oneEvent(el, 'rad-view-change') : undefined;
  Object.assign(el, asked);
  const detail = changed ? (await changed).detail : { requested: view, shown: el.reformat.plane ?? 'stack' };
  await waitUntil(() => el.reformat.state() && el.reformat.state()!.volumeLoaded === el.reformat.state()!.volumeSlices, 'volume loaded');
  return detail;
}

/** Drags the primary button between two patient points of the reformat shown, like a user measuring. */
export async function dragOnReformat(el: RadViewport, from: readonly number[], to: readonly number[]): Promise<void> {
  const area = el.shadowRoot!.querySelector<HTMLElement>('.reformat')!;
  const box = area.getBoundingClientRect();
  const client = (point: readonly number[]) => {
    const [x, y] = el.reformat.patientToCanvas(point)!;
    return { clientX: box.left + x, clientY: box.top + y, pageX: box.left + x, pageY: box.top + y };
  };
  const options = { bubbles: true, composed: true, button: 0, buttons: 1 };
  area.dispatchEvent(new MouseEvent('mousedown', { ...options, ...client(from) }));
  for (let i = 1; i <= 5; i++) {
    const point = from.map((v, k) => v + ((to[k] - v) * i) / 5);
    document.dispatchEvent(new MouseEvent('mousemove', { ...options, ...client(point) }));
    await new Promise((r) => setTimeout(r, 20));
  }
  document.dispatchEvent(new MouseEvent('mouseup', { ...options, buttons: 0, ...client(to) }));
}

/** The reference lines a viewport draws: plane and end points, CSS px. */
export function linesOf(el: RadViewport) {
  return [...el.shadowRoot!.querySelectorAll('[part~="crosshairs"] line')].map((line) => ({
    plane: line.getAttribute('data-plane'),
    ends: ['x1', 'y1', 'x2', 'y2'].map((name) => Number(line.getAttribute(name))),
  }));
}

/** Distance (px) from a point to the line through two points. */
export function distanceToLine([px, py]: readonly number[], [x1, y1, x2, y2]: readonly number[]): number {
  return Math.abs((x2 - x1) * (y1 - py) - (x1 - px) * (y2 - y1)) / Math.hypot(x2 - x1, y2 - y1);
}

/** What the page's Cornerstone holds: volumes, viewports on its engines, tool groups. */
export function cornerstoneHolds(): { volumes: number; viewports: number; toolGroups: number } {
  return {
    volumes: cache.getVolumes().length,
    viewports: (getRenderingEngines() ?? []).flatMap((engine) => engine.getViewports()).length,
    toolGroups: ToolGroupManager.getAllToolGroups().length,
  };
}
