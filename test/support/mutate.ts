// A seeded mutator of DICOM Part 10 files: what an attacker, a broken modality or a bad network
// hands a viewer. Each mutant is reproducible from (source file, recipe, seed).

/** mulberry32: small, fast, and the same numbers for the same seed everywhere. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An element of an explicit VR little endian data set, where its header and value lie. */
interface Element {
  tag: number;
  vr: string;
  header: number;
  lengthAt: number;
  lengthBytes: 2 | 4;
  value: number;
  length: number;
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const UNDEFINED = 0xffffffff;

/** The top-level elements (meta and data set) of an explicit VR little endian file, as far as they can be walked. */
export function elementsOf(bytes: Uint8Array): Element[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const elements: Element[] = [];
  let at = 132;
  while (at + 8 <= bytes.length) {
    const tag = ((view.getUint16(at, true) << 16) | view.getUint16(at + 2, true)) >>> 0;
    const vr = String.fromCharCode(bytes[at + 4], bytes[at + 5]);
    if (!/^[A-Z]{2}$/.test(vr)) break;
    const long = LONG_VRS.has(vr);
    if (long && at + 12 > bytes.length) break;
    const length = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    const value = at + (long ? 12 : 8);
    elements.push({ tag, vr, header: at, lengthAt: at + (long ? 8 : 6), lengthBytes: long ? 4 : 2, value, length });
    if (length === UNDEFINED) break;
    at = value + length;
  }
  return elements;
}

const splice = (bytes: Uint8Array, start: number, remove: number, insert: Uint8Array = new Uint8Array()) => {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, start));
  out.set(insert, start);
  out.set(bytes.subarray(start + remove), start + insert.length);
  return out;
};

/** Replaces an element's value (and its length field) with `value`. */
function rewrite(bytes: Uint8Array, element: Element, value: Uint8Array): Uint8Array {
  const out = splice(bytes, element.value, element.length === UNDEFINED ? bytes.length - element.value : element.length, value);
  const view = new DataView(out.buffer);
  if (element.lengthBytes === 2) view.setUint16(element.lengthAt, Math.min(value.length, 0xffff), true);
  else view.setUint32(element.lengthAt, value.length, true);
  return out;
}

const text = (s: string) => new TextEncoder().encode(s.length % 2 ? `${s} ` : s);
const us = (n: number) => new Uint8Array(new Uint16Array([n]).buffer);

const TAGS = {
  transferSyntax: 0x00020010,
  samplesPerPixel: 0x00280002,
  photometric: 0x00280004,
  frames: 0x00280008,
  rows: 0x00280010,
  columns: 0x00280011,
  bitsAllocated: 0x00280100,
  bitsStored: 0x00280101,
  highBit: 0x00280102,
  pixelRepresentation: 0x00280103,
  pixelData: 0x7fe00010,
};

type Recipe = (bytes: Uint8Array, next: () => number) => Uint8Array;
export const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)];
const find = (bytes: Uint8Array, tag: number) => elementsOf(bytes).find((e) => e.tag === tag);
const withElement = (tag: number, change: (bytes: Uint8Array, e: Element, next: () => number) => Uint8Array): Recipe => (bytes, next) => {
  const element = find(bytes, tag);
  return element ? change(bytes, element, next) : bytes;
};

