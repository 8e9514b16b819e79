import type { DicomJsonElement } from '@telerad/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { binaryValue } from './frame-loader.js';
import { overlayFrameOn, overlayPlanesOf, paintOverlays } from './overlay-planes.js';
import type { StackFrame } from './series-stack.js';

/** Where the overlay layer learns what is shown and how the image lies on the canvas. */
export interface OverlayView {
  /** The canvas point (CSS px) of an image point [column, row]. */
  imageToCanvas(point: readonly [number, number]): [number, number] | undefined;
  /** Overlay Data by its BulkDataURI. */
  loadBulkData(uri: string): Promise<Uint8Array>;
}

/** Opaque white (little-endian RGBA): the most visible value on a greyscale display (PS3.3 C.9.2). */
const OVERLAY_RGBA = 0xffffffff;

/**
 * Draws the overlay planes of the image shown into a canvas at the image's own size, which CSS
 * lays over the image with the same affine transform the engine uses (zoom, pan, rotation, flips),
 * so each overlay bit covers exactly its image pixel. Overlay Data is fetched once per instance.
 */
export class OverlayController implements ReactiveController {
  readonly #bytes = new WeakMap<DicomJsonElement, Promise<Uint8Array>>();
  /** Counts drawings: an answer for an image no longer shown is not drawn. */
  #drawing = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly canvas: () => HTMLCanvasElement | null | undefined,
    private readonly view: OverlayView,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.clear();
  }

  /** Nothing drawn (another series, overlays switched off, an image without them). */
  clear(): void {
    this.#drawing++;
    const canvas = this.canvas();
    if (canvas) delete canvas.dataset.shown;
  }

  /** Draws `frame`'s overlays (after each drawing of the image: the transform follows the view). */
  async show(frame: StackFrame | undefined): Promise<void> {
    const drawing = ++this.#drawing;
    const rows = Number(frame?.metadata['00280010']?.Value?.[0] ?? 0);
    const columns = Number(frame?.metadata['00280011']?.Value?.[0] ?? 0);
    const planes = frame
      ? overlayPlanesOf(frame.metadata).flatMap((plane) => {
          const index = overlayFrameOn(plane, frame.frame);
          return index === undefined ? [] : [{ plane, index }];
        })
      : [];
    const canvas = this.canvas();
    if (!canvas || planes.length === 0 || rows < 1 || columns < 1) return this.clear();
    const loaded = await Promise.all(
      planes.map(async ({ plane, index }) => ({ plane, index, bytes: await this.#bytesOf(plane.data) })),
    );
    if (drawing !== this.#drawing) return;
    if (canvas.width !== columns || canvas.height !== rows || canvas.dataset.key !== frame?.imageId) {
      canvas.width = columns;
      canvas.height = rows;
      const image = new ImageData(columns, rows);
      paintOverlays(image, loaded, OVERLAY_RGBA);
      canvas.getContext('2d')?.putImageData(image, 0, 0);
      canvas.dataset.key = frame?.imageId ?? '';
    }
    this.#place(canvas, rows, columns);
  }

  #bytesOf(element: DicomJsonElement): Promise<Uint8Array> {
    let bytes = this.#bytes.get(element);
    if (!bytes) {
      bytes = binaryValue(element, (uri) => this.view.loadBulkData(uri)).catch(() => new Uint8Array());
      this.#bytes.set(element, bytes);
    }
    return bytes;
  }

  /** The CSS transform taking the canvas's pixels onto the image's pixels as drawn. */
  #place(canvas: HTMLCanvasElement, rows: number, columns: number): void {
    const origin = this.view.imageToCanvas([0, 0]);
    const right = this.view.imageToCanvas([columns, 0]);
    const down = this.view.imageToCanvas([0, rows]);
    if (!origin || !right || !down) return this.clear();
    const [a, b] = [(right[0] - origin[0]) / columns, (right[1] - origin[1]) / columns];
    const [c, d] = [(down[0] - origin[0]) / rows, (down[1] - origin[1]) / rows];
    canvas.style.transform = `matrix(${a}, ${b}, ${c}, ${d}, ${origin[0]}, ${origin[1]})`;
    canvas.dataset.shown = '';
  }
}
