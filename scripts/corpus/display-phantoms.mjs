// Phantoms for display rules whose truth is a grey level or a bit: MONOCHROME1/2 with a uniform
// image or a degenerate window (PS3.3 C.7.6.3.1.2, C.11.2.1.2), overlay planes (PS3.3 C.9.2) and a
// small matrix for pixel-exact interpolation checks. Secondary captures: no geometry needed.
import { imagePixel } from './phantoms.mjs';

const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';
const MULTIFRAME_WORD_SC = '1.2.840.10008.5.1.4.1.1.7.3';

const capture = (pixels, rows, cols, photometric, extra = {}) => ({
  SOPClassUID: SECONDARY_CAPTURE,
  Modality: 'OT',
  ConversionType: 'WSD',
  PatientOrientation: '',
  InstanceNumber: 1,
  ...imagePixel({ pixels, rows, cols, bitsStored: pixels.BYTES_PER_ELEMENT === 2 ? 12 : 8, photometric }),
  ...extra,
});

/**
 * A uniform image without a window: the window computed from min = max has width 0. What the
 * standard says is shown: the minimum value is white in MONOCHROME1 and black in MONOCHROME2.
 */
export function uniformImage({ photometric, size = 32, stored = 1000 }) {
  const pixels = new Uint16Array(size * size).fill(stored);
  return {
    instances: [capture(pixels, size, size, photometric)],
    truth: { kind: 'display-rule', photometricInterpretation: photometric, window: null, regions: [{ name: 'uniform', stored, centerPx: [size / 2, size / 2], grey: photometric === 'MONOCHROME1' ? 255 : 0 }] },
  };
}

/**
 * A window of width 1 (PS3.3 C.11.2.1.2.1): a threshold at center − 0.5. The left half lies at it
 * (minimum output), the right half above it (maximum output), before MONOCHROME1 inversion.
 */
export function unitWidthWindow({ photometric, size = 32, center = 1000 }) {
  const pixels = new Uint16Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) pixels[r * size + c] = c < size / 2 ? center - 1 : center;
  const shown = (grey) => (photometric === 'MONOCHROME1' ? 255 - grey : grey);
  return {
    instances: [capture(pixels, size, size, photometric, { WindowCenter: center, WindowWidth: 1 })],
    truth: {
      kind: 'display-rule',
      photometricInterpretation: photometric,
      window: { center, width: 1 },
      regions: [
        { name: 'below the threshold', stored: center - 1, centerPx: [size / 4, size / 2], grey: shown(0) },
        { name: 'above the threshold', stored: center, centerPx: [(3 * size) / 4, size / 2], grey: shown(255) },
      ],
    },
  };
}

/** A 64 × 64 8-bit pattern under an identity window (center 128, width 256: grey = stored value). */
export function smallMatrix({ size = 64 } = {}) {
  const value = (r, c) => (r * 37 + c * 101 + ((r + c) % 2) * 128) % 256;
  const pixels = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) pixels[r * size + c] = value(r, c);
  return {
    instances: [capture(pixels, size, size, 'MONOCHROME2', { WindowCenter: 128, WindowWidth: 256 })],
    truth: { kind: 'small-matrix', rows: size, columns: size, pattern: '(row * 37 + column * 101 + ((row + column) % 2) * 128) % 256', window: { center: 128, width: 256 } },
  };
}

/** Whether bit (row, column) of an overlay frame is set: inside one of its [r0, c0, r1, c1) rectangles. */
const inRects = (rects, r, c) => rects.some(([r0, c0, r1, c1]) => r >= r0 && r < r1 && c >= c0 && c < c1);

/** Overlay Data (60xx,3000): every frame's bits in a row, packed from the low bit of each byte. */
function overlayBits({ rows, columns, frames }) {
  const bytes = new Uint8Array(Math.ceil((rows * columns * frames.length) / 16) * 2);
  frames.forEach((rects, f) => {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const bit = f * rows * columns + r * columns + c;
        if (inRects(rects, r, c)) bytes[bit >> 3] |= 1 << (bit & 7);
      }
    }
  });
  return bytes.buffer;
}

