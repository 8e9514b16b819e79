// Writes naturalized datasets as DICOM Part 10 files (explicit VR little endian) with dcmjs.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import dcmjs from 'dcmjs';

const { DicomMetaDictionary, DicomDict } = dcmjs.data;

export const TRANSFER_SYNTAX = {
  explicitLittle: '1.2.840.10008.1.2.1',
  implicitLittle: '1.2.840.10008.1.2',
  explicitBig: '1.2.840.10008.1.2.2',
  deflate: '1.2.840.10008.1.2.1.99',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  jpegExtended: '1.2.840.10008.1.2.4.51',
  jpegLossless: '1.2.840.10008.1.2.4.57',
  jpegLosslessSV1: '1.2.840.10008.1.2.4.70',
  jpegLsLossless: '1.2.840.10008.1.2.4.80',
  jpegLsNearLossless: '1.2.840.10008.1.2.4.81',
  jpeg2000Lossless: '1.2.840.10008.1.2.4.90',
  jpeg2000: '1.2.840.10008.1.2.4.91',
  rle: '1.2.840.10008.1.2.5',
};

const IMPLEMENTATION_CLASS_UID = '2.25.271828182845904523536028747135266249';

/** A fresh UID under the 2.25 (UUID-derived) root, so no public file's UID is ever reused. */
export function newUid() {
  return `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`).toString()}`;
}

/** A naturalized data set as the bytes of a DICOM Part 10 file (explicit VR little endian). */
export function part10(dataset) {
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: TRANSFER_SYNTAX.explicitLittle,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: 'TELERAD_CORPUS',
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  // `_raw`: elements already in DICOM JSON form (repeating groups such as overlays, 60xx).
  const { _raw, ...naturalized } = dataset;
  dict.dict = { ...DicomMetaDictionary.denaturalizeDataset(naturalized), ..._raw };
  return Buffer.from(dict.write());
}

export function writeDicom(path, dataset) {
  writeFileSync(path, part10(dataset));
}
