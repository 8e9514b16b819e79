import {
  DicomWebError,
  numberValue,
  stringValue,
  type DicomJsonDataset,
  type DicomWebService,
  type RequestOptions,
  type ServerQuirks,
} from '@telerad/core';
import { binaryValue, frameImageId, frameSourceFor, loadBulkData, type FrameSource } from './frame-loader.js';
import { MAX_FRAMES } from './image-checks.js';
import type { SeriesLocation } from './series-retrieve.js';
import { suvScaling } from './suv.js';

/** One displayable frame of a series. */
export interface StackFrame {
  imageId: string;
  sopInstanceUID: string;
  /** 1-based frame number within its instance. */
  frame: number;
  metadata: DicomJsonDataset;
  /** PET: the SUV body-weight factor of the instance (modality value × factor = SUV). */
  suvbw?: number;
}

/** A loaded series: its frames, how each is fetched, and for PET why SUV is unavailable, if it is. */
export interface SeriesStack {
  frames: StackFrame[];
  sources: Map<string, FrameSource>;
  suvUnavailable?: string;
}

export type SeriesService = Pick<DicomWebService, 'retrieveSeriesMetadata' | 'urlOf' | 'url' | 'auth' | 'timeoutMs'> & {
  quirks?: Pick<ServerQuirks, 'seriesRetrieval'>;
};

/** Where a series can be retrieved at once, unless its server's quirks say to ask frame by frame. */
export function seriesLocationOf(
  service: SeriesService,
  studyInstanceUID: string,
  seriesInstanceUID: string,
): SeriesLocation | undefined {
  if (service.quirks?.seriesRetrieval === 'frames') return undefined;
  return { seriesUrl: service.urlOf({ studyInstanceUID, seriesInstanceUID }), serverUrl: service.url };
}

const numbers = (dataset: DicomJsonDataset, tag: string): number[] => (dataset[tag]?.Value ?? []).map(Number);

/**
 * Position along the slice normal (from Image Orientation/Position), in mm, for spatial ordering;
 * the normal of `reference` is used so that two series compare along one axis.
 */
export function slicePosition(dataset: DicomJsonDataset, reference: DicomJsonDataset = dataset): number | undefined {
  const orientation = numbers(reference, '00200037');
  const position = numbers(dataset, '00200032');
  if (orientation.length !== 6 || position.length !== 3) return undefined;
  const [r1, r2, r3, c1, c2, c3] = orientation;
  const normal = [r2 * c3 - r3 * c2, r3 * c1 - r1 * c3, r1 * c2 - r2 * c1];
  return normal[0] * position[0] + normal[1] * position[1] + normal[2] * position[2];
}

/** Spatial order where every instance has a position, else Instance Number. */
function order(datasets: DicomJsonDataset[]): DicomJsonDataset[] {
  const positions = datasets.map((d) => slicePosition(d));
  if (positions.every((p) => p !== undefined) && new Set(positions).size === positions.length) {
    return datasets
      .map((d, i) => ({ d, key: positions[i] as number }))
      .sort((a, b) => a.key - b.key)
      .map(({ d }) => d);
  }
  return [...datasets].sort((a, b) => (numberValue(a, '00200013') ?? 0) - (numberValue(b, '00200013') ?? 0));
}

const PALETTE_DATA_TAGS = ['00281201', '00281202', '00281203'];

/** Palette colour and VOI LUT Data elements of an image. */
const lookupTableElements = (dataset: DicomJsonDataset) => [
  ...PALETTE_DATA_TAGS.map((tag) => dataset[tag]),
  ...((dataset['00283010']?.Value ?? []) as DicomJsonDataset[]).map((item) => item['00283006']),
];

/**
 * Lookup tables (palette colour, VOI LUT) arrive as bulk data (fetched by `load`) or inline base64;
 * Cornerstone and the VOI LUT display read them from `Value`, so they are put there, as 16-bit
 * entries: for the archive's frames and a host's files alike.
 */
export async function inlineLookupTables(
  datasets: DicomJsonDataset[],
  load: (uri: string) => Promise<Uint8Array>,
): Promise<void> {
  const elements = datasets.flatMap(lookupTableElements).filter((e) => e && !e.Value);
  await Promise.all(
    elements.map(async (element) => {
      if (!element) return;
      const bytes = await binaryValue(element, load);
      const copy = bytes.slice();
      element.Value = Array.from(new Uint16Array(copy.buffer, 0, Math.floor(copy.byteLength / 2)));
    }),
  );
}

/** The frames of a series from its WADO-RS metadata, ordered for scrolling; SUV factors for PET. */
export async function loadSeriesStack(
  service: SeriesService,
  studyInstanceUID: string,
  seriesInstanceUID: string,
  options: RequestOptions & { reauthorize?: FrameSource['reauthorize'] } = {},
): Promise<SeriesStack> {
  const metadata = await service.retrieveSeriesMetadata(studyInstanceUID, seriesInstanceUID, {
    signal: options.signal,
  });
  const withPixels = metadata.filter((d) => d['7FE00010'] || numberValue(d, '00280010'));
  if (withPixels.length === 0) throw new DicomWebError('unsupported', 200, service.url, 'the series has no images');
  // An instance the metadata gives no SOP Instance UID cannot be asked for: the answer is unusable.
  const images = order(withPixels.filter((d) => stringValue(d, '00080018')));
  if (images.length === 0)
    throw new DicomWebError('bad-response', 200, service.url, 'the series metadata names no SOP Instance UID');
  await inlineLookupTables(images, (uri) => loadBulkData(uri, service.auth, service.timeoutMs));
  const suv = images.every((d) => stringValue(d, '00080060') === 'PT') ? await suvScaling(images) : undefined;
  const sources = new Map<string, FrameSource>();
  const frames = images.flatMap((dataset, index) => {
    const sopInstanceUID = stringValue(dataset, '00080018') ?? '';
    // A frame count the metadata cannot mean (0, negative, billions) is not laid out: its one image
    // fails its checks when shown, as damaged data, instead of the page allocating billions of frames.
    const declared = numberValue(dataset, '00280008') ?? 1;
    const count = Number.isInteger(declared) && declared >= 1 && declared <= MAX_FRAMES ? declared : 1;
    // One source per instance: a fallback to the default syntax learnt on one frame serves them all.
    const source = frameSourceFor(
      stringValue(dataset, '00020010'),
      service.auth,
      service.timeoutMs,
      options.reauthorize,
    );
    return Array.from({ length: count }, (_, i) => {
      const imageId = frameImageId(
        service.urlOf({ studyInstanceUID, seriesInstanceUID, sopInstanceUID, frame: i + 1 }),
      );
      sources.set(imageId, source);
      return {
        imageId,
        sopInstanceUID,
        frame: i + 1,
        metadata: dataset,
        ...(suv && 'factors' in suv ? { suvbw: suv.factors[index] } : {}),
      };
    });
  });
  return { frames, sources, ...(suv && 'unavailable' in suv ? { suvUnavailable: suv.unavailable } : {}) };
}
