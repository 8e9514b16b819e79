// A seeded mutator of what a WADO-RS archive sends for one instance: its DICOM JSON metadata and
// the bytes of its frame, with the transfer syntax the frame is labelled with. Each mutant is
// reproducible from (source instance, recipe, seed).
import type { DicomJsonDataset } from '@telerad/core';
import { pick, random, RECIPES } from './mutate.js';

export interface WadoInstance {
  metadata: DicomJsonDataset;
  frame: Uint8Array;
  transferSyntax: string;
}

type Recipe = (instance: WadoInstance, next: () => number) => WadoInstance;

const SIZES = [0, 1, 65535, 32768, 4097, -5, 'x', null];
const BITS = [0, 1, 3, 7, 12, 17, 24, 31, 32, 64, 255, 65535, -1, 'x'];
const SYNTAXES = ['1.2.840.10008.1.2', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.5', '1.2.840.10008.1.2.1.99', '1.2.3.4', ''];
const PHOTOMETRIC = ['PALETTE COLOR', 'YBR_FULL_422', 'YBR_FULL', 'RGB', 'MONOCHROME1', 'YBR_ICT', 'HSV', ''];
/** Attributes the viewport reads to lay out, scale and window an image. */
const READ = ['00280002', '00280004', '00280008', '00280010', '00280011', '00280100', '00280101', '00280102', '00280103', '00280030', '00281050', '00281051', '00281052', '00281053', '00200032', '00200037', '00080018', '00020010', '00280006'];
/** Values of the wrong kind for an attribute. */
const NONSENSE: unknown[] = [[], [null], [{}], ['x'], [1e308], [-1e308], 'not an array', [[1, 2]], [Number.NaN], Array.from({ length: 10_000 }, (_, i) => i)];

const set = (metadata: DicomJsonDataset, tag: string, vr: string, Value: unknown[]) => ({ ...metadata, [tag]: { vr, Value } }) as DicomJsonDataset;
const frameBytes = (recipe: string): Recipe => (instance, next) => {
  // The Part 10 recipes skip a 132-byte preamble: frames have none, so it is lent and taken back.
  const withPreamble = new Uint8Array(132 + instance.frame.length);
  withPreamble.set(instance.frame, 132);
  return { ...instance, frame: RECIPES[recipe](withPreamble, next).slice(132) };
};

export const WADO_RECIPES: Record<string, Recipe> = {
  'size': ({ metadata, ...rest }, next) => ({ ...rest, metadata: set(set(metadata, '00280010', 'US', [pick(next, SIZES)]), '00280011', 'US', [pick(next, SIZES)]) }),
  'frame count': ({ metadata, ...rest }, next) => ({ ...rest, metadata: set(metadata, '00280008', 'IS', [pick(next, ['0', '-1', '99999', 'x', '2147483647', 3])]) }),
  'bits': ({ metadata, ...rest }, next) => ({ ...rest, metadata: set(metadata, pick(next, ['00280100', '00280101', '00280102', '00280002', '00280103']), 'US', [pick(next, BITS)]) }),
  'photometric': ({ metadata, ...rest }, next) => ({ ...rest, metadata: set(metadata, '00280004', 'CS', [pick(next, PHOTOMETRIC)]) }),
  'frame syntax': (instance, next) => ({ ...instance, transferSyntax: pick(next, SYNTAXES) }),
  'stored syntax': ({ metadata, ...rest }, next) => ({ ...rest, metadata: set(metadata, '00020010', 'UI', [pick(next, SYNTAXES)]) }),
  'missing attribute': ({ metadata, ...rest }, next) => {
    const gone = pick(next, READ);
    return { ...rest, metadata: Object.fromEntries(Object.entries(metadata).filter(([tag]) => tag !== gone)) };
  },
  'wrong value': ({ metadata, ...rest }, next) => {
    const tag = pick(next, READ);
    return { ...rest, metadata: { ...metadata, [tag]: { vr: metadata[tag]?.vr ?? 'US', Value: pick(next, NONSENSE) } } as DicomJsonDataset };
  },
  'window and rescale': ({ metadata, ...rest }, next) => ({
    ...rest,
    metadata: set(metadata, pick(next, ['00281050', '00281051', '00281052', '00281053']), 'DS', [pick(next, [0, -1, 1e30, -1e30, 'x', '', null])]),
  }),
  'lookup tables': ({ metadata, ...rest }, next) => {
    const descriptor = [pick(next, [0, 1, 4096, 65535]), pick(next, [0, -1, 70000]), pick(next, [0, 8, 16, 99])];
    const table = pick(next, [[], [1, 2, 3], Array.from({ length: 70_000 }, () => 7)]);
    const palette = next() < 0.5;
    const changed = palette
      ? set(set(set(metadata, '00280004', 'CS', ['PALETTE COLOR']), '00281101', 'US', descriptor), '00281201', 'OW', table)
      : set(metadata, '00283010', 'SQ', [{ '00283002': { vr: 'US', Value: descriptor }, '00283006': { vr: 'US', Value: table } }]);
    return { ...rest, metadata: changed };
  },
  'frame byte flips': frameBytes('byte flips'),
  'frame truncation': frameBytes('truncation'),
  'frame garbage': (instance, next) => ({ ...instance, frame: Uint8Array.from({ length: pick(next, [0, 1, 2, 17, 4096, 100_000]) }, () => Math.floor(next() * 256)) }),
};

export const WADO_RECIPE_NAMES = Object.keys(WADO_RECIPES);

export function mutateWado(instance: WadoInstance, recipe: string, seed: number): WadoInstance {
  return WADO_RECIPES[recipe](structuredClone(instance), random(seed));
}
