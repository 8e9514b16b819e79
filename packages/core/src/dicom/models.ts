import { parseDicomDate, parseDicomTime } from './date-time.js';
import { numberValue, personNameValue, stringValue, stringValues, type DicomJsonDataset } from './json.js';
import { parsePersonName, type PersonName } from './person-name.js';
import { Tag } from './tags.js';

/** A study as a worklist shows it; mapped once from a QIDO-RS study result. */
export interface Study {
  studyInstanceUID: string;
  patientName?: PersonName;
  patientId?: string;
  issuerOfPatientId?: string;
  /** ISO date "YYYY-MM-DD". */
  patientBirthDate?: string;
  /** M, F or O as stored. */
  patientSex?: string;
  accessionNumber?: string;
  /** ISO date "YYYY-MM-DD", local to the acquiring site. */
  studyDate?: string;
  /** "HH:MM:SS", local to the acquiring site. */
  studyTime?: string;
  studyId?: string;
  description?: string;
  referringPhysician?: PersonName;
  modalities: string[];
  seriesCount?: number;
  instanceCount?: number;
  /** Requested Procedure Priority (STAT, HIGH, ROUTINE, MEDIUM, LOW) or the retired Study Priority ID. */
  priority?: string;
  /** Institution Name: the facility that acquired the study (a teleradiology group's contract). */
  institution?: string;
}

export interface Series {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  modality?: string;
  seriesNumber?: number;
  description?: string;
  seriesDate?: string;
  seriesTime?: string;
  instanceCount?: number;
}

export interface Instance {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  sopClassUID?: string;
  instanceNumber?: number;
  rows?: number;
  columns?: number;
  numberOfFrames?: number;
}

function required(dataset: DicomJsonDataset, tag: string, what: string): string {
  const value = stringValue(dataset, tag);
  if (!value) throw new TypeError(`DICOM JSON ${what} result has no ${tag}`);
  return value;
}

export function toStudy(dataset: DicomJsonDataset): Study {
  return {
    studyInstanceUID: required(dataset, Tag.StudyInstanceUID, 'study'),
    patientName: parsePersonName(personNameValue(dataset, Tag.PatientName)),
    patientId: stringValue(dataset, Tag.PatientID),
    issuerOfPatientId: stringValue(dataset, Tag.IssuerOfPatientID),
    patientBirthDate: parseDicomDate(stringValue(dataset, Tag.PatientBirthDate)),
    patientSex: stringValue(dataset, Tag.PatientSex),
    accessionNumber: stringValue(dataset, Tag.AccessionNumber),
    studyDate: parseDicomDate(stringValue(dataset, Tag.StudyDate)),
    studyTime: parseDicomTime(stringValue(dataset, Tag.StudyTime)),
    studyId: stringValue(dataset, Tag.StudyID),
    description: stringValue(dataset, Tag.StudyDescription),
    referringPhysician: parsePersonName(personNameValue(dataset, Tag.ReferringPhysicianName)),
    // Some servers send ModalitiesInStudy as one backslash-joined string.
    modalities: stringValues(dataset, Tag.ModalitiesInStudy).flatMap((m) => m.split('\\')),
    seriesCount: numberValue(dataset, Tag.NumberOfStudyRelatedSeries),
    instanceCount: numberValue(dataset, Tag.NumberOfStudyRelatedInstances),
    priority: stringValue(dataset, Tag.RequestedProcedurePriority) ?? stringValue(dataset, Tag.StudyPriorityID),
    institution: stringValue(dataset, Tag.InstitutionName),
  };
}

/** When a study was acquired, as text that sorts: date, then time (empty without a date). */
const acquired = (study: Study) => (study.studyDate ? `${study.studyDate} ${study.studyTime ?? ''}` : '');

/**
 * Orders studies newest first: by Study Date, then Study Time (a study without a time after the
 * timed ones of its day, one without a date after every dated one), then by Study Instance UID, so
 * that the order is total: a worklist's sort, a merge of answers and a prior's choice agree.
 */
export function newestFirst(a: Study, b: Study): number {
  const [first, second] = [acquired(b), acquired(a)];
  if (first !== second) return first < second ? -1 : 1;
  return a.studyInstanceUID < b.studyInstanceUID ? -1 : a.studyInstanceUID > b.studyInstanceUID ? 1 : 0;
}

export function toSeries(dataset: DicomJsonDataset): Series {
  return {
    studyInstanceUID: required(dataset, Tag.StudyInstanceUID, 'series'),
    seriesInstanceUID: required(dataset, Tag.SeriesInstanceUID, 'series'),
    modality: stringValue(dataset, Tag.Modality),
    seriesNumber: numberValue(dataset, Tag.SeriesNumber),
    description: stringValue(dataset, Tag.SeriesDescription),
    seriesDate: parseDicomDate(stringValue(dataset, Tag.SeriesDate)),
    seriesTime: parseDicomTime(stringValue(dataset, Tag.SeriesTime)),
    instanceCount: numberValue(dataset, Tag.NumberOfSeriesRelatedInstances),
  };
}

export function toInstance(dataset: DicomJsonDataset): Instance {
  return {
    studyInstanceUID: required(dataset, Tag.StudyInstanceUID, 'instance'),
    seriesInstanceUID: required(dataset, Tag.SeriesInstanceUID, 'instance'),
    sopInstanceUID: required(dataset, Tag.SOPInstanceUID, 'instance'),
    sopClassUID: stringValue(dataset, Tag.SOPClassUID),
    instanceNumber: numberValue(dataset, Tag.InstanceNumber),
    rows: numberValue(dataset, Tag.Rows),
    columns: numberValue(dataset, Tag.Columns),
    numberOfFrames: numberValue(dataset, Tag.NumberOfFrames),
  };
}
