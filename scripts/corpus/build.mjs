// Builds the DICOM corpus into .cache/corpus: synthetic phantoms (dcmjs), compressed variants
// (dcmtk, gdcm), re-UIDed public files (dcmtk's dcmodify), and manifest.json describing it all.
// Rebuilds only when the corpus scripts change.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newUid, TRANSFER_SYNTAX, writeDicom } from './dicom-writer.mjs';
import { HOSTILE_TEXT, PATIENTS, STUDIES } from './plan.mjs';
import { reportDataset } from './reports.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = join(ROOT, '.cache/corpus');
export const MANIFEST_PATH = join(CORPUS_DIR, 'manifest.json');

const CODEC_COMMANDS = {
  rle: (src, dst) => ['dcmcrle', [src, dst]],
  jpegLosslessSV1: (src, dst) => ['dcmcjpeg', ['+e1', '+un', src, dst]],
  jpegLsLossless: (src, dst) => ['dcmcjpls', ['+el', src, dst]],
  jpeg2000Lossless: (src, dst) => ['gdcmconv', ['--j2k', src, dst]],
  jpegBaseline: (src, dst) => ['dcmcjpeg', ['+eb', '+un', src, dst]],
};

const TS_NAMES = Object.fromEntries(Object.entries(TRANSFER_SYNTAX).map(([name, uid]) => [uid, name]));

/** A hash of the corpus scripts: files built from them are rebuilt when it changes. */
export function corpusScriptsHash() {
  const dir = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  // Every script of the folder: a new phantom module changes the corpus as much as the plan does.
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) hash.update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}

// stderr is dropped: dcmtk warns at length about quirks of real files (e.g. trailing bytes).
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 }).toString();

/** Reads selected attributes of a file with dcmdump (values as printed, brackets removed). */
function readAttributes(path, tags) {
  const out = run('dcmdump', ['-q', '-M', '-Un', '+L', ...tags.flatMap((t) => ['+P', t]), path]);
  const values = {};
  for (const line of out.split('\n')) {
    const match = /^\s*\(([0-9a-f]{4},[0-9a-f]{4})\) \w\w (.*?)\s+#/i.exec(line);
    if (!match) continue;
    const raw = match[2];
    values[match[1].toLowerCase()] = raw.startsWith('=')
      ? raw.slice(1)
      : raw.startsWith('[')
        ? raw.slice(1, raw.lastIndexOf(']'))
        : raw.includes('no value available')
          ? ''
          : raw;
  }
  return values;
}

const TAG = {
  transferSyntax: '0002,0010',
  modality: '0008,0060',
  sopClass: '0008,0016',
  sopInstance: '0008,0018',
  rows: '0028,0010',
  columns: '0028,0011',
  frames: '0028,0008',
  photometric: '0028,0004',
  bitsAllocated: '0028,0100',
};

function pnToDicom(name) {
  if (!name) return '';
  return [name.Alphabetic ?? '', name.Ideographic, name.Phonetic].filter((g) => g !== undefined).join('=');
}

function studyIdentity(study, patient) {
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    PatientName: pnToDicom(patient.name),
    PatientID: patient.id,
    ...(patient.issuer ? { IssuerOfPatientID: patient.issuer } : {}),
    PatientBirthDate: patient.birthDate,
    PatientSex: patient.sex,
    StudyInstanceUID: study.uid,
    StudyDate: study.date,
    StudyTime: study.time,
    AccessionNumber: study.accession ?? '',
    StudyDescription: study.description,
    ReferringPhysicianName: study.referring,
    StudyID: study.key.slice(0, 16),
    InstitutionName: study.key === 'dx-chest' ? HOSTILE_TEXT : 'Telerad Test Imaging Centre',
    ...(study.priority ? { RequestedProcedurePriority: study.priority } : {}),
  };
}