/** The recipes, by name: each changes one thing a parser or decoder trusts. */
export const RECIPES: Record<string, Recipe> = {
  'byte flips': (bytes, next) => {
    const out = bytes.slice();
    for (let i = 0, n = 1 + Math.floor(next() * 32); i < n; i++) out[132 + Math.floor(next() * (out.length - 132))] ^= 1 << Math.floor(next() * 8);
    return out;
  },
  truncation: (bytes, next) => bytes.slice(0, 132 + Math.floor(next() * (bytes.length - 132))),
  'corrupt length': (bytes, next) => {
    const elements = elementsOf(bytes);
    const element = pick(next, elements);
    if (!element) return bytes;
    const out = bytes.slice();
    const view = new DataView(out.buffer);
    const lengths = [0, 1, element.length + 1, element.length - 1, element.length * 2 + 7, 0x7fff, 0xfffe, 0x7ffffff0, UNDEFINED];
    const length = pick(next, lengths) >>> 0;
    if (element.lengthBytes === 2) view.setUint16(element.lengthAt, length & 0xffff, true);
    else view.setUint32(element.lengthAt, length, true);
    return out;
  },
  'huge or zero size': (bytes, next) => {
    let out = bytes;
    for (const tag of [TAGS.rows, TAGS.columns]) {
      const element = find(out, tag);
      if (element) out = rewrite(out, element, us(pick(next, [0, 1, 65535, 32768, 4097])));
    }
    const frames = find(out, TAGS.frames);
    return frames && next() < 0.5 ? rewrite(out, frames, text(pick(next, ['0', '-1', '99999', 'x', '2147483647']))) : out;
  },
  'nonsense bits': (bytes, next) => {
    const tag = pick(next, [TAGS.bitsAllocated, TAGS.bitsStored, TAGS.highBit, TAGS.samplesPerPixel, TAGS.pixelRepresentation]);
    return withElement(tag, (b, e, n) => rewrite(b, e, us(pick(n, [0, 1, 3, 7, 12, 17, 24, 31, 32, 64, 255, 65535]))))(bytes, next);
  },
  'wrong transfer syntax': withElement(TAGS.transferSyntax, (b, e, n) =>
    rewrite(b, e, text(pick(n, ['1.2.840.10008.1.2', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.5', '1.2.840.10008.1.2.1.99', '1.2.3.4', '']))),
  ),
  'photometric interpretation': withElement(TAGS.photometric, (b, e, n) => rewrite(b, e, text(pick(n, ['PALETTE COLOR', 'YBR_FULL_422', 'RGB', 'MONOCHROME1', 'YBR_ICT', 'HSV', ''])))),
  'corrupt fragments': (bytes, next) => {
    const pixel = find(bytes, TAGS.pixelData);
    if (!pixel || pixel.length !== UNDEFINED) return RECIPES['byte flips'](bytes, next);
    const out = bytes.slice();
    const view = new DataView(out.buffer);
    // Items (FFFE,E000) inside the encapsulated pixel data: lengths or contents broken.
    for (let at = pixel.value; at + 8 <= out.length; ) {
      if (view.getUint16(at, true) !== 0xfffe) break;
      const length = view.getUint32(at + 4, true);
      const roll = next();
      if (roll < 0.2) view.setUint32(at + 4, Math.floor(next() * 0xffffff), true);
      else if (roll < 0.6) for (let i = 0; i < 16 && length; i++) out[at + 8 + Math.floor(next() * length)] ^= 0xff;
      at += 8 + length;
    }
    return out;
  },
  'nested sequences': (bytes, next) => {
    const pixel = find(bytes, TAGS.pixelData);
    if (!pixel) return bytes;
    const depth = pick(next, [50, 500, 5000]);
    // A private sequence of undefined length, nested `depth` times, each with an undefined-length item.
    const open = [0x09, 0x00, 0x10, 0x10, 0x53, 0x51, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff];
    const close = [0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0];
    const nest = new Uint8Array((open.length + (next() < 0.7 ? close.length : 0)) * depth);
    for (let i = 0; i < depth; i++) nest.set(open, i * open.length);
    if (nest.length > open.length * depth) for (let i = 0; i < depth; i++) nest.set(close, open.length * depth + i * close.length);
    return splice(bytes, pixel.header, 0, nest);
  },
  'odd length': (bytes, next) => {
    const element = pick(next, elementsOf(bytes).filter((e) => e.length !== UNDEFINED && e.length > 0));
    return element ? rewrite(bytes, element, bytes.slice(element.value, element.value + element.length - 1)) : bytes;
  },
};

export const RECIPE_NAMES = Object.keys(RECIPES);

/** Mutant `index` of a run: its recipe and seed follow from the run's seed, so it can be made again alone. */
export function mutantPlan(runSeed: number, index: number, sources: number, recipes: readonly string[] = RECIPE_NAMES): { recipe: string; seed: number; source: number } {
  const next = random(runSeed * 1_000_003 + index);
  return { recipe: pick(next, recipes), seed: Math.floor(next() * 2 ** 31), source: Math.floor(next() * sources) };
}

/** The mutant itself. */
export function mutate(bytes: Uint8Array, recipe: string, seed: number): Uint8Array {
  return RECIPES[recipe](bytes, random(seed));
}
