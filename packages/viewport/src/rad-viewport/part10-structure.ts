// A host's Part 10 file, walked by dicom-parser before Cornerstone's metadata parser (dcmjs) reads
// it. dicom-parser checks every length against the bytes there are; dcmjs does not: where the two
// read a file differently, dcmjs follows a length read from the middle of a value and allocates
// what it says (gigabytes, measured: 4.2 GB for one odd-length US). So the file dcmjs gets is one
// both read alike: lengths that fit their VR, known VRs, no command group, deflate inflated.
import { DicomWebError } from '@telerad/core';
import {
  checkFrame,
  checkImage,
  concatBytes,
  imageAttributes,
  InvalidImage,
  pixelEncoding,
  type AttributeReader,
} from './image-checks.js';

type DicomParser = typeof import('dicom-parser');
export type ParsedDataSet = ReturnType<DicomParser['parseDicom']>;
type ParsedElement = ParsedDataSet['elements'][string];

/** A data element's VR as the data dictionary gives it (dcmjs's), for implicit VR files. */
export type DictionaryVr = (tag: string) => string | undefined;

/** Inflated deflate data sets are refused beyond this (a few megabytes of file may claim gigabytes). */
const MAX_INFLATED_BYTES = 512 * 2 ** 20;

const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

/**
 * VRs of PS3.5 6.2: any other in an explicit VR file is damage (dicom-parser and dcmjs disagree on its length field).
 */
const KNOWN_VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);
/** VRs with a 4-byte length field in explicit VR (PS3.5 7.1.2). */
const LONG_VRS = new Set('OB OD OF OL OV OW SQ SV UC UN UR UT UV'.split(' '));
/** Bytes per value of the binary VRs dcmjs reads value by value ('xs': US or SS). */
const VALUE_BYTES: Record<string, number> = { US: 2, SS: 2, xs: 2, UL: 4, SL: 4, FL: 4, AT: 4, FD: 8, SV: 8, UV: 8 };

