// Stand-in archives for the design states of the elements (Storybook has no server in its static
// build). Results are DICOM JSON mapped by the real `toStudy`, like a server answer would be.
import { DicomWebError, toStudy, type DicomJsonDataset, type Study } from '@telerad/core';
import type { StudySearchService } from '@telerad/study-browser';

const pn = (alphabetic: string, ideographic?: string) => ({ vr: 'PN', Value: [{ Alphabetic: alphabetic, ...(ideographic ? { Ideographic: ideographic } : {}) }] });
const text = (vr: string, value: string | number) => ({ vr, Value: [value] });

function studyJson(i: number, name: ReturnType<typeof pn> | undefined, description: string, modalities: string[], date: string): DicomJsonDataset {
  return {
    '0020000D': text('UI', `2.25.${1000 + i}`),
    '00100010': name,
    '00100020': text('LO', `MRN-${4400 + i}`),
    '00100030': text('DA', '19640212'),
    '00100040': text('CS', i % 2 ? 'F' : 'M'),
    '00080050': i === 3 ? undefined : text('SH', `ACC-${7700 + i}`),
    '00080020': text('DA', date),
    '00080030': text('TM', `${String(8 + i).padStart(2, '0')}1500`),
    '00080061': { vr: 'CS', Value: modalities },
    '00081030': text('LO', description),
    '00201206': text('IS', 2 + (i % 3)),
    '00201208': text('IS', 40 * (i + 1)),
  };
}

/** A worklist showing the awkward cases: accents, ideographic names, no name, hostile markup. */
export const SAMPLE_STUDIES: Study[] = [
  studyJson(0, pn('Müller^Jürgen'), 'CT HEAD WO CONTRAST', ['CT'], '20261130'),
  studyJson(1, pn('Yamada^Tarou', '山田^太郎'), 'PET CT WHOLE BODY FDG', ['CT', 'PT'], '20261129'),
  studyJson(2, pn('<img src=x onerror=alert(1)>^Evil'), '<b>not bold</b>', ['DX'], '20261128'),
  studyJson(3, undefined, 'US ABDOMEN LIMITED', ['US'], '20261127'),
  studyJson(4, pn("O'Brien-Okafor^Mary Ann"), 'MR BRAIN WO CONTRAST', ['MR'], '20250311'),
].map(toStudy);

/** Answers every search with `studies` after `delayMs`. */
export function staticArchive(studies: Study[], delayMs = 150): StudySearchService {
  return {
    async searchStudies() {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return studies;
    },
  };
}

/** Never answers: the loading state. */
export const silentArchive: StudySearchService = { searchStudies: () => new Promise<Study[]>(() => undefined) };

/** Always fails with `error`. */
export const failingArchive = (error: DicomWebError): StudySearchService => ({
  searchStudies: async () => {
    throw error;
  },
});
