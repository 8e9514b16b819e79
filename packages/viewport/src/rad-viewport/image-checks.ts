// What an image must declare before anything decodes it. Cornerstone trusts a file's attributes:
// a palette without its tables, three samples called MONOCHROME2, 65,535 × 65,535 pixels or pixel
// data shorter than its frame make it throw inside its own promise chains (the page sees an
// uncaught rejection, the image never settles) or allocate gigabytes. Checked here first, each
// refusal says what is wrong with the file.
import { DicomWebError, numberValue, stringValue, type DicomJsonDataset } from '@telerad/core';

/** A file whose attributes contradict each other or its pixel data: the file's fault. */
export class InvalidImage extends Error {
  override name = 'InvalidImage';
}

/** Largest decoded frame accepted (bytes): a 16k × 16k RGB frame is 768 MB, a 4k × 4k one 48 MB. */
export const MAX_FRAME_BYTES = 256 * 2 ** 20;

/** Most frames an instance may declare (Number of Frames); more is taken as damage. */
export const MAX_FRAMES = 100_000;

/** The attributes of the Image Pixel module (PS3.3 C.7.6.3) the checks read. */
export interface ImageAttributes {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  photometric: string;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  pixelRepresentation: number;
  frames: number;
  /** PALETTE COLOR: each table's descriptor (entries, first mapped, bits) and its data's length in bytes. */
  palette?: { descriptor: number[]; dataBytes: number }[];
}

const SAMPLES: Record<string, number> = {
  MONOCHROME1: 1,
  MONOCHROME2: 1,
  'PALETTE COLOR': 1,
  RGB: 3,
  YBR_FULL: 3,
  YBR_FULL_422: 3,
  YBR_PARTIAL_420: 3,
  YBR_PARTIAL_422: 3,
  YBR_ICT: 3,
  YBR_RCT: 3,
};

/** Transfer syntaxes whose pixel data is native (deflate is inflated by the parser). */
const NATIVE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99']);
/** Encapsulated syntaxes the codecs decode: JPEG baseline, extended, lossless; JPEG-LS; JPEG 2000; HTJ2K; RLE. */
const ENCAPSULATED = new Set(
  ['.4.50', '.4.51', '.4.57', '.4.70', '.4.80', '.4.81', '.4.90', '.4.91', '.4.201', '.4.202', '.4.203', '.5'].map(
    (s) => `1.2.840.10008.1.2${s}`,
  ),
);

/** How a transfer syntax stores pixel data, or 'unknown' where no codec here reads it. */
export const pixelEncoding = (transferSyntax: string): 'native' | 'encapsulated' | 'unknown' =>
  NATIVE.has(transferSyntax) ? 'native' : ENCAPSULATED.has(transferSyntax) ? 'encapsulated' : 'unknown';

const integer = (value: number, low: number, high: number) => Number.isInteger(value) && value >= low && value <= high;

/**
 * Samples stored per pixel where chrominance is subsampled (PS3.3 C.7.6.3.1.2): two per pixel in 4:2:2, one and a half
 * in 4:2:0.
 */
const STORED_SAMPLES: Record<string, number> = { YBR_FULL_422: 2, YBR_PARTIAL_422: 2, YBR_PARTIAL_420: 1.5 };

/** Bytes of one frame as its attributes declare it stored natively. */
export const declaredFrameBytes = ({ rows, columns, samplesPerPixel, bitsAllocated, photometric }: ImageAttributes) =>
  bitsAllocated === 1
    ? Math.ceil((rows * columns) / 8)
    : rows * columns * (STORED_SAMPLES[photometric] ?? samplesPerPixel) * (bitsAllocated / 8);