/** Writes a generated series (`series.generate`, `series.codec`) into `dir`; resolves to its files and truth. */
export function writeSynthetic(series, identity, dir, scratch) {
  const { instances, truth } = series.generate();
  const { frameOfReference } = series;
  const target = series.codec ? scratch : dir;
  const files = instances.map((instance, i) => {
    const sopInstanceUID = newUid();
    const name = `${String(i + 1).padStart(4, '0')}.dcm`;
    writeDicom(join(target, name), {
      ...identity,
      ...instance,
      SeriesInstanceUID: series.uid,
      SeriesNumber: series.number,
      SeriesDescription: series.description,
      SeriesDate: identity.StudyDate,
      SeriesTime: identity.StudyTime,
      ContentDate: identity.StudyDate,
      ContentTime: identity.StudyTime,
      FrameOfReferenceUID: frameOfReference,
      PositionReferenceIndicator: '',
      Laterality: instance.Modality === 'DX' ? undefined : '',
      AcquisitionDate: identity.StudyDate,
      // PET carries its position as code sequences instead.
      PatientPosition: ['DX', 'US', 'PT'].includes(instance.Modality) ? undefined : 'HFS',
      Manufacturer: 'Telerad Phantom Works',
      SOPInstanceUID: sopInstanceUID,
    });
    if (series.codec) {
      const [cmd, args] = CODEC_COMMANDS[series.codec](join(scratch, name), join(dir, name));
      run(cmd, args);
    }
    return join(dir, name);
  });
  return { files, truth };
}

function writeReal(series, identity, dir) {
  return {
    files: series.files.map((source, i) => {
      const path = join(dir, `${String(i + 1).padStart(4, '0')}.dcm`);
      copyFileSync(resolve(ROOT, source), path);
      const set = {
        '0008,0005': 'ISO_IR 192',
        '0010,0010': identity.PatientName,
        '0010,0020': identity.PatientID,
        '0010,0021': identity.IssuerOfPatientID ?? '',
        '0010,0030': identity.PatientBirthDate,
        '0010,0040': identity.PatientSex,
        '0020,000d': identity.StudyInstanceUID,
        '0008,0020': identity.StudyDate,
        '0008,0030': identity.StudyTime,
        '0008,0050': identity.AccessionNumber,
        '0008,1030': identity.StudyDescription,
        '0008,0090': identity.ReferringPhysicianName,
        '0020,0010': identity.StudyID,
        '0020,000e': series.uid,
        '0020,0011': String(series.number),
        '0008,103e': series.description,
        '0020,0052': series.frameOfReference,
        '0008,0018': newUid(),
        ...(identity.RequestedProcedurePriority ? { '0040,1003': identity.RequestedProcedurePriority } : {}),
      };
      // dcmodify rewrites the meta header's MediaStorageSOPInstanceUID to match (0008,0018).
      run('dcmodify', ['-nb', '-imt', ...Object.entries(set).flatMap(([tag, value]) => ['-i', `(${tag})=${value}`]), path]);
      return path;
    }),
    truth: { kind: 'public-file', sources: series.files.map((f) => f.split('/').slice(-2).join('/')) },
  };
}

/** Synthetic files must be valid DICOM: dciodvfy (dicom3tools) may warn but must report no error. */
function assertValid(path) {
  const { stdout, stderr } = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
  const report = `${stdout}${stderr}`;
  const errors = report.split('\n').filter((line) => line.startsWith('Error'));
  if (errors.length) throw new Error(`${path} fails dciodvfy:\n${errors.join('\n')}`);
}

/**
 * Writes a study's SR documents, each in a series of its own (series 900 on); an addendum's
 * predecessor is the report before it. Returns their manifest entries.
 */
function writeReports(plan, identity) {
  const written = [];
  plan.reports?.forEach((report, i) => {
    const seriesNumber = 900 + i;
    const dataset = reportDataset({
      ...report,
      identity,
      seriesUid: newUid(),
      seriesNumber,
      predecessor: report.addendum ? written.at(-1) : undefined,
    });
    const dir = join(CORPUS_DIR, 'files', plan.key, String(seriesNumber));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, '0001.dcm');
    writeDicom(path, dataset);
    assertValid(path);
    written.push({
      kind: report.kind ?? 'report',
      status: report.status,
      addendum: Boolean(report.addendum),
      stored: report.stored !== false,
      reader: report.reader,
      signedAt: report.signedAt,
      seriesInstanceUID: dataset.SeriesInstanceUID,
      sopInstanceUID: dataset.SOPInstanceUID,
      file: path.slice(CORPUS_DIR.length + 1),
    });
  });
  return written;
}

/** The read status the stored report documents give a study (mirrors readStatusOf in core). */
function readStatus(reports) {
  const stored = reports.filter((r) => r.stored && r.kind === 'report');
  if (stored.some((r) => r.addendum && r.status === 'final')) return 'amended';
  if (stored.some((r) => r.status === 'final')) return 'final';
  return stored.length ? 'preliminary' : 'unread';
}

