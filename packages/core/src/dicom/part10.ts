// DICOM Part 10 files written and read with dcmjs, imported on first use so that elements which
// never write DICOM do not download it.
import { ViewerError } from '../dicomweb/errors.js';
import type { DicomJsonDataset } from './json.js';

/**
 * dcmjs, loaded once. A module that does not load (a host bundle's chunk refused by its CSP, a
 * network error) is the viewer's failure, never the archive's.
 */
const loadDcmjs = async () => {
  try {
    return (await import('dcmjs')).default;
  } catch (error) {
    throw ViewerError.client(error);
  }
};

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
  const dcmjs = await loadDcmjs();
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
  const dcmjs = await loadDcmjs();
  const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
  return DicomMetaDictionary.naturalizeDataset(DicomMessage.readFile(file).dict);
}

/**
 * The attributes a document about a study must carry exactly as the study's images have them: the
 * Patient module (PS3.3 C.7.1.1), General Study (C.7.2.1), Patient Study (C.7.2.2) and the request
 * attributes a worklist shows. An archive may answer study-level queries from any instance of the
 * study, the SR included, so an attribute left out here disappears from the worklist.
 */
const STUDY_LEVEL_TAGS = [
  // Patient
  '00100010',
  '00100020',
  '00100021',
  '00100022',
  '00100024',
  '00100030',
  '00100032',
  '00100040',
  '00101000',
  '00101001',
  '00101002',
  '00102160',
  '00104000',
  '00102201',
  '00102292',
  '00102297',
  '00102298',
  '00120062',
  '00120063',
  '00081120',
  // General Study
  '0020000D',
  '00080020',
  '00080030',
  '00080090',
  '00080096',
  '0008009C',
  '0008009D',
  '00200010',
  '00080050',
  '00080051',
  '00081030',
  '00081048',
  '00081049',
  '00081060',
  '00081062',
  '00081110',
  '00081032',
  '00401012',
  '00321034',
  // Patient Study
  '00081080',
  '00081084',
  '00101010',
  '00101020',
  '00101030',
  '00102000',
  '00102110',
  '001021A0',
  '001021B0',
  '001021C0',
  '00380010',
  '00380060',
  '00380062',
  // Request attributes and the institution the study belongs to
  '00401003',
  '0032000C',
  '00321060',
  '00321032',
  '00321033',
  '00080080',
] as const;

/**
 * The study-level attributes of an image's metadata (see `STUDY_LEVEL_TAGS`), naturalized, for a
 * document about that study (an SR) to carry the same identity, values as they are (a person
 * name keeps its ideographic and phonetic groups, a sequence its items).
 */
export async function studyIdentityOf(metadata: DicomJsonDataset): Promise<NaturalizedDataset> {
  const dcmjs = await loadDcmjs();
  const present = STUDY_LEVEL_TAGS.filter((tag) => metadata[tag]?.Value?.length);
  const identity = dcmjs.data.DicomMetaDictionary.naturalizeDataset(
    Object.fromEntries(present.map((tag) => [tag, metadata[tag]])),
  );
  delete identity._vrMap;
  return identity;
}
