// Image ids a host gives (`wadouri:`, `dicomweb:`, `dicomfile:`): Cornerstone's loader for them,
// behind the checks of part10-structure.ts and image-checks.ts. The file is walked and checked,
// described (part10-json.ts: the attributes an archive frame carries, SUV for PET), then parsed as
// Cornerstone's loader would (into its naturalized metadata), and the frame's bytes checked before
// any decoding.
import { DicomWebError, stringValue, Tag, type DicomJsonDataset } from '@telerad/core';
import { checkFrame, checkImage, decodable, frameBytes, imageAttributes, InvalidImage, naturalizedReader } from './image-checks.js';
import { part10Json } from './part10-json.js';
import { readPart10Structure, type DictionaryVr, type ParsedDataSet } from './part10-structure.js';
import { inlineLookupTables } from './series-stack.js';
import { suvScaling } from './suv.js';

type Modules = typeof import('./cornerstone-modules.js');

/** What a host's file says of itself: its attributes as DICOM JSON and, for PET, its SUVbw factor. */
export interface Part10Description {
  metadata: DicomJsonDataset;
  suvbw?: number;
}

/** The checked loader's hooks for the runtime. */
export interface Part10Files {
  /** The file's attributes once it is loaded (undefined before). */
  describe(imageId: string): Part10Description | undefined;
  /** Forgets the files of image ids no viewport shows any more. */
  forget(imageIds: readonly string[]): void;
}

const PART10_SCHEMES = ['wadouri', 'dicomweb', 'dicomfile'];
/** Whether an image id names a Part 10 file (a host's), not an archive frame. */
export const isPart10 = (imageId: string) => PART10_SCHEMES.includes(imageId.split(':')[0]);

/** What a walked file says of itself: its attributes (lookup tables inline) and, for PET, its SUVbw factor. */
async function describeParsed(dataSet: ParsedDataSet, vrOf: DictionaryVr): Promise<Part10Description> {
  const description: Part10Description = { metadata: part10Json(dataSet, vrOf) };
  // A file holds its tables itself: there is no bulk data to fetch.
  await inlineLookupTables([description.metadata], (uri) => Promise.reject(new InvalidImage(`bulk data ${uri} in a Part 10 file`)));
  if (stringValue(description.metadata, Tag.Modality) !== 'PT') return description;
  const suv = await suvScaling([description.metadata]);
  return 'factors' in suv ? { ...description, suvbw: suv.factors[0] } : description;
}

/** Registers the checked loader for the Part 10 schemes, over Cornerstone's own. */
export function registerCheckedPart10Loader({ core, loader, metadata, dicomParser }: Pick<Modules, 'core' | 'loader' | 'metadata' | 'dicomParser'>): Part10Files {
  const { wadouri } = loader;
  const NATURALIZED = core.Enums.MetadataModules.NATURALIZED;
  const vrOf = (tag: string) => metadata.utilities.Tags.dictionaryLookup(tag)?.vr;
  /** Per file (`scheme:url`), while a viewport shows it. */
  const descriptions = new Map<string, Part10Description>();
  const fileOf = (imageId: string) => {
    const { scheme, url } = wadouri.parseImageId(imageId);
    return `${scheme}:${url}`;
  };

  /** The file fetched and parsed (once per file), as Cornerstone's loader does it. */
  const parse = async (imageId: string, scheme: string, url: string) => {
    if (core.metaData.get(NATURALIZED, imageId)) return;
    const fetchFile = wadouri.getLoaderForScheme(scheme);
    if (!fetchFile) throw new DicomWebError('unsupported', 0, url, `image ids of scheme ${scheme}`);
    const result = (await fetchFile(url, imageId)) as ArrayBuffer | { arrayBuffer: ArrayBuffer };
    const file = result instanceof ArrayBuffer ? result : result.arrayBuffer;
    const { dataSet, forMetadataParser } = await readPart10Structure(file, url, dicomParser, vrOf);
    descriptions.set(`${scheme}:${url}`, await describeParsed(dataSet, vrOf));
    await metadata.utilities.addDicomPart10Instance(`${scheme}:${url}`, forMetadataParser);
  };

  /** What the metadata parser made of a file (the whole file, and for a damaged one what its lengths claimed) is not kept. */
  const forget = (imageId: string, scheme: string, url: string) => {
    for (const query of [imageId, `${scheme}:${url}`]) metadata.metaData.clearQuery(NATURALIZED, query);
    descriptions.delete(`${scheme}:${url}`);
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
    const stored = { bytes: frameBytes(frame.pixelData), transferSyntax: frame.transferSyntaxUid ?? '' };
    checkFrame(attributes, stored.bytes, stored.transferSyntax, url);
    // Frames Cornerstone's decoders do not read as stored (1-bit, 32-bit big endian) are made readable first.
    const toDecode = decodable(attributes, stored);
    return toDecode === stored ? wadouri.loadImageFromNaturalizedMetadata(imageId, options).promise : loader.createImage(imageId, toDecode.bytes, toDecode.transferSyntax, options);
  };

  for (const scheme of PART10_SCHEMES) core.registerImageLoader(scheme, ((imageId: string, options: Record<string, unknown> = {}) => ({ promise: load(imageId, options) })) as never);
  // Files no viewport shows any more: their parsed metadata goes, and with it their cached images
  // (shown again from the cache, an image would find no metadata; loaded again, it is parsed again).
  return {
    describe: (imageId) => (isPart10(imageId) ? descriptions.get(fileOf(imageId)) : undefined),
    forget(imageIds) {
      for (const imageId of imageIds.filter(isPart10)) {
        const { scheme, url } = wadouri.parseImageId(imageId);
        forget(imageId, scheme, url);
        if (core.cache.getImageLoadObject(imageId)) core.cache.removeImageLoadObject(imageId);
      }
    },
  };
}