/** Raw deflate (PS3.5 A.5) inflated, at most MAX_INFLATED_BYTES; a damaged stream rejects. */
async function inflateRaw(deflated: Uint8Array): Promise<Uint8Array> {
  const reader = new Blob([deflated as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concatBytes(chunks);
    total += value.length;
    if (total > MAX_INFLATED_BYTES) {
      await reader.cancel();
      throw new InvalidImage(`a deflated data set of more than ${MAX_INFLATED_BYTES / 2 ** 20} MB`);
    }
    chunks.push(value);
  }
}

const messageOf = (error: unknown) =>
  error instanceof Error
    ? error.message
    : typeof error === 'string'
      ? error
      : String((error as { exception?: unknown }).exception ?? error);

/** dicom-parser's walk of the file (inflated first where deflated), its failures the file's. */
async function walk(
  bytes: Uint8Array,
  dicomParser: DicomParser,
  vrOf: DictionaryVr,
): Promise<{ dataSet: ParsedDataSet; whole: Uint8Array }> {
  // Implicit VR sequences of defined length are found as dcmjs finds them: by the dictionary.
  const vrCallback = (tag: string) => vrOf(tag.slice(1));
  try {
    let deflatedFrom = -1;
    const asked = Symbol('inflate');
    // dicom-parser inflates synchronously: the first pass only learns where the deflated part starts.
    const askInflate = (_: Uint8Array, position: number): Uint8Array => {
      deflatedFrom = position;
      throw asked;
    };
    try {
      return { dataSet: dicomParser.parseDicom(bytes, { inflater: askInflate, vrCallback }), whole: bytes };
    } catch (error) {
      if (error !== asked) throw error;
      const whole = concatBytes([bytes.subarray(0, deflatedFrom), await inflateRaw(bytes.subarray(deflatedFrom))]);
      const dataSet = dicomParser.parseDicom(bytes, { inflater: () => whole, vrCallback });
      // dicom-parser reads an inflated file from its first byte: the preamble comes out as elements.
      dataSet.elements = Object.fromEntries(
        Object.entries(dataSet.elements).filter(
          ([key, element]) => element.dataOffset >= deflatedFrom || key.startsWith('x0002'),
        ),
      );
      return { dataSet, whole };
    }
  } catch (error) {
    if (error instanceof InvalidImage) throw error;
    throw new InvalidImage(messageOf(error).slice(0, 200));
  }
}

/** A data set as dicom-parser read it (explicit or implicit VR, either byte order; IS as text). */
const parsedReader = (dataSet: ParsedDataSet): AttributeReader => {
  const element = (tag: string) => dataSet.elements[`x${tag.toLowerCase()}`];
  const isText = (tag: string) => tag === '00280008';
  return {
    number: (tag) =>
      element(tag) ? (isText(tag) ? dataSet.intString(`x${tag}`) : dataSet.uint16(`x${tag}`)) : undefined,
    text: (tag) => (element(tag) ? dataSet.string(`x${tag}`) : undefined),
    numbers: (tag) => (element(tag) ? [0, 1, 2].map((i) => dataSet.uint16(`x${tag}`, i) ?? 0) : []),
    byteLength: (tag) => element(tag)?.length ?? 0,
  };
};

/**
 * The image dicom-parser read, checked (image-checks.ts) before the metadata parser reads it its
 * own way: that parser takes any pixel data of an encapsulated syntax as fragments, and their
 * lengths on trust.
 */
function checkImageOf(dataSet: ParsedDataSet, transferSyntax: string, url: string): void {
  const attributes = imageAttributes(parsedReader(dataSet));
  checkImage(attributes);
  const encoding = pixelEncoding(transferSyntax);
  const pixelData = dataSet.elements.x7fe00010;
  if (encoding === 'unknown')
    throw new DicomWebError('unsupported', 0, url, `transfer syntax ${transferSyntax || '(none)'}`);
  if (!pixelData) throw new InvalidImage('no pixel data');
  if ((encoding === 'encapsulated') !== Boolean(pixelData.encapsulatedPixelData))
    throw new InvalidImage(
      `${encoding === 'encapsulated' ? 'native' : 'encapsulated'} pixel data under transfer syntax ${transferSyntax}`,
    );
  // The first frame's data as its codec's: that parser reads codec headers of its own too.
  const first = pixelData.fragments?.[0];
  const firstFrame = first
    ? dataSet.byteArray.subarray(first.position, first.position + first.length)
    : dataSet.byteArray.subarray(pixelData.dataOffset, pixelData.dataOffset + pixelData.length);
  // Only the first fragment of a frame that may have several: its end is not the frame's.
  checkFrame(attributes, firstFrame, transferSyntax, url, { whole: !first });
}

const tagName = (key: string) => `(${key.slice(1, 5)},${key.slice(5, 9)})`.toUpperCase();

/**
 * Refuses a file meta header whose elements do not end where its group length says: dcmjs reads
 * the data set from there, dicom-parser from the first element outside group 0002. Returns where
 * the data set starts.
 */
function checkMetaHeader(dataSet: ParsedDataSet): number {
  const entries = Object.entries(dataSet.elements);
  const meta = entries.filter(([key]) => key.startsWith('x0002'));
  const end = Math.max(132, ...meta.map(([, element]) => element.dataOffset + element.length));
  const groupLength = dataSet.elements.x00020000 ? dataSet.uint32('x00020000') : undefined;
  if (groupLength === undefined) return end;
  // The preamble (128), "DICM" (4) and the group length element itself (12).
  if (end !== 144 + groupLength)
    throw new InvalidImage(`a file meta header of ${end - 144} bytes, where its group length says ${groupLength}`);
  const stranger = entries.find(([key, element]) => !key.startsWith('x0002') && element.dataOffset < end);
  if (stranger) throw new InvalidImage(`${tagName(stranger[0])} in the file meta header`);
  return end;
}

/**
 * Refuses elements that do not follow one another (a tag given twice: dicom-parser keeps the last,
 * so the first was never checked; dcmjs reads both).
 */
function checkTiling(dataSet: ParsedDataSet, from: number, explicit: boolean): void {
  const elements = Object.entries(dataSet.elements)
    .filter(([key]) => !key.startsWith('x0002'))
    .sort((a, b) => a[1].dataOffset - b[1].dataOffset);
  let cursor = from;
  for (const [key, element] of elements) {
    if (headerStart(element, explicit) !== cursor)
      throw new InvalidImage(`${tagName(key)} is not where the element before it ends (a tag given twice?)`);
    // dicom-parser's length of a sequence of undefined length leaves out its delimitation item.
    const isSequence = element.vr === 'SQ' || element.items !== undefined;
    cursor = element.dataOffset + element.length + (isSequence && element.hadUndefinedLength ? 8 : 0);
    for (const item of element.items ?? []) if (item.dataSet) checkTiling(item.dataSet, item.dataOffset, explicit);
  }
}

/** Whether the data set is explicit VR (every syntax but implicit VR little endian). */
export const isExplicitVr = (transferSyntax: string) => transferSyntax !== IMPLICIT_VR_LITTLE_ENDIAN;

/** The file meta header is explicit VR whatever the data set's syntax. */
const isExplicitHere = (key: string, explicit: boolean) => explicit || key.startsWith('x0002');

/**
 * An element's VR as dcmjs reads it: the one written in an explicit VR file, else (implicit VR, or
 * UN written for a tag it knows) the data dictionary's.
 */
export function effectiveVr(
  key: string,
  element: ParsedElement,
  vrOf: DictionaryVr,
  explicit: boolean,
): string | undefined {
  return element.vr === undefined || element.vr === 'UN' || !isExplicitHere(key, explicit)
    ? (vrOf(key.slice(1)) ?? element.vr)
    : element.vr;
}

/**
 * Refuses what dcmjs would read other than dicom-parser did: an unknown VR in an explicit VR file,
 * and a binary value whose length is not a whole number of values (dcmjs reads whole values).
 */
function checkAgreement(dataSet: ParsedDataSet, vrOf: DictionaryVr, explicit: boolean): void {
  for (const [key, element] of Object.entries(dataSet.elements)) {
    if (key.startsWith('xfffe')) continue;
    if (isExplicitHere(key, explicit) && element.vr !== undefined && !KNOWN_VRS.has(element.vr))
      throw new InvalidImage(`${tagName(key)} has no valid VR`);
    const vr = effectiveVr(key, element, vrOf, explicit);
    const size = vr ? VALUE_BYTES[vr] : undefined;
    if (size && !element.hadUndefinedLength && element.length % size !== 0) {
      throw new InvalidImage(`${tagName(key)} ${vr} of ${element.length} bytes: not a whole number of values`);
    }
    for (const item of element.items ?? []) if (item.dataSet) checkAgreement(item.dataSet, vrOf, explicit);
  }
}

/**
 * The file with its Transfer Syntax UID padded as UIDs are (NUL), where it was padded with spaces:
 * dcmjs trims them and reads, say, big endian, where dicom-parser reads an unknown syntax as little
 * endian; each then walks a different file (measured: 3.7 GB allocated by dcmjs).
 */
function withTransferSyntaxUnpadded(bytes: Uint8Array, dicomParser: DicomParser): Uint8Array {
  let element: ParsedElement | undefined;
  try {
    element = dicomParser.readPart10Header(bytes).elements.x00020010;
  } catch {
    return bytes; // The walk says what is wrong.
  }
  if (!element) return bytes;
  let end = element.dataOffset + element.length;
  while (end > element.dataOffset && bytes[end - 1] === 0x20) end--;
  if (end === element.dataOffset + element.length) return bytes;
  const copy = bytes.slice();
  copy.fill(0, end, element.dataOffset + element.length);
  return copy;
}

/** Where an element's header starts (the data set's own encoding). */
const headerStart = (element: ParsedElement, explicit: boolean) =>
  element.dataOffset - (explicit && element.vr && LONG_VRS.has(element.vr) ? 12 : 8);

/**
 * The file without its command group elements (group 0000): they belong to DIMSE messages, not to
 * stored instances, and dcmjs stops reading a data set at the first (dcmtk and dicom-parser read on).
 */
function withoutCommandGroup(whole: Uint8Array, dataSet: ParsedDataSet, explicit: boolean): Uint8Array {
  const commands = Object.entries(dataSet.elements)
    .filter(([key]) => key.startsWith('x0000'))
    .map(([, element]) => [headerStart(element, explicit), element.dataOffset + element.length] as const)
    .sort((a, b) => a[0] - b[0]);
  if (commands.length === 0) return whole;
  const kept: Uint8Array[] = [];
  let from = 0;
  for (const [start, end] of commands) {
    kept.push(whole.subarray(from, start));
    from = end;
  }
  kept.push(whole.subarray(from));
  return concatBytes(kept);
}

/** A Part 10 file as dicom-parser read it, and the bytes to give the metadata parser. */
export interface Part10Structure {
  dataSet: ParsedDataSet;
  transferSyntax: string;
  /** The file as dcmjs reads it alike: inflated, without command group elements. */
  forMetadataParser: ArrayBuffer;
}

/** Walks and checks a Part 10 file (see the top of this file); throws InvalidImage where it is damaged. */
export async function readPart10Structure(
  file: ArrayBuffer,
  url: string,
  dicomParser: DicomParser,
  vrOf: DictionaryVr,
): Promise<Part10Structure> {
  const bytes = withTransferSyntaxUnpadded(new Uint8Array(file), dicomParser);
  const { dataSet, whole } = await walk(bytes, dicomParser, vrOf);
  const transferSyntax = dataSet.string('x00020010') ?? '';
  const explicit = isExplicitVr(transferSyntax);
  const dataSetStart = checkMetaHeader(dataSet);
  checkTiling(dataSet, dataSetStart, explicit);
  checkAgreement(dataSet, vrOf, explicit);
  checkImageOf(dataSet, transferSyntax, url);
  const agreed = withoutCommandGroup(whole, dataSet, explicit);
  const whollyItsBuffer = agreed.byteOffset === 0 && agreed.byteLength === agreed.buffer.byteLength;
  const forMetadataParser = (
    whollyItsBuffer ? agreed.buffer : agreed.buffer.slice(agreed.byteOffset, agreed.byteOffset + agreed.byteLength)
  ) as ArrayBuffer;
  return { dataSet, transferSyntax, forMetadataParser };
}
