// The navigation benchmark's series beyond the corpus' 100-slice CT: 1,000 uncompressed slices, and
// 100 slices in JPEG-LS and in JPEG 2000 (lossless). The corpus' CT phantom, written as the corpus
// writes it (dcmjs; dcmtk and gdcm for the codecs), kept in .cache/bench-series until the corpus
// scripts change, and stored over STOW-RS into the benchmark's Orthanc.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusScriptsHash, writeSynthetic } from '../corpus/build.mjs';
import { newUid } from '../corpus/dicom-writer.mjs';
import { storeFiles } from '../corpus/load.mjs';
import { ctPhantom } from '../corpus/phantoms.mjs';

const DIR = fileURLToPath(new URL('../../.cache/bench-series/', import.meta.url));
const MANIFEST = join(DIR, 'manifest.json');

/** The series, as the benchmark's tables name them. */
const PLAN = [
  { key: 'ct-1000', title: '1,000 × 512² CT, uncompressed', phantom: { slices: 1000, thickness: 0.625 } },
  { key: 'ct-jpeg-ls', title: '100 × 512² CT, JPEG-LS lossless', phantom: { slices: 100 }, codec: 'jpegLsLossless' },
  { key: 'ct-jpeg-2000', title: '100 × 512² CT, JPEG 2000 lossless', phantom: { slices: 100 }, codec: 'jpeg2000Lossless' },
];

/** Writes the series' files (or finds them written); resolves to their manifest. */
function buildBenchSeries() {
  const hash = corpusScriptsHash();
  if (existsSync(MANIFEST)) {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    if (manifest.hash === hash) return manifest;
  }
  rmSync(DIR, { recursive: true, force: true });
  const scratch = join(DIR, 'scratch');
  mkdirSync(scratch, { recursive: true });
  const series = PLAN.map(({ key, title, phantom, codec }) => {
    const studyInstanceUID = newUid();
    const identity = { PatientName: 'Bench^Phantom', PatientID: `BENCH-${key}`, StudyInstanceUID: studyInstanceUID, StudyDate: '20261206', StudyTime: '120000', AccessionNumber: '', StudyDescription: `BENCH ${title}`, ReferringPhysicianName: '', StudyID: key.slice(0, 16) };
    const planned = { uid: newUid(), number: 2, description: title, generate: () => ctPhantom(phantom), ...(codec ? { codec } : {}) };
    const dir = join(DIR, key);
    mkdirSync(dir, { recursive: true });
    const { files } = writeSynthetic(planned, identity, dir, scratch);
    return { key, title, studyInstanceUID, seriesInstanceUID: planned.uid, instanceCount: files.length, files: files.map((f) => f.slice(DIR.length)) };
  });
  rmSync(scratch, { recursive: true, force: true });
  const manifest = { hash, series };
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Builds (once) and stores the series in the server at `dicomWebUrl`; resolves to their descriptions. */
export async function storeBenchSeries(dicomWebUrl) {
  const { series } = buildBenchSeries();
  for (const s of series) {
    // In batches: one STOW-RS request of 1,000 instances would be half a gigabyte.
    for (let i = 0; i < s.files.length; i += 100) await storeFiles(dicomWebUrl, { key: s.key, studyInstanceUID: s.studyInstanceUID }, s.files.slice(i, i + 100), `instances ${i + 1}…`, DIR);
  }
  return series;
}
