// Stores the corpus in a DICOMweb server with STOW-RS, one multipart request per series, and checks
// that QIDO-RS then finds every study with the expected instance count.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from './build.mjs';

function multipartBody(parts, boundary) {
  const chunks = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), part, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Stores `files` (paths relative to `dir`) of a study in one STOW-RS request; throws on any refusal. */
export async function storeFiles(dicomWebUrl, study, files, what, dir = CORPUS_DIR) {
  const boundary = `telerad-${randomUUID()}`;
  const body = multipartBody(
    files.map((f) => readFileSync(join(dir, f))),
    boundary,
  );
  const response = await fetch(`${dicomWebUrl}/studies/${study.studyInstanceUID}`, {
    method: 'POST',
    headers: {
      'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      Accept: 'application/dicom+json',
    },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`STOW of ${study.key}/${what} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
  const result = text ? JSON.parse(text) : {};
  if (result['00081198']?.Value?.length) {
    throw new Error(`STOW of ${study.key}/${what}: server refused ${result['00081198'].Value.length} instance(s)`);
  }
}

export async function loadCorpus(dicomWebUrl, manifest) {
  const started = Date.now();
  for (const study of manifest.studies) {
    for (const series of study.series) await storeFiles(dicomWebUrl, study, series.files, series.seriesNumber);
    const reports = study.reports.filter((r) => r.stored);
    if (reports.length) await storeFiles(dicomWebUrl, study, reports.map((r) => r.file), 'reports');
  }
  const response = await fetch(`${dicomWebUrl}/studies?includefield=00201208`, { headers: { Accept: 'application/dicom+json' } });
  const found = new Map((await response.json()).map((s) => [s['0020000D'].Value[0], s['00201208']?.Value?.[0]]));
  for (const study of manifest.studies) {
    if (found.get(study.studyInstanceUID) !== study.instanceCount) {
      throw new Error(`After STOW, ${study.key} has ${found.get(study.studyInstanceUID)} instances, expected ${study.instanceCount}`);
    }
  }
  if (found.size !== manifest.studies.length) throw new Error(`Server holds ${found.size} studies, expected ${manifest.studies.length}`);
  console.log(`Corpus stored over STOW-RS in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