/** Throws InvalidImage where the attributes cannot describe a displayable image. */
export function checkImage(a: ImageAttributes): void {
  const fail = (why: string): never => {
    throw new InvalidImage(why);
  };
  if (!integer(a.rows, 1, 65535) || !integer(a.columns, 1, 65535)) fail(`${a.rows} × ${a.columns} pixels`);
  const samples = SAMPLES[a.photometric];
  if (samples === undefined) fail(`Photometric Interpretation "${a.photometric}"`);
  if (a.samplesPerPixel !== samples) fail(`${a.samplesPerPixel} samples per pixel for ${a.photometric}`);
  if (![1, 8, 16, 32].includes(a.bitsAllocated) || (a.bitsAllocated === 1 && samples !== 1))
    fail(`${a.bitsAllocated} bits allocated`);
  if (!integer(a.bitsStored, 1, a.bitsAllocated) || !integer(a.highBit, a.bitsStored - 1, a.bitsAllocated - 1))
    fail(`${a.bitsStored} bits stored, high bit ${a.highBit}`);
  if (a.pixelRepresentation !== 0 && a.pixelRepresentation !== 1) fail(`Pixel Representation ${a.pixelRepresentation}`);
  if (!integer(a.frames, 1, MAX_FRAMES)) fail(`${a.frames} frames`);
  if (declaredFrameBytes(a) > MAX_FRAME_BYTES)
    fail(`a frame of ${Math.round(declaredFrameBytes(a) / 2 ** 20)} MB (at most ${MAX_FRAME_BYTES / 2 ** 20} MB)`);
  if (a.photometric === 'PALETTE COLOR') checkPalette(a, fail);
}

function checkPalette(a: ImageAttributes, fail: (why: string) => never): void {
  if (a.bitsAllocated !== 8 && a.bitsAllocated !== 16) fail(`a palette image of ${a.bitsAllocated} bits`);
  if (a.palette?.length !== 3) fail('a palette image without its red, green and blue tables');
  for (const { descriptor, dataBytes } of a.palette ?? []) {
    const [entries = 0, , bits = 0] = descriptor;
    const count = entries === 0 ? 65536 : entries;
    if (![8, 16].includes(bits) || dataBytes < count * (bits === 16 ? 2 : 1))
      fail(`a palette table of ${dataBytes} bytes for ${count} entries of ${bits} bits`);
  }
}

/** The first bytes each codec's data begins with: a frame without them is not of its transfer syntax. */
const JPEG_SOI = [0xff, 0xd8];
const J2K_SOC = [0xff, 0x4f, 0xff, 0x51];
const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** The RLE header (PS3.5 G.3.1): one segment per byte of each sample, the first right after the 64-byte header. */
function rleHeaderFits(a: ImageAttributes, bytes: Uint8Array): boolean {
  if (bytes.length < 64) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 64);
  const segments = view.getUint32(0, true);
  if (segments !== a.samplesPerPixel * Math.ceil(a.bitsAllocated / 8) || view.getUint32(4, true) !== 64) return false;
  for (let i = 2; i <= segments; i++) {
    const offset = view.getUint32(4 * i, true);
    if (offset <= view.getUint32(4 * (i - 1), true) || offset >= bytes.length) return false;
  }
  return true;
}

/**
 * Throws where a frame cannot be what its attributes and transfer syntax declare: native bytes
 * shorter than the frame, compressed data that does not begin as its codec's does (a file
 * labelled with the wrong transfer syntax), a JPEG-LS frame cut short, or a transfer syntax no
 * codec here reads. `whole: false`: `bytes` are only the frame's first fragment.
 */
export function checkFrame(
  a: ImageAttributes,
  bytes: Uint8Array,
  transferSyntax: string,
  url: string,
  { whole = true } = {},
): void {
  const fail = (why: string): never => {
    throw new InvalidImage(why);
  };
  if (NATIVE.has(transferSyntax)) {
    if (bytes.length < declaredFrameBytes(a))
      fail(`${bytes.length} bytes of pixel data for a frame of ${declaredFrameBytes(a)}`);
    return;
  }
  if (!ENCAPSULATED.has(transferSyntax))
    throw new DicomWebError('unsupported', 0, url, `transfer syntax ${transferSyntax || '(none)'}`);
  if (bytes.length === 0) fail('an empty compressed frame');
  const family = transferSyntax.endsWith('.5')
    ? 'RLE'
    : /\.4\.(9[01]|20[123])$/.test(transferSyntax)
      ? 'JPEG 2000'
      : 'JPEG';
  const fits =
    family === 'RLE'
      ? rleHeaderFits(a, bytes)
      : family === 'JPEG 2000'
        ? startsWith(bytes, J2K_SOC) || startsWith(bytes, JP2_SIGNATURE)
        : startsWith(bytes, JPEG_SOI);
  if (!fits) fail(`a frame that is not ${family} data, in a file that says it is`);
  // CharLS takes seconds to give up on a JPEG-LS stream cut short: one without its end-of-image
  // marker (in its last bytes, before even-length padding) is refused at once.
  if (whole && JPEG_LS.has(transferSyntax) && !endsWithEoi(bytes))
    fail('a JPEG-LS frame cut short (no end-of-image marker)');
}

