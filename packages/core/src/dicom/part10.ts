// DICOM Part 10 files written and read with dcmjs, imported on first use so that elements which
// never write DICOM do not download it.
import { personNameValue, stringValue, type DicomJsonDataset } from './json.js';

/** A data set keyed by DICOM keyword, as dcmjs naturalizes it. */
export type NaturalizedDataset = Record<string, unknown>;

const IMPLEMENTATION_CLASS_UID = '2.25.271828182845904523536028747135266250';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** A fresh UID under the 2.25 (UUID) root. */
export const newUid = (): string => `2.25.${BigInt(`0x${crypto.randomUUID().replaceAll('-', '')}`).toString()}`;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** DICOM DA and TM of a local time. */
export const dicomDate = (d: Date): string => `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
export const dicomTime = (d: Date): string => `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;

/** A naturalized data set as a Part 10 file (explicit VR little endian). */
export async function writePart10(dataset: NaturalizedDataset): Promise<ArrayBuffer> {
  const { default: dcmjs } = await import('dcmjs');
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return dict.write();
}

/** The naturalized data set of a Part 10 file. */
export async function readPart10(file: ArrayBuffer): Promise<NaturalizedDataset> {
  const { default: dcmjs } = await import('dcmjs');
  const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
  return DicomMetaDictionary.naturalizeDataset(DicomMessage.readFile(file).dict);
}

/**
 * The Patient and General Study modules of an image's metadata, naturalized, for a document about
 * that study (an SR) to carry the same identity.
 */
export function studyIdentityOf(metadata: DicomJsonDataset): NaturalizedDataset {
  const text = (tag: string) => stringValue(metadata, tag) ?? '';
  const issuer = stringValue(metadata, '00100021');
  return {
    PatientName: personNameValue(metadata, '00100010')?.Alphabetic ?? '',
    PatientID: text('00100020'),
    ...(issuer ? { IssuerOfPatientID: issuer } : {}),
    PatientBirthDate: text('00100030'),
    PatientSex: text('00100040'),
    StudyInstanceUID: text('0020000D'),
    StudyDate: text('00080020'),
    StudyTime: text('00080030'),
    StudyID: text('00200010'),
    AccessionNumber: text('00080050'),
    ReferringPhysicianName: personNameValue(metadata, '00080090')?.Alphabetic ?? '',
  };
}
