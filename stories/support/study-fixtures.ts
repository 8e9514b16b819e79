// Stand-in archives for the design states of the elements (Storybook has no server in its static
// build). Results are DICOM JSON mapped by the real `toStudy`/`toSeries`, like a server answer.
import { DicomWebError, toSeries, toStudy, type DicomJsonDataset, type ReportDocument, type Series, type Study } from '@telerad/core';
import type { StudySearchService } from '@telerad/study-browser';

const pn = (alphabetic: string, ideographic?: string) => ({ vr: 'PN', Value: [{ Alphabetic: alphabetic, ...(ideographic ? { Ideographic: ideographic } : {}) }] });
const text = (vr: string, value: string | number) => ({ vr, Value: [value] });

/** A fixed evening on a teleradiology night shift: the clock of every story. */
export const STORY_NOW = new Date(2026, 10, 30, 2, 30).getTime();

const pad = (n: number) => String(n).padStart(2, '0');
const minutesBefore = (minutes: number) => {
  const d = new Date(STORY_NOW - minutes * 60_000);
  return { date: `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`, time: `${pad(d.getHours())}${pad(d.getMinutes())}00` };
};

interface SampleStudy {
  name?: ReturnType<typeof pn>;
  patientId: string;
  description: string;
  modalities: string[];
  minutesAgo: number;
  priority?: string;
}

/** The facilities the sample studies come from, in turn. */
export const SAMPLE_FACILITIES = ['Community Hospital', 'Telerad Test Imaging Centre', 'Riverside Urgent Care'];

function studyJson(i: number, s: SampleStudy): DicomJsonDataset {
  const { date, time } = minutesBefore(s.minutesAgo);
  return {
    '0020000D': text('UI', `2.25.${1000 + i}`),
    '00100010': s.name,
    '00100020': text('LO', s.patientId),
    '00100030': text('DA', '19640212'),
    '00100040': text('CS', i % 2 ? 'F' : 'M'),
    '00080050': i === 3 ? undefined : text('SH', `ACC-${7700 + i}`),
    '00080020': text('DA', date),
    '00080030': text('TM', time),
    '00080061': { vr: 'CS', Value: s.modalities },
    '00081030': text('LO', s.description),
    '00201206': text('IS', 2 + (i % 3)),
    '00201208': text('IS', 40 * (i + 1)),
    '00401003': s.priority ? text('SH', s.priority) : undefined,
    '00080080': text('LO', SAMPLE_FACILITIES[i % SAMPLE_FACILITIES.length]),
  };
}

/** A night worklist with the awkward cases: accents, ideographic names, no name, hostile markup. */
export const SAMPLE_STUDIES: Study[] = (
  [
    { name: pn('Müller^Jürgen'), patientId: 'MRN-4400', description: 'CT HEAD WO CONTRAST', modalities: ['CT'], minutesAgo: 42, priority: 'STAT' },
    { name: pn('Yamada^Tarou', '山田^太郎'), patientId: 'MRN-4401', description: 'PET CT WHOLE BODY FDG', modalities: ['CT', 'PT'], minutesAgo: 95, priority: 'HIGH' },
    { name: pn('<img src=x onerror=alert(1)>^Evil'), patientId: 'MRN-4402', description: '<b>not bold</b>', modalities: ['DX'], minutesAgo: 300 },
    { patientId: 'MRN-4403', description: 'US ABDOMEN LIMITED', modalities: ['US'], minutesAgo: 12, priority: 'STAT' },
    { name: pn("O'Brien-Okafor^Mary Ann"), patientId: 'MRN-4404', description: 'MR BRAIN WO CONTRAST', modalities: ['MR'], minutesAgo: 2000 },
    { name: pn('Müller^Jürgen'), patientId: 'MRN-4400', description: 'CT HEAD PRIOR', modalities: ['CT'], minutesAgo: 400_000 },
  ] satisfies SampleStudy[]
).map((s, i) => toStudy(studyJson(i, s)));

/** A report signed `minutesAgo` before the story clock. */
const report = (study: Study, preliminaryFlag: 'PRELIMINARY' | 'FINAL', minutesAgo: number): ReportDocument => ({
  studyInstanceUID: study.studyInstanceUID,
  seriesInstanceUID: `${study.studyInstanceUID}.9`,
  sopInstanceUID: `${study.studyInstanceUID}.9.1`,
  title: { value: '18748-4', scheme: 'LN', meaning: 'Diagnostic Imaging Report' },
  completionFlag: 'COMPLETE',
  verificationFlag: preliminaryFlag === 'FINAL' ? 'VERIFIED' : 'UNVERIFIED',
  preliminaryFlag,
  contentDateTime: (({ date, time }) => `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}T${time.slice(0, 2)}:${time.slice(2, 4)}:00`)(minutesBefore(minutesAgo)),
  predecessorUIDs: [],
});

