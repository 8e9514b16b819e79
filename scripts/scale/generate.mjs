// Fills an archive with a teleradiology group's worklist (issue 19): 20,000 studies over 5,000
// patients and 40 facilities, a realistic modality mix, dates over the last two years, priorities,
// and 2,000 studies with reports in each state (preliminary, final, amended), stored over STOW-RS.
// Instances are small (16 × 16 pixels): the archive's index and the worklist are what is measured.
// Deterministic for a seed, apart from UIDs and the dates (relative to today).
import { createHash } from 'node:crypto';
import { newUid, part10 } from '../corpus/dicom-writer.mjs';
import { reportDataset } from '../corpus/reports.mjs';

const CITIES = ['Aberdeen', 'Bergen', 'Calgary', 'Dundee', 'Eugene', 'Fresno', 'Galway', 'Halifax', 'Innsbruck', 'Jena'];
const KINDS = ['Community Hospital', 'Urgent Care', 'Imaging Centre', 'Medical Center'];
/** The 40 facilities: ten cities, four kinds of site each. */
export const FACILITIES = CITIES.flatMap((city) => KINDS.map((kind) => `${city} ${kind}`));
const FAMILY = ['Smith', 'Jones', 'Brown', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Moore', 'Taylor', 'Clark', 'Hall', 'Young'];
const GIVEN = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Grace', 'Hugo', 'Iris', 'Jonas', 'Kate', 'Liam'];
/** Modality, share of studies, SOP Class, description. */
const MODALITIES = [
  ['CT', 0.3, '1.2.840.10008.5.1.4.1.1.2', 'CT head without contrast'],
  ['MR', 0.18, '1.2.840.10008.5.1.4.1.1.4', 'MR brain'],
  ['CR', 0.15, '1.2.840.10008.5.1.4.1.1.1', 'Chest two views'],
  ['DX', 0.15, '1.2.840.10008.5.1.4.1.1.1.1', 'Wrist three views'],
  ['US', 0.12, '1.2.840.10008.5.1.4.1.1.6.1', 'US abdomen'],
  ['MG', 0.06, '1.2.840.10008.5.1.4.1.1.1.2', 'Screening mammogram'],
  ['PT', 0.04, '1.2.840.10008.5.1.4.1.1.128', 'PET/CT whole body'],
];
const PRIORITIES = [
  ['STAT', 0.05],
  ['HIGH', 0.15],
  ['ROUTINE', 0.8],
];
export const REPORT_STATES = ['preliminary', 'final', 'amended'];

/** A seeded generator of numbers in [0, 1): SHA-256 of the seed and a counter. */
function random(seed) {
  let count = 0;
  return () => createHash('sha256').update(`${seed}:${count++}`).digest().readUInt32BE(0) / 2 ** 32;
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const weighted = (rnd, table) => {
  let r = rnd();
  for (const row of table) if ((r -= row[1]) < 0) return row;
  return table.at(-1);
};
const pad = (n, width) => String(n).padStart(width, '0');
const dicomDate = (d) => `${d.getFullYear()}${pad(d.getMonth() + 1, 2)}${pad(d.getDate(), 2)}`;
const dicomTime = (d) => `${pad(d.getHours(), 2)}${pad(d.getMinutes(), 2)}${pad(d.getSeconds(), 2)}`;

/** The plan: patients and studies (what each study is, and its reports), without any bytes. */
export function scalePlan({ studies = 20_000, patients = 5_000, reportedPerState = 2_000, seed = 19, now = Date.now() } = {}) {
  const rnd = random(seed);
  const people = Array.from({ length: patients }, (_, i) => ({
    id: `SC-${pad(i + 1, 5)}`,
    name: `${pick(rnd, FAMILY)}^${pick(rnd, GIVEN)}`,
    birthDate: `19${30 + Math.floor(rnd() * 70)}${pad(1 + Math.floor(rnd() * 12), 2)}${pad(1 + Math.floor(rnd() * 28), 2)}`,
    sex: rnd() < 0.5 ? 'F' : 'M',
    // A patient is seen at one or two facilities.
    facilities: [pick(rnd, FACILITIES), pick(rnd, FACILITIES)],
  }));
  const plan = Array.from({ length: studies }, (_, i) => {
    const patient = people[i < patients ? i : Math.floor(rnd() * patients)];
    const [modality, , sopClass, description] = weighted(rnd, MODALITIES);
    const at = new Date(now - Math.floor(rnd() * 730 * 86_400_000));
    return {
      uid: newUid(),
      patient,
      facility: rnd() < 0.8 ? patient.facilities[0] : patient.facilities[1],
      modality,
      sopClass,
      description,
      date: dicomDate(at),
      time: dicomTime(at),
      accession: `ACC${pad(i + 1, 7)}`,
      priority: weighted(rnd, PRIORITIES)[0],
      report: undefined,
    };
  });
  // Reports on distinct studies, each state on its own `reportedPerState` of them.
  const order = plan.map((_, i) => i).sort(() => rnd() - 0.5);
  REPORT_STATES.forEach((state, s) => {
    for (const index of order.slice(s * reportedPerState, (s + 1) * reportedPerState)) plan[index].report = state;
  });
  return { patients: people, studies: plan };
}

function identityOf(study) {
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    PatientName: study.patient.name,
    PatientID: study.patient.id,
    IssuerOfPatientID: 'TELERAD-GROUP',
    PatientBirthDate: study.patient.birthDate,
    PatientSex: study.patient.sex,
    StudyInstanceUID: study.uid,
    StudyDate: study.date,
    StudyTime: study.time,
    AccessionNumber: study.accession,
    StudyDescription: study.description,
    ReferringPhysicianName: 'Referrer^Rita',
    StudyID: study.accession.slice(-8),
    InstitutionName: study.facility,
    RequestedProcedurePriority: study.priority,
  };
}

/** The study's image: one 16 × 16 slice of its modality. */
function imageOf(study) {
  return {
    ...identityOf(study),
    SOPClassUID: study.sopClass,
    SOPInstanceUID: newUid(),
    Modality: study.modality,
    SeriesInstanceUID: newUid(),
    SeriesNumber: 1,
    SeriesDescription: study.description,
    InstanceNumber: 1,
    Manufacturer: 'Telerad Scale Generator',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: 16,
    Columns: 16,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    PixelSpacing: [1, 1],
    WindowCenter: 2048,
    WindowWidth: 4096,
    PixelData: new Uint16Array(256).map((_, i) => (i * 16) % 4096).buffer,
    _vrMap: { PixelData: 'OW' },
  };
}

/** The study's report documents (TID 2000): a preliminary, a final, or a final and its addendum. */
function reportsOf(study) {
  const identity = identityOf(study);
  const signedAt = `${study.date}${study.time}`;
  const common = { identity, reader: 'Reader^Rosa', signedAt, findings: 'No acute findings.', impression: 'Normal study.' };
  if (study.report === 'preliminary') return [reportDataset({ ...common, seriesUid: newUid(), seriesNumber: 900, status: 'preliminary' })];
  const final = reportDataset({ ...common, seriesUid: newUid(), seriesNumber: 900, status: 'final' });
  if (study.report === 'final') return [final];
  const predecessor = { seriesInstanceUID: final.SeriesInstanceUID, sopInstanceUID: final.SOPInstanceUID };
  return [final, reportDataset({ ...common, seriesUid: newUid(), seriesNumber: 901, status: 'final', predecessor })];
}

/** The Part 10 files of one study: its image, then its reports. */
export function studyFiles(study) {
  return [imageOf(study), ...(study.report ? reportsOf(study) : [])].map(part10);
}

/** One STOW-RS request storing `files`; rejects unless every instance is stored. */
async function store(dicomWebUrl, files) {
  const boundary = `telerad-${newUid().slice(5, 25)}`;
  const parts = files.flatMap((file) => [Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), file, Buffer.from('\r\n')]);
  const body = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  const response = await fetch(`${dicomWebUrl}/studies`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`, Accept: 'application/dicom+json' },
    body,
  });
  const answer = await response.json().catch(() => ({}));
  const failed = answer['00081198']?.Value ?? [];
  if (!response.ok || failed.length)
    throw new Error(`STOW-RS refused ${failed.length || 'the'} instances (HTTP ${response.status})`);
}

/**
 * Stores the plan's studies, `batch` files per request and `parallel` requests at once;
 * `progress(stored, total)` after each request. Resolves to { instances, seconds }.
 */
export async function storePlan(dicomWebUrl, plan, { batch = 100, parallel = 4, progress = () => {} } = {}) {
  const started = Date.now();
  let next = 0;
  let instances = 0;
  let studiesDone = 0;
  const worker = async () => {
    while (next < plan.studies.length) {
      const chunk = [];
      let studies = 0;
      while (next < plan.studies.length && chunk.length < batch) {
        chunk.push(...studyFiles(plan.studies[next++]));
        studies++;
      }
      await store(dicomWebUrl, chunk);
      instances += chunk.length;
      studiesDone += studies;
      progress(studiesDone, plan.studies.length);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { instances, seconds: (Date.now() - started) / 1000 };
}
