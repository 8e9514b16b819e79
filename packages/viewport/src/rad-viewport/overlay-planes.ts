// Overlay planes (PS3.3 C.9.2): bit planes in groups 6000–601E drawn over the image, one bit per
// pixel, placed at their origin, per frame where the overlay has several (C.9.2.1.2).
import { numberValue, stringValue, type DicomJsonDataset, type DicomJsonElement } from '@telerad/core';

/** One overlay group of an image. */
export interface OverlayPlane {
  /** The group, e.g. '6002'. */
  group: string;
  rows: number;
  columns: number;
  /** Overlay Origin (60xx,0050): the image row and column (1-based) of the overlay's first bit. */
  origin: [number, number];
  /** Number of Frames in Overlay (60xx,0015); 1 when absent. */
  frames: number;
  /** Image Frame Origin (60xx,0051): the image frame (1-based) the overlay's first frame lies on. */
  imageFrameOrigin: number;
  description?: string;
  /** Overlay Data (60xx,3000): inline, base64, or bulk data to fetch. */
  data: DicomJsonElement;
}

const GROUPS = Array.from({ length: 16 }, (_, i) => (0x6000 + 2 * i).toString(16).toUpperCase());

/** The overlay planes of an image with Overlay Data (overlays embedded in pixel data were retired). */
export function overlayPlanesOf(metadata: DicomJsonDataset): OverlayPlane[] {
  return GROUPS.flatMap((group) => {
    const data = metadata[`${group}3000`];
    const rows = numberValue(metadata, `${group}0010`) ?? 0;
    const columns = numberValue(metadata, `${group}0011`) ?? 0;
    if (!data || rows < 1 || columns < 1) return [];
    const [row = 1, column = 1] = (metadata[`${group}0050`]?.Value ?? []).map(Number);
    return [
      {
        group,
        rows,
        columns,
        origin: [row, column],
        frames: Math.max(1, numberValue(metadata, `${group}0015`) ?? 1),
        imageFrameOrigin: numberValue(metadata, `${group}0051`) ?? 1,
        description: stringValue(metadata, `${group}0022`),
        data,
      },
    ];
  });
}

/**
 * Which of a plane's frames lies on image frame `frame` (1-based), or undefined where none does. An
 * overlay of one frame placed on no particular frame is every frame's (as DCMTK shows it).
 */
export function overlayFrameOn(plane: OverlayPlane, frame: number): number | undefined {
  if (plane.frames === 1 && plane.imageFrameOrigin === 1) return 0;
  const index = frame - plane.imageFrameOrigin;
  return index >= 0 && index < plane.frames ? index : undefined;
}

/**
 * Paints frame `index` of each plane's bits (packed from the low bit of each byte, frames in a row)
 * into RGBA pixels of an image `columns` wide and `rows` high, at the plane's origin; bits outside
 * the image are dropped.
 */
export function paintOverlays(
  target: ImageData,
  planes: readonly { plane: OverlayPlane; bytes: Uint8Array; index: number }[],
  rgba: number,
): void {
  const pixels = new Uint32Array(target.data.buffer);
  const { width, height } = target;
  for (const { plane, bytes, index } of planes) {
    const first = index * plane.rows * plane.columns;
    for (let r = 0; r < plane.rows; r++) {
      const row = plane.origin[0] - 1 + r;
      if (row < 0 || row >= height) continue;
      for (let c = 0; c < plane.columns; c++) {
        const column = plane.origin[1] - 1 + c;
        const bit = first + r * plane.columns + c;
        if (column >= 0 && column < width && (bytes[bit >> 3] >> (bit & 7)) & 1) pixels[row * width + column] = rgba;
      }
    }
  }
}
