// A host's Part 10 file as DICOM JSON (PS3.18 F.2), from dicom-parser's walk: the same shape of
// attributes a frame from the archive carries, so overlays, overlay planes, presets, calibration
// and SUV read host files and archive frames alike. Cornerstone's naturalized metadata does not
// keep repeating groups (Overlay Planes, 60xx), which is why this is read from the walk.
import type { DicomJsonDataset, DicomJsonElement } from '@telerad/core';
import { EXPLICIT_BIG_ENDIAN, swappedWords } from './image-checks.js';
import { effectiveVr, isExplicitVr, type DictionaryVr, type ParsedDataSet } from './part10-structure.js';

type ParsedElement = ParsedDataSet['elements'][string];

/** Binary values larger than this are left out (pixel data, waveforms): nothing here reads them. */
const MAX_INLINE_BYTES = 16 * 2 ** 20;

const TEXT_VRS = new Set('AE AS CS DA DT LO LT PN SH ST TM UC UI UR UT'.split(' '));
/** Text VRs of one value: a backslash in them is text (PS3.5 6.2). */
const SINGLE_TEXT = new Set(['LT', 'ST', 'UT', 'UR']);
const NUMBER_READERS: Record<
  string,
  [bytes: number, read: (d: ParsedDataSet, key: string, i: number) => number | undefined]
> = {
  US: [2, (d, k, i) => d.uint16(k, i)],
  SS: [2, (d, k, i) => d.int16(k, i)],
  UL: [4, (d, k, i) => d.uint32(k, i)],
  SL: [4, (d, k, i) => d.int32(k, i)],
  FL: [4, (d, k, i) => d.float(k, i)],
  FD: [8, (d, k, i) => d.double(k, i)],
};
/** Binary VRs and the size of their values: InlineBinary is little endian (PS3.18 F.2.7). */
const BINARY_VALUE_BYTES: Record<string, number> = { OB: 1, UN: 1, OW: 2, OF: 4, OL: 4, OD: 8, OV: 8 };

/** The text decoding of a data set's Specific Character Set: UTF-8 or Latin-1 (the other sets read as Latin-1). */
const decoderFor = (characterSet: string | undefined) =>
  new TextDecoder(characterSet?.includes('ISO_IR 192') ? 'utf-8' : 'latin1');

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** A VR for DICOM JSON: the dictionary's 'xs' (US or SS) by the Pixel Representation, 'ox' as OW. */
function concreteVr(vr: string | undefined, signed: boolean): string {
  if (vr === 'xs') return signed ? 'SS' : 'US';
  if (vr === 'ox') return 'OW';
  return vr ?? 'UN';
}

interface Reading {
  vrOf: DictionaryVr;
  explicit: boolean;
  bigEndian: boolean;
  decoder: TextDecoder;
  signed: boolean;
}

function valueOf(
  dataSet: ParsedDataSet,
  key: string,
  element: ParsedElement,
  vr: string,
  reading: Reading,
): DicomJsonElement | undefined {
  const bytes = () => dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  if (vr === 'SQ')
    return {
      vr,
      Value: (element.items ?? []).flatMap((item) => (item.dataSet ? [dicomJsonOfParsed(item.dataSet, reading)] : [])),
    };
  if (element.length === 0 || element.hadUndefinedLength) return { vr };
  if (TEXT_VRS.has(vr)) {
    const text = reading.decoder.decode(bytes()).replace(/[\0 ]+$/, '');
    const values = SINGLE_TEXT.has(vr) ? [text] : text.split('\\').map((v) => v.trim());
    return { vr, Value: vr === 'PN' ? values.map((v) => ({ Alphabetic: v.split('=')[0] })) : values };
  }
  if (vr === 'DS' || vr === 'IS') {
    const numbers = reading.decoder
      .decode(bytes())
      .split('\\')
      .map((v) => v.trim())
      .filter(Boolean)
      .map(Number);
    return numbers.every(Number.isFinite) ? { vr, Value: numbers } : undefined;
  }
  const reader = NUMBER_READERS[vr];
  if (reader)
    return {
      vr,
      Value: Array.from({ length: Math.floor(element.length / reader[0]) }, (_, i) => reader[1](dataSet, key, i) ?? 0),
    };
  const size = BINARY_VALUE_BYTES[vr];
  if (size && element.length <= MAX_INLINE_BYTES)
    return { vr, InlineBinary: base64(reading.bigEndian && size > 1 ? swappedWords(bytes(), size) : bytes()) };
  return undefined;
}

function dicomJsonOfParsed(dataSet: ParsedDataSet, reading: Reading): DicomJsonDataset {
  const json: DicomJsonDataset = {};
  for (const [key, element] of Object.entries(dataSet.elements)) {
    const tag = key.slice(1).toUpperCase();
    // The file meta, item tags and the pixel data are not attributes of the image.
    if (tag.startsWith('0002') || tag.startsWith('FFFE') || tag.startsWith('7FE0')) continue;
    const vr = concreteVr(effectiveVr(key, element, reading.vrOf, reading.explicit), reading.signed);
    const value = valueOf(dataSet, key, element, vr, reading);
    if (value) json[tag] = value;
  }
  return json;
}

/** The attributes of a walked Part 10 file as DICOM JSON (pixel data and file meta left out). */
export function part10Json(dataSet: ParsedDataSet, vrOf: DictionaryVr): DicomJsonDataset {
  const transferSyntax = dataSet.string('x00020010') ?? '';
  return dicomJsonOfParsed(dataSet, {
    vrOf,
    explicit: isExplicitVr(transferSyntax),
    bigEndian: transferSyntax === EXPLICIT_BIG_ENDIAN,
    decoder: decoderFor(dataSet.string('x00080005')),
    signed: dataSet.uint16('x00280103') === 1,
  });
}
