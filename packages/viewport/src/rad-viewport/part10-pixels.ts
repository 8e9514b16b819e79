// The pixels of a plainly laid-out Part 10 file, found without a parser: its File Meta Information
// (always explicit VR little endian, PS3.10 7.1) names the instance and its transfer syntax, and an
// uncompressed Pixel Data element of the expected length ends the file. Used only to draw early;
// a file laid out any other way (elements after the pixels, a damaged header) is left to the
// engine, whose parser checks everything.

import { numberValue, type DicomJsonDataset } from '@telerad/core';

/** VRs whose explicit-VR header has two reserved bytes and a four-byte length (PS3.5 7.1.2). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const PREAMBLE_AND_PREFIX = 132;

/** The bytes an uncompressed frame with these attributes takes (8- or 16-bit samples); undefined for other depths. */
export function nativeFrameBytes(metadata: DicomJsonDataset): number | undefined {
  const bits = numberValue(metadata, '00280100');
  if (bits !== 8 && bits !== 16) return undefined;
  const value = (tag: string) => numberValue(metadata, tag) ?? 0;
  return value('00280010') * value('00280011') * (value('00280002') || 1) * (bits / 8);
}

export interface PlainPixels {
  sopInstanceUID: string;
  transferSyntax: string;
  /** The Pixel Data value: rows × columns × bytes per sample, little endian. */
  pixels: DataView;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replace(/[\0 ]+$/, '');

/** The File Meta Information's UI values by tag (`00020003`, `00020010`), or undefined if it is not well formed. */
function metaValues(file: Uint8Array): Map<string, string> | undefined {
  if (file.length < PREAMBLE_AND_PREFIX || text(file.subarray(128, 132)) !== 'DICM') return undefined;
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const values = new Map<string, string>();
  let at = PREAMBLE_AND_PREFIX;
  while (at + 8 <= file.length && view.getUint16(at, true) === 0x0002) {
    const tag = `0002${view
      .getUint16(at + 2, true)
      .toString(16)
      .padStart(4, '0')}`;
    const vr = String.fromCharCode(file[at + 4], file[at + 5]);
    const long = LONG_VRS.has(vr);
    const length = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    const start = at + (long ? 12 : 8);
    if (start + length > file.length) return undefined;
    if (vr === 'UI') values.set(tag, text(file.subarray(start, start + length)));
    at = start + length;
  }
  return values;
}

/** Whether the file ends with the Pixel Data element's header and a value of `length` bytes. */
function endsWithPixels(file: Uint8Array, length: number, explicit: boolean): boolean {
  const header = explicit ? 12 : 8;
  const at = file.length - length - header;
  if (at < PREAMBLE_AND_PREFIX) return false;
  const view = new DataView(file.buffer, file.byteOffset + at, header);
  if (view.getUint16(0, true) !== 0x7fe0 || view.getUint16(2, true) !== 0x0010) return false;
  if (!explicit) return view.getUint32(4, true) === length;
  const vr = String.fromCharCode(view.getUint8(4), view.getUint8(5));
  return (vr === 'OW' || vr === 'OB') && view.getUint16(6, true) === 0 && view.getUint32(8, true) === length;
}

/**
 * The instance's UID and its pixels, where the file is uncompressed little endian and ends with
 * `expectedBytes` of Pixel Data (a number, or what the instance's UID says); undefined otherwise.
 */
export function plainPixels(
  file: Uint8Array,
  expectedBytes: number | ((sopInstanceUID: string) => number | undefined),
): PlainPixels | undefined {
  const meta = metaValues(file);
  const sopInstanceUID = meta?.get('00020003');
  const syntax = meta?.get('00020010');
  if (!sopInstanceUID || (syntax !== EXPLICIT_VR_LITTLE_ENDIAN && syntax !== IMPLICIT_VR_LITTLE_ENDIAN))
    return undefined;
  const bytes = typeof expectedBytes === 'number' ? expectedBytes : expectedBytes(sopInstanceUID);
  if (!bytes || !endsWithPixels(file, bytes, syntax === EXPLICIT_VR_LITTLE_ENDIAN)) return undefined;
  const start = file.byteOffset + file.length - bytes;
  return { sopInstanceUID, transferSyntax: syntax, pixels: new DataView(file.buffer, start, bytes) };
}