/** The Overlay Plane module of one group, as raw elements (repeating groups are not naturalized). */
function overlayGroup({ group, rows, columns, origin, frames, imageFrameOrigin, description }) {
  const tag = (element) => `${group.toString(16).toUpperCase()}${element}`;
  return {
    [tag('0010')]: { vr: 'US', Value: [rows] },
    [tag('0011')]: { vr: 'US', Value: [columns] },
    ...(frames.length > 1 || imageFrameOrigin ? { [tag('0015')]: { vr: 'IS', Value: [frames.length] } } : {}),
    [tag('0022')]: { vr: 'LO', Value: [description] },
    [tag('0040')]: { vr: 'CS', Value: ['G'] },
    [tag('0050')]: { vr: 'SS', Value: origin },
    ...(imageFrameOrigin ? { [tag('0051')]: { vr: 'US', Value: [imageFrameOrigin] } } : {}),
    [tag('0100')]: { vr: 'US', Value: [1] },
    [tag('0102')]: { vr: 'US', Value: [0] },
    [tag('3000')]: { vr: 'OW', Value: [overlayBits({ rows, columns, frames })] },
  };
}

/** An image (grey ramp, never white under the window) with overlay planes; `frameCount` > 1 is multi-frame. */
export function withOverlays({ size = 128, frameCount = 1, overlays }) {
  const pixels = new Uint16Array(size * size * frameCount);
  for (let i = 0; i < pixels.length; i++) pixels[i] = ((i % size) * 600) / size + 200 * Math.floor(i / (size * size));
  const multiframe = frameCount > 1;
  const instance = {
    ...capture(pixels, size, size, 'MONOCHROME2', { WindowCenter: 1000, WindowWidth: 2000 }),
    ...(multiframe ? { SOPClassUID: MULTIFRAME_WORD_SC, NumberOfFrames: frameCount, FrameIncrementPointer: 0x00181063, FrameTime: 100, RescaleIntercept: 0, RescaleSlope: 1, RescaleType: 'US', BurnedInAnnotation: 'NO', PresentationLUTShape: 'IDENTITY' } : {}),
    _raw: Object.assign({}, ...overlays.map(overlayGroup)),
  };
  return {
    instances: [instance],
    truth: {
      kind: 'overlay-planes',
      rows: size,
      columns: size,
      frames: frameCount,
      // Where the ramp is darkest and brightest: overlay pixels are shown brighter than any of it.
      maxImageGrey: Math.round(((600 + 200 * (frameCount - 1) - 1000) / 2000 + 0.5) * 255),
      overlays: overlays.map(({ group, rows, columns, origin, frames, imageFrameOrigin = 1, description }) => ({ group: group.toString(16), rows, columns, origin, imageFrameOrigin, description, frames })),
    },
  };
}

const border = (rows, columns) => [[0, 0, 1, columns], [rows - 1, 0, rows, columns], [0, 0, rows, 1], [0, columns - 1, rows, columns]];

/** The display-rules study's series, as the corpus plan lists them. */
export const DISPLAY_SERIES = [
  ['MONOCHROME1 uniform, no window', () => uniformImage({ photometric: 'MONOCHROME1' })],
  ['MONOCHROME2 uniform, no window', () => uniformImage({ photometric: 'MONOCHROME2' })],
  ['MONOCHROME1 window width 1', () => unitWidthWindow({ photometric: 'MONOCHROME1' })],
  ['MONOCHROME2 window width 1', () => unitWidthWindow({ photometric: 'MONOCHROME2' })],
  ['Small matrix 64 x 64', () => smallMatrix()],
  ['Overlay plane, one group', () => withOverlays({ overlays: [{ group: 0x6000, rows: 128, columns: 128, origin: [1, 1], frames: [[...border(128, 128), [40, 30, 60, 90], [100, 100, 101, 101]]], description: 'Frame and block' }] })],
  [
    'Overlay planes, two groups, origin row 11 column 21',
    () =>
      withOverlays({
        overlays: [
          { group: 0x6000, rows: 64, columns: 48, origin: [11, 21], frames: [[...border(64, 48), [20, 10, 30, 20]]], description: 'Offset box' },
          { group: 0x6002, rows: 128, columns: 128, origin: [1, 1], frames: [[[100, 90, 110, 120]]], description: 'Second group' },
        ],
      }),
  ],
  [
    'Overlay, multi-frame (frames 2 and 3 of 4)',
    () => withOverlays({ size: 64, frameCount: 4, overlays: [{ group: 0x6000, rows: 64, columns: 64, origin: [1, 1], imageFrameOrigin: 2, frames: [[[10, 10, 20, 20]], [[40, 40, 50, 55]]], description: 'Per frame' }] }),
  ],
];