const JPEG_LS = new Set(['1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81']);

/** Whether FF D9 (EOI) is among the last bytes, past at most a few padding bytes. */
function endsWithEoi(bytes: Uint8Array): boolean {
  for (let at = bytes.length - 2; at >= Math.max(0, bytes.length - 6); at--)
    if (bytes[at] === 0xff && bytes[at + 1] === 0xd9) return true;
  return false;
}

/** A frame's pixel data as Cornerstone's parsers hand it over (one buffer, a view, or fragments), as bytes. */
export function frameBytes(pixelData: unknown): Uint8Array {
  if (pixelData instanceof Uint8Array) return pixelData;
  if (pixelData instanceof ArrayBuffer) return new Uint8Array(pixelData);
  if (ArrayBuffer.isView(pixelData))
    return new Uint8Array(pixelData.buffer, pixelData.byteOffset, pixelData.byteLength);
  return Array.isArray(pixelData) ? concatBytes(pixelData.map(frameBytes)) : new Uint8Array();
}

/**
 * A native frame of BitsAllocated 1 as one byte per pixel (0 or 1), as Cornerstone's decoders take
 * it: they read the packed bits as bytes otherwise (a black image). The first pixel is the lowest
 * bit of the first byte (PS3.5 8.1.1). A frame already one byte per pixel is returned as it is.
 */
export function unpackedBits(bytes: Uint8Array, pixels: number): Uint8Array {
  if (bytes.length >= pixels) return bytes;
  const unpacked = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) unpacked[i] = (bytes[i >> 3] >> (i & 7)) & 1;
  return unpacked;
}

export const EXPLICIT_BIG_ENDIAN = '1.2.840.10008.1.2.2';
const EXPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Values of `size` bytes in the other byte order (big to little endian, or back); a partial last value is dropped. */
export function swappedWords(bytes: Uint8Array, size: number): Uint8Array {
  const swapped = new Uint8Array(bytes.length - (bytes.length % size));
  for (let i = 0; i < swapped.length; i += size)
    for (let k = 0; k < size; k++) swapped[i + k] = bytes[i + size - 1 - k];
  return swapped;
}

/**
 * A frame as Cornerstone's image creation takes it: 1-bit native frames unpacked, 32-bit big
 * endian frames in little endian (with that syntax); any other frame as it is.
 */
export function decodable(
  attributes: ImageAttributes,
  frame: { bytes: Uint8Array; transferSyntax: string },
): { bytes: Uint8Array; transferSyntax: string } {
  const { bytes, transferSyntax } = frame;
  if (attributes.bitsAllocated === 1 && pixelEncoding(transferSyntax) === 'native')
    return { bytes: unpackedBits(bytes, attributes.rows * attributes.columns), transferSyntax };
  // Cornerstone's big endian decoder knows 8 and 16 bits only: it throws on 32.
  if (attributes.bitsAllocated === 32 && transferSyntax === EXPLICIT_BIG_ENDIAN)
    return { bytes: swappedWords(bytes, 4), transferSyntax: EXPLICIT_LITTLE_ENDIAN };
  return frame;
}

