// Image ids a host gives (`wadouri:`, `dicomweb:`, `dicomfile:`): Cornerstone's loader for them,
// behind the checks of image-checks.ts. The file is parsed (as Cornerstone's loader would, into
// its naturalized metadata) and its attributes and the frame's bytes checked before any decoding.
import { DicomWebError } from '@telerad/core';
import { checkFrame, checkImage, concatBytes, frameBytes, imageAttributes, InvalidImage, naturalizedReader, pixelEncoding, type AttributeReader } from './image-checks.js';

type Modules = typeof import('./cornerstone-modules.js');
type ParsedDataSet = ReturnType<Modules['dicomParser']['parseDicom']>;

/** Inflated deflate data sets are refused beyond this (a few megabytes of file may claim gigabytes). */
const MAX_INFLATED_BYTES = 512 * 2 ** 20;

/** Raw deflate (PS3.5 A.5) inflated, at most MAX_INFLATED_BYTES; a damaged stream rejects. */
async function inflateRaw(deflated: Uint8Array): Promise<Uint8Array> {
  const reader = new Blob([deflated as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
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

/** A data set as dicom-parser read it (explicit or implicit VR, either byte order; IS as text). */
const parsedReader = (dataSet: ParsedDataSet): AttributeReader => {
  const element = (tag: string) => dataSet.elements[`x${tag.toLowerCase()}`];
  const isText = (tag: string) => tag === '00280008';
  return {
    number: (tag) => (element(tag) ? (isText(tag) ? dataSet.intString(`x${tag}`) : dataSet.uint16(`x${tag}`)) : undefined),
    text: (tag) => (element(tag) ? dataSet.string(`x${tag}`) : undefined),
    numbers: (tag) => (element(tag) ? [0, 1, 2].map((i) => dataSet.uint16(`x${tag}`, i) ?? 0) : []),
    byteLength: (tag) => element(tag)?.length ?? 0,
  };
};

const PART10_SCHEMES = ['wadouri', 'dicomweb', 'dicomfile'];

/** Registers the checked loader for the Part 10 schemes, over Cornerstone's own. */
export function registerCheckedPart10Loader({ core, loader, metadata, dicomParser }: Pick<Modules, 'core' | 'loader' | 'metadata' | 'dicomParser'>): (imageIds: readonly string[]) => void {
  const { wadouri } = loader;
  const NATURALIZED = core.Enums.MetadataModules.NATURALIZED;

  /** The file fetched and parsed (once per file), as Cornerstone's loader does it. */
  const parse = async (imageId: string, scheme: string, url: string) => {
    if (core.metaData.get(NATURALIZED, imageId)) return;
    const fetchFile = wadouri.getLoaderForScheme(scheme);
    if (!fetchFile) throw new DicomWebError('unsupported', 0, url, `image ids of scheme ${scheme}`);
    const result = (await fetchFile(url, imageId)) as ArrayBuffer | { arrayBuffer: ArrayBuffer };
    const file = result instanceof ArrayBuffer ? result : result.arrayBuffer;
    await checkStructure(file, url);
    await metadata.utilities.addDicomPart10Instance(`${scheme}:${url}`, file);
  };

  /**
   * dicom-parser walks the file first: it checks every length against the bytes there are, where
   * the metadata parser would allocate what a damaged length says (gigabytes). A deflated data set
   * is inflated for it first, to at most MAX_INFLATED_BYTES.
   */
  const checkStructure = async (file: ArrayBuffer, url: string) => {
    const bytes = new Uint8Array(file);
    let dataSet: ParsedDataSet;
    try {
      let deflatedFrom = -1;
      const asked = Symbol('inflate');
      // dicom-parser inflates synchronously: the first pass only learns where the deflated part starts.
      const askInflate = (_: Uint8Array, position: number): Uint8Array => {
        deflatedFrom = position;
        throw asked;
      };
      try {
        dataSet = dicomParser.parseDicom(bytes, { inflater: askInflate });
      } catch (error) {
        if (error !== asked) throw error;
        const whole = concatBytes([bytes.subarray(0, deflatedFrom), await inflateRaw(bytes.subarray(deflatedFrom))]);
        dataSet = dicomParser.parseDicom(bytes, { inflater: () => whole });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : typeof error === 'string' ? error : String((error as { exception?: unknown }).exception ?? error);
      throw new InvalidImage(message.slice(0, 200));
    }
    // And what it read is checked before the metadata parser reads it its own way: that parser
    // takes any pixel data of an encapsulated syntax as fragments, and their lengths on trust.
    const attributes = imageAttributes(parsedReader(dataSet));
    checkImage(attributes);
    const transferSyntax = dataSet.string('x00020010') ?? '';
    const encoding = pixelEncoding(transferSyntax);
    const pixelData = dataSet.elements.x7fe00010;
    if (encoding === 'unknown') throw new DicomWebError('unsupported', 0, url, `transfer syntax ${transferSyntax || '(none)'}`);
    if (!pixelData) throw new InvalidImage('no pixel data');
    if ((encoding === 'encapsulated') !== Boolean(pixelData.encapsulatedPixelData)) throw new InvalidImage(`${encoding === 'encapsulated' ? 'native' : 'encapsulated'} pixel data under transfer syntax ${transferSyntax}`);
    // The first frame's data as its codec's: that parser reads codec headers of its own too.
    const first = pixelData.fragments?.[0];
    const firstFrame = first ? dataSet.byteArray.subarray(first.position, first.position + first.length) : dataSet.byteArray.subarray(pixelData.dataOffset, pixelData.dataOffset + pixelData.length);
    // Only the first fragment of a frame that may have several: its end is not the frame's.
    checkFrame(attributes, firstFrame, transferSyntax, url, { whole: !first });
  };

  /** What the metadata parser made of a file (the whole file, and for a damaged one what its lengths claimed) is not kept. */
  const forget = (imageId: string, scheme: string, url: string) => {
    for (const query of [imageId, `${scheme}:${url}`]) metadata.metaData.clearQuery(NATURALIZED, query);
  };

  const load = async (imageId: string, options: Record<string, unknown>) => {
    const parsed = wadouri.parseImageId(imageId);
    try {
      return await checkedLoad(imageId, parsed, options);
    } catch (error) {
      forget(imageId, parsed.scheme, parsed.url);
      throw error;
    }
  };

  const checkedLoad = async (imageId: string, { scheme, url, pixelDataFrame }: ReturnType<typeof wadouri.parseImageId>, options: Record<string, unknown>) => {
    await parse(imageId, scheme, url);
    const instance = core.metaData.get(NATURALIZED, imageId) as Record<string, unknown> | undefined;
    if (!instance) throw new InvalidImage('not a DICOM file');
    const attributes = imageAttributes(naturalizedReader(instance));
    checkImage(attributes);
    const frame = core.metaData.getTyped(metadata.Enums.MetadataModules.COMPRESSED_FRAME_DATA, imageId, { frameIndex: pixelDataFrame ?? 0 }) as
      | { pixelData?: unknown; transferSyntaxUid?: string }
      | undefined;
    if (!frame?.pixelData) throw new InvalidImage('no pixel data for the frame');
    checkFrame(attributes, frameBytes(frame.pixelData), frame.transferSyntaxUid ?? '', url);
    return wadouri.loadImageFromNaturalizedMetadata(imageId, options).promise;
  };

  for (const scheme of PART10_SCHEMES) core.registerImageLoader(scheme, ((imageId: string, options: Record<string, unknown> = {}) => ({ promise: load(imageId, options) })) as never);
  // Files no viewport shows any more: their parsed metadata goes, and with it their cached images
  // (shown again from the cache, an image would find no metadata; loaded again, it is parsed again).
  return (imageIds) => {
    for (const imageId of imageIds.filter((id) => PART10_SCHEMES.includes(id.split(':')[0]))) {
      const { scheme, url } = wadouri.parseImageId(imageId);
      forget(imageId, scheme, url);
      if (core.cache.getImageLoadObject(imageId)) core.cache.removeImageLoadObject(imageId);
    }
  };
}
