// The corpus manifest written by scripts/corpus/build.mjs: the single source of truth for tests.
import { stringValue, type DicomJsonDataset, type DicomJsonPersonName } from '@telerad/core';

export interface ManifestSeries {
  seriesInstanceUID: string;
  seriesNumber: number;
  description: string;
  modality: string;
  transferSyntaxUID: string;
  transferSyntax: string;
  instanceCount: number;
  framesPerInstance: number;
  photometricInterpretation: string;
  /** Part 10 files, relative to the corpus (served at /corpus/<file>). */
  files: string[];
  rows: number;
  columns: number;
  sopInstanceUIDs: string[];
  frameOfReferenceUID?: string;
  truth: Record<string, unknown>;
}

export interface ManifestStudy {
  key: string;
  studyInstanceUID: string;
  patientKey: string;
  patientName: DicomJsonPersonName | null;
  patientId: string;
  issuerOfPatientId: string | null;
  patientBirthDate: string;
  patientSex: string;
  studyDate: string;
  studyTime: string;
  accessionNumber: string | null;
  description: string;
  referringPhysician: string;
  modalities: string[];
  seriesCount: number;
  instanceCount: number;
  /** Requested Procedure Priority, when the study has one. */
  priority: string | null;
  readStatus: 'unread' | 'preliminary' | 'final' | 'amended';
  series: ManifestSeries[];
  reports: ManifestReport[];
}

export interface ManifestReport {
  kind: 'report' | 'measurements';
  status: 'preliminary' | 'final';
  addendum: boolean;
  /** False for documents a test stores itself. */
  stored: boolean;
  reader: string;
  /** DICOM DT of signing. */
  signedAt: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  /** Path under the corpus, served at /corpus/<file>. */
  file: string;
}

export interface Manifest {
  hostileText: string;
  patients: { key: string; name: DicomJsonPersonName | null; id: string; issuer: string | null }[];
  studies: ManifestStudy[];
}

let manifest: Promise<Manifest> | undefined;

export function loadManifest(): Promise<Manifest> {
  manifest ??= fetch('/corpus/manifest.json').then((r) => {
    if (!r.ok) throw new Error(`manifest: HTTP ${r.status}`);
    return r.json() as Promise<Manifest>;
  });
  return manifest;
}

/** A study of the corpus by its manifest key. */
export const study = async (key: string): Promise<ManifestStudy> => (await loadManifest()).studies.find((s) => s.key === key)!;

export const sortedUids = (studies: { studyInstanceUID: string }[]) => studies.map((s) => s.studyInstanceUID).sort();

/** Deletes every SR of `study` that the corpus did not bring (documents a test stored), reported or not. */
export async function forgetDocumentsNotInCorpus(study: ManifestStudy): Promise<void> {
  const corpus = new Set(study.reports.map((r) => r.sopInstanceUID));
  const found = (await (await fetch(`/dicom-web/studies/${study.studyInstanceUID}/instances?Modality=SR`)).json()) as DicomJsonDataset[];
  for (const uid of found.map((d) => stringValue(d, '00080018')!).filter((uid) => !corpus.has(uid))) await fetch(`/__test/forget/${uid}`, { method: 'POST' });
}