/** Byte arrays one after another, in one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

/** The Image Pixel attributes the checks read, by tag, and (for dcmjs' naturalized data sets) by keyword. */
const TAGS = {
  rows: ['00280010', 'Rows'],
  columns: ['00280011', 'Columns'],
  samplesPerPixel: ['00280002', 'SamplesPerPixel'],
  photometric: ['00280004', 'PhotometricInterpretation'],
  bitsAllocated: ['00280100', 'BitsAllocated'],
  bitsStored: ['00280101', 'BitsStored'],
  highBit: ['00280102', 'HighBit'],
  pixelRepresentation: ['00280103', 'PixelRepresentation'],
  frames: ['00280008', 'NumberOfFrames'],
} as const;
/** Each palette table's descriptor and data (PS3.3 C.7.6.3.1.5, C.7.6.3.1.6): tags and keywords. */
const PALETTE = ['Red', 'Green', 'Blue'].map((colour, i) => ({
  descriptor: [`0028110${i + 1}`, `${colour}PaletteColorLookupTableDescriptor`] as const,
  data: [`0028120${i + 1}`, `${colour}PaletteColorLookupTableData`] as const,
}));

/** How a parser's data set answers for an attribute, given its tag and keyword. */
export interface AttributeReader {
  number(tag: string, keyword: string): number | undefined;
  text(tag: string, keyword: string): string | undefined;
  numbers(tag: string, keyword: string): number[];
  /** Bytes of a binary element's value (0 when absent). */
  byteLength(tag: string, keyword: string): number;
}

/** The checked attributes, from any parser's data set; absent attributes take their defined defaults. */
export function imageAttributes(read: AttributeReader): ImageAttributes {
  const n = ([tag, keyword]: readonly [string, string], fallback = NaN) => read.number(tag, keyword) ?? fallback;
  const bitsAllocated = n(TAGS.bitsAllocated);
  const bitsStored = n(TAGS.bitsStored, bitsAllocated);
  const palette = PALETTE.filter(({ descriptor }) => read.numbers(...descriptor).length).map(
    ({ descriptor, data }) => ({ descriptor: read.numbers(...descriptor), dataBytes: read.byteLength(...data) }),
  );
  return {
    rows: n(TAGS.rows),
    columns: n(TAGS.columns),
    samplesPerPixel: n(TAGS.samplesPerPixel, 1),
    photometric: read.text(...TAGS.photometric) ?? 'MONOCHROME2',
    bitsAllocated,
    bitsStored,
    highBit: n(TAGS.highBit, bitsStored - 1),
    pixelRepresentation: n(TAGS.pixelRepresentation, 0),
    frames: n(TAGS.frames, 1),
    ...(palette.length ? { palette } : {}),
  };
}

/** A data set in DICOM JSON (lookup table data inline, as the series loader leaves it). */
export const jsonReader = (metadata: DicomJsonDataset): AttributeReader => ({
  // A value given but not a number (text, a nested array, null) is damaged, not absent: NaN fails
  // the checks, where a default would pass an attribute the engine reads otherwise.
  number: (tag) => {
    const given = metadata[tag]?.Value;
    if (given === undefined || (Array.isArray(given) && given.length === 0)) return undefined;
    return numberValue(metadata, tag) ?? NaN;
  },
  text: (tag) => stringValue(metadata, tag),
  numbers: (tag) => (metadata[tag]?.Value ?? []).map(Number),
  byteLength: (tag) => {
    const element = metadata[tag];
    return element?.Value ? element.Value.length * 2 : Math.floor(((element?.InlineBinary?.length ?? 0) * 3) / 4);
  },
});

const byteLengthOf = (value: unknown): number => {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value))
    return value.reduce((sum: number, v) => sum + (typeof v === 'number' ? 2 : byteLengthOf(v)), 0);
  return 0;
};

/** A naturalized data set (dcmjs keywords). */
export const naturalizedReader = (instance: Record<string, unknown>): AttributeReader => {
  const values = (keyword: string) =>
    ([] as unknown[]).concat(instance[keyword] ?? []).filter((v) => v !== null && v !== '');
  return {
    number: (_, keyword) => (values(keyword).length ? Number(values(keyword)[0]) : undefined),
    text: (_, keyword) => (values(keyword).length ? String(values(keyword)[0]) : undefined),
    numbers: (_, keyword) => values(keyword).map(Number),
    byteLength: (_, keyword) => byteLengthOf(instance[keyword]),
  };
};