/** Reports of the sample worklist: the US has a preliminary read, the MR a final one. */
export const SAMPLE_REPORTS: ReportDocument[] = [report(SAMPLE_STUDIES[3], 'PRELIMINARY', 2), report(SAMPLE_STUDIES[4], 'FINAL', 1500)];

/** Three series per study. */
function sampleSeries(study: Study): Series[] {
  return ['Scout', 'Axial 5 mm', 'Coronal MPR'].map((description, i) =>
    toSeries({
      '0020000D': text('UI', study.studyInstanceUID),
      '0020000E': text('UI', `${study.studyInstanceUID}.${i + 1}`),
      '00080060': text('CS', study.modalities[0] ?? 'OT'),
      '00200011': text('IS', i + 1),
      '0008103E': text('LO', description),
      '00201209': text('IS', [2, 48, 64][i]),
    }),
  );
}

/** A grey ramp with a bright disc: a stand-in rendered image. */
async function renderedImage(size: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  const gradient = context.createLinearGradient(0, 0, size, size);
  gradient.addColorStop(0, '#111');
  gradient.addColorStop(1, '#777');
  context.fillStyle = gradient;
  context.fillRect(0, 0, size, size);
  context.fillStyle = '#eee';
  context.beginPath();
  context.arc(size / 2, size / 2, size / 4, 0, Math.PI * 2);
  context.fill();
  return canvas.convertToBlob({ type: 'image/jpeg' });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An in-memory archive answering like a server would, after `delayMs`. */
export function staticArchive(studies: Study[], { delayMs = 150, reports = SAMPLE_REPORTS }: { delayMs?: number; reports?: ReportDocument[] } = {}): StudySearchService {
  return {
    async searchStudies(query) {
      await delay(delayMs);
      return studies.filter((s) => !query?.patientId || s.patientId === query.patientId);
    },
    async searchStudiesPage(query, page) {
      await delay(delayMs);
      const offset = page.offset ?? 0;
      // The facility matched as a server would (a prefix, any case); other filters are the stories' to show.
      const prefix = query.institution?.toLowerCase();
      const matched = prefix ? studies.filter((s) => s.institution?.toLowerCase().startsWith(prefix)) : studies;
      return { items: matched.slice(offset, offset + page.limit), offset, hasMore: matched.length > offset + page.limit };
    },
    async searchReportDocuments(uids) {
      return reports.filter((r) => uids.includes(r.studyInstanceUID));
    },
    async searchSeries(uid) {
      await delay(delayMs);
      const study = studies.find((s) => s.studyInstanceUID === uid);
      return study ? sampleSeries(study) : [];
    },
    async searchInstances(studyInstanceUID, seriesInstanceUID) {
      return [{ studyInstanceUID, seriesInstanceUID, sopInstanceUID: `${seriesInstanceUID}.1` }];
    },
    retrieveRenderedInstance: (_instance, size) => renderedImage(size),
  };
}

/** `count` generated studies, for the long-worklist story. */
export function manyStudies(count: number): Study[] {
  const modalities = ['CT', 'MR', 'DX', 'US', 'PT'];
  return Array.from({ length: count }, (_, i) =>
    toStudy(
      studyJson(100 + i, {
        name: pn(`Patient${String(i).padStart(3, '0')}^Test`),
        patientId: `MRN-${9000 + i}`,
        description: `${modalities[i % 5]} STUDY ${i}`,
        modalities: [modalities[i % 5]],
        minutesAgo: 7 * i,
        priority: i % 17 === 0 ? 'STAT' : i % 5 === 0 ? 'HIGH' : undefined,
      }),
    ),
  );
}

const never = () => new Promise<never>(() => undefined);

/** Never answers: the loading state. */
export const silentArchive: StudySearchService = {
  ...staticArchive([]),
  searchStudiesPage: never,
};

/** Fails every search with `error`. */
export const failingArchive = (error: DicomWebError): StudySearchService => ({
  ...staticArchive([]),
  searchStudiesPage: async () => {
    throw error;
  },
});
