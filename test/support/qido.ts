// The study as a worklist lists it: the QIDO-RS study-level answer with every attribute the
// worklist asks for, without what a new document rightly changes (counts, modalities in study).
import type { DicomJsonDataset } from '@telerad/core';

/** The worklist's `includefield` list (packages/core/src/dicomweb/query.ts) and more study-level attributes. */
const INCLUDE = ['00081030', '00100021', '00401003', '00080080', '00321060', '00101010', '00081032', '00080051', '00100030', '00100040'];
const CHANGED_BY_A_DOCUMENT = ['00080061', '00201206', '00201208', '00081190'];

export async function studyAsListed(studyInstanceUID: string): Promise<DicomJsonDataset> {
  const url = `/dicom-web/studies?StudyInstanceUID=${studyInstanceUID}&includefield=${INCLUDE.join(',')}`;
  const [study] = (await (await fetch(url)).json()) as DicomJsonDataset[];
  return Object.fromEntries(Object.entries(study).filter(([tag]) => !CHANGED_BY_A_DOCUMENT.includes(tag)));
}
