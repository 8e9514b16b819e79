// Image ids a host gives (`wadouri:`, `dicomweb:`, `dicomfile:`): Cornerstone's loader for them,
// behind the checks of part10-structure.ts and image-checks.ts. The file is walked and checked,
// described (part10-json.ts: the attributes an archive frame carries, SUV for PET), then parsed as
// Cornerstone's loader would (into its naturalized metadata), and the frame's bytes checked before
// any decoding.
import { DicomWebError, stringValue, Tag, type DicomJsonDataset } from '@telerad/core';
import {
  checkFrame,
  checkImage,
  decodable,
  frameBytes,
  imageAttributes,
  InvalidImage,
  naturalizedReader,
} from './image-checks.js';
import { part10Json } from './part10-json.js';
import { readPart10Structure, type DictionaryVr, type ParsedDataSet } from './part10-structure.js';
import { inlineLookupTables, type StackFrame } from './series-stack.js';
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
  await inlineLookupTables([description.metadata], (uri) =>
    Promise.reject(new InvalidImage(`bulk data ${uri} in a Part 10 file`)),
  );
  if (stringValue(description.metadata, Tag.Modality) !== 'PT') return description;
  const suv = await suvScaling([description.metadata]);
  return 'factors' in suv ? { ...description, suvbw: suv.factors[0] } : description;
}

type PartsUsed = Pick<Modules, 'core' | 'loader' | 'metadata' | 'dicomParser'>;
type ParsedImageId = ReturnType<Modules['loader']['wadouri']['parseImageId']>;

/** Cornerstone's Part 10 loader behind the checks, with what it learnt of each file. */
class CheckedPart10Loader implements Part10Files {
  readonly #modules: PartsUsed;
  /** Per file (`scheme:url`), while a viewport shows it. */
  readonly #descriptions = new Map<string, Part10Description>();

  constructor(modules: PartsUsed) {
    this.#modules = modules;
  }

  get #naturalized() {
    return this.#modules.core.Enums.MetadataModules.NATURALIZED;
  }

  #vrOf = (tag: string) => this.#modules.metadata.utilities.Tags.dictionaryLookup(tag)?.vr;

  #parsed = (imageId: string): ParsedImageId => this.#modules.loader.wadouri.parseImageId(imageId);

  describe(imageId: string): Part10Description | undefined {
    if (!isPart10(imageId)) return undefined;
    const { scheme, url } = this.#parsed(imageId);
    return this.#descriptions.get(`${scheme}:${url}`);
  }

  // Files no viewport shows any more: their parsed metadata goes, and with it their cached images
  // (shown again from the cache, an image would find no metadata; loaded again, it is parsed again).
  forget(imageIds: readonly string[]): void {
    const { cache } = this.#modules.core;
    for (const imageId of imageIds.filter(isPart10)) {
      this.#forgetFile(imageId, this.#parsed(imageId));
      if (cache.getImageLoadObject(imageId)) cache.removeImageLoadObject(imageId);
    }
  }

  async load(imageId: string, options: Record<string, unknown>) {
    const parsed = this.#parsed(imageId);
    try {
      return await this.#checkedLoad(imageId, parsed, options);
    } catch (error) {
      this.#forgetFile(imageId, parsed);
      throw error;
    }
  }

  /** The file fetched and parsed (once per file), as Cornerstone's loader does it. */
  async #parse(imageId: string, scheme: string, url: string): Promise<void> {
    const { core, loader, metadata, dicomParser } = this.#modules;
    if (core.metaData.get(this.#naturalized, imageId)) return;
    const fetchFile = loader.wadouri.getLoaderForScheme(scheme);
    if (!fetchFile) throw new DicomWebError('unsupported', 0, url, `image ids of scheme ${scheme}`);
    const result = (await fetchFile(url, imageId)) as ArrayBuffer | { arrayBuffer: ArrayBuffer };
    const file = result instanceof ArrayBuffer ? result : result.arrayBuffer;
    const { dataSet, forMetadataParser } = await readPart10Structure(file, url, dicomParser, this.#vrOf);
    this.#descriptions.set(`${scheme}:${url}`, await describeParsed(dataSet, this.#vrOf));
    await metadata.utilities.addDicomPart10Instance(`${scheme}:${url}`, forMetadataParser);
  }

  /**
   * What the metadata parser made of a file (the whole file, and for a damaged one what its lengths claimed) is not
   * kept.
   */
  #forgetFile(imageId: string, { scheme, url }: ParsedImageId): void {
    for (const query of [imageId, `${scheme}:${url}`])
      this.#modules.metadata.metaData.clearQuery(this.#naturalized, query);
    this.#descriptions.delete(`${scheme}:${url}`);
  }

  async #checkedLoad(
    imageId: string,
    { scheme, url, pixelDataFrame }: ParsedImageId,
    options: Record<string, unknown>,
  ) {
    const { core, loader, metadata } = this.#modules;
    await this.#parse(imageId, scheme, url);
    const instance = core.metaData.get(this.#naturalized, imageId) as Record<string, unknown> | undefined;
    if (!instance) throw new InvalidImage('not a DICOM file');
    const attributes = imageAttributes(naturalizedReader(instance));
    checkImage(attributes);
    const frame = core.metaData.getTyped(metadata.Enums.MetadataModules.COMPRESSED_FRAME_DATA, imageId, {
      frameIndex: pixelDataFrame ?? 0,
    }) as { pixelData?: unknown; transferSyntaxUid?: string } | undefined;
    if (!frame?.pixelData) throw new InvalidImage('no pixel data for the frame');
    const stored = { bytes: frameBytes(frame.pixelData), transferSyntax: frame.transferSyntaxUid ?? '' };
    checkFrame(attributes, stored.bytes, stored.transferSyntax, url);
    // Frames Cornerstone's decoders do not read as stored (1-bit, 32-bit big endian) are made readable first.
    const toDecode = decodable(attributes, stored);
    return toDecode === stored
      ? loader.wadouri.loadImageFromNaturalizedMetadata(imageId, options).promise
      : loader.createImage(imageId, toDecode.bytes, toDecode.transferSyntax, options);
  }
}

/** Registers the checked loader for the Part 10 schemes, over Cornerstone's own. */
export function registerCheckedPart10Loader(modules: PartsUsed): Part10Files {
  const checked = new CheckedPart10Loader(modules);
  for (const scheme of PART10_SCHEMES)
    modules.core.registerImageLoader(scheme, ((imageId: string, options: Record<string, unknown> = {}) => ({
      promise: checked.load(imageId, options),
    })) as never);
  return checked;
}

/** A frame given as a host's image id learns its attributes from its file once it is loaded. */
export function describeFromFile(
  frame: StackFrame,
  files: { describeFile(imageId: string): Part10Description | undefined },
): void {
  if (Object.keys(frame.metadata).length || !isPart10(frame.imageId)) return;
  const described = files.describeFile(frame.imageId);
  if (!described) return;
  frame.metadata = described.metadata;
  frame.suvbw = described.suvbw;
  frame.sopInstanceUID = stringValue(described.metadata, Tag.SOPInstanceUID) ?? '';
}
