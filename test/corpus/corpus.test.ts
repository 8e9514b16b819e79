// The corpus as the foundation issue requires it, checked in the archive itself.
import { expect } from '@open-wc/testing';
import { loadManifest } from '../support/corpus.js';
import { storedTransferSyntax } from '../support/part10.js';

const TS = {
  rle: '1.2.840.10008.1.2.5',
  jpegLossless: '1.2.840.10008.1.2.4.70',
  jpegLs: '1.2.840.10008.1.2.4.80',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  jpeg2000: '1.2.840.10008.1.2.4.90',
};

describe('corpus', () => {
  it('has ≥ 12 studies of ≥ 8 patients over two calendar years, with priors and one study without accession', async () => {
    const { studies, patients } = await loadManifest();
    expect(studies.length).to.be.at.least(12);
    expect(new Set(studies.map((s) => s.patientId)).size).to.be.at.least(8);
    expect(patients.length).to.be.at.least(8);
    expect(new Set(studies.map((s) => s.studyDate.slice(0, 4))).size).to.be.at.least(2);
    const studiesPerPatient = new Map<string, number>();
    for (const s of studies) studiesPerPatient.set(s.patientId, (studiesPerPatient.get(s.patientId) ?? 0) + 1);
    expect([...studiesPerPatient.values()].filter((n) => n > 1).length, 'patients with priors').to.be.at.least(3);
    expect(studies.filter((s) => !s.accessionNumber)).to.have.length(1);
  });

  it('has the tricky names: non-ASCII, Japanese ideographic, empty, hostile markup', async () => {
    const { studies } = await loadManifest();
    const names = studies.map((s) => s.patientName);
    expect(names.some((n) => n?.Alphabetic?.includes('ü'))).to.equal(true);
    expect(names.some((n) => n?.Ideographic && /[\u4e00-\u9fff]/.test(n.Ideographic))).to.equal(true);
    expect(names.some((n) => n === null)).to.equal(true);
    expect(names.some((n) => n?.Alphabetic?.includes('<script>'))).to.equal(true);
  });

  it('has the phantoms and a CT series in every required compression, stored as declared', async () => {
    const { studies } = await loadManifest();
    const series = studies.flatMap((study) => study.series.map((s) => ({ study, ...s })));
    const ct = series.find((s) => s.truth.kind === 'ct-phantom' && s.instanceCount >= 100)!;
    expect([ct.rows, ct.columns]).to.deep.equal([512, 512]);
    expect(series.some((s) => s.modality === 'MR' && s.truth.kind === 'mr-phantom')).to.equal(true);
    expect(series.some((s) => s.modality === 'DX' && s.truth.photometricInterpretation === 'MONOCHROME1')).to.equal(true);
    expect(series.some((s) => s.modality === 'US' && s.framesPerInstance > 1)).to.equal(true);
    expect(series.some((s) => s.modality === 'PT' && s.truth.injectedDoseBq)).to.equal(true);
    const compressed = series.filter((s) => String(s.truth.kind).startsWith('ct-phantom') && s.instanceCount < 100);
    for (const ts of Object.values(TS)) expect(compressed.map((s) => s.transferSyntaxUID), ts).to.include(ts);

    for (const s of series) {
      const stored = await storedTransferSyntax(s.study.studyInstanceUID, s.seriesInstanceUID, s.sopInstanceUIDs[0]);
      expect(stored, `${s.study.key}/${s.seriesNumber}`).to.equal(s.transferSyntaxUID);
    }
  });
});