function describeSeries(series, files, truth) {
  if (series.generate) assertValid(files[0]);
  const first = readAttributes(files[0], Object.values(TAG));
  const sopInstanceUIDs = files.map((f) => readAttributes(f, [TAG.sopInstance])[TAG.sopInstance]);
  const transferSyntaxUID = first[TAG.transferSyntax];
  return {
    seriesInstanceUID: series.uid,
    seriesNumber: series.number,
    description: series.description,
    frameOfReferenceUID: series.frameOfReference,
    modality: first[TAG.modality],
    sopClassUID: first[TAG.sopClass],
    transferSyntaxUID,
    transferSyntax: TS_NAMES[transferSyntaxUID] ?? transferSyntaxUID,
    instanceCount: files.length,
    framesPerInstance: Number(first[TAG.frames] || 1),
    rows: Number(first[TAG.rows]),
    columns: Number(first[TAG.columns]),
    photometricInterpretation: first[TAG.photometric],
    bitsAllocated: Number(first[TAG.bitsAllocated]),
    origin: series.generate ? 'synthetic' : 'public',
    sopInstanceUIDs,
    files: files.map((f) => f.slice(CORPUS_DIR.length + 1)),
    truth,
  };
}

export function buildCorpus({ force = false } = {}) {
  const hash = corpusScriptsHash();
  if (!force && existsSync(MANIFEST_PATH)) {
    const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
    if (manifest.buildHash === hash) return manifest;
  }
  const started = Date.now();
  rmSync(CORPUS_DIR, { recursive: true, force: true });
  const scratch = join(CORPUS_DIR, 'scratch');
  mkdirSync(scratch, { recursive: true });
  const studies = STUDIES.map((plan) => {
    const patient = PATIENTS[plan.patient];
    const study = { ...plan, uid: newUid() };
    const identity = studyIdentity(study, patient);
    // A hybrid scanner's series (PET/CT) share one frame of reference: one table, one session.
    const shared = plan.sharedFrameOfReference ? newUid() : undefined;
    const series = plan.series.map((planSeries) => {
      const s = { ...planSeries, uid: newUid(), frameOfReference: shared ?? newUid() };
      const dir = join(CORPUS_DIR, 'files', plan.key, String(s.number));
      mkdirSync(dir, { recursive: true });
      const { files, truth } = s.generate ? writeSynthetic(s, identity, dir, scratch) : writeReal(s, identity, dir);
      return describeSeries(s, files, truth);
    });
    const reports = writeReports(plan, identity);
    const stored = reports.filter((r) => r.stored);
    return {
      key: plan.key,
      studyInstanceUID: study.uid,
      patientKey: plan.patient,
      patientName: patient.name,
      patientId: patient.id,
      issuerOfPatientId: patient.issuer ?? null,
      patientBirthDate: patient.birthDate,
      patientSex: patient.sex,
      studyDate: plan.date,
      studyTime: plan.time,
      accessionNumber: plan.accession,
      description: plan.description,
      referringPhysician: plan.referring,
      priority: plan.priority ?? null,
      // Counts and modalities as the archive reports them: image series plus stored SR documents.
      modalities: [...new Set([...series.map((s) => s.modality), ...(stored.length ? ['SR'] : [])])].sort(),
      seriesCount: series.length + stored.length,
      instanceCount: series.reduce((n, s) => n + s.instanceCount, 0) + stored.length,
      readStatus: readStatus(reports),
      series,
      reports,
    };
  });
  rmSync(scratch, { recursive: true, force: true });
  const manifest = {
    buildHash: hash,
    builtAt: new Date().toISOString(),
    hostileText: HOSTILE_TEXT,
    patients: Object.entries(PATIENTS).map(([key, p]) => ({ key, name: p.name, id: p.id, issuer: p.issuer ?? null })),
    studies,
  };
  writeFileSync(MANIFEST_PATH, JSON.stringify(manifest, null, 2));
  console.log(`Corpus built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summarize(manifest)}`);
  return manifest;
}

export function summarize(manifest) {
  const series = manifest.studies.flatMap((s) => s.series);
  const count = (key) =>
    Object.entries(
      series.reduce((acc, s) => ({ ...acc, [s[key]]: (acc[s[key]] ?? 0) + s.instanceCount }), {}),
    )
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  return `${manifest.studies.length} studies, ${manifest.patients.length} patients, ${series.length} series, ${series.reduce((n, s) => n + s.instanceCount, 0)} instances; by modality: ${count('modality')}; by transfer syntax: ${count('transferSyntax')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildCorpus({ force: process.argv.includes('--force') });
}
