import { expect } from '@open-wc/testing';
import { DicomWebError, DicomWebService, errorMessage, newUid, writePart10 } from '@telerad/core';
import { loadManifest, sortedUids } from '../support/corpus.js';

const orthanc = () => new DicomWebService({ url: '/dicom-web' });

async function failure(promise: Promise<unknown>): Promise<DicomWebError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(DicomWebError);
    return error as DicomWebError;
  }
  throw new Error('expected the call to fail');
}

describe('DicomWebService against Orthanc', () => {
  it('finds exactly the corpus studies, with counts and names as stored', async () => {
    const manifest = await loadManifest();
    const studies = await orthanc().searchStudies();
    expect(sortedUids(studies)).to.deep.equal(sortedUids(manifest.studies));
    for (const expected of manifest.studies) {
      const study = studies.find((s) => s.studyInstanceUID === expected.studyInstanceUID)!;
      expect(study.instanceCount, expected.key).to.equal(expected.instanceCount);
      expect(study.seriesCount, expected.key).to.equal(expected.seriesCount);
      expect(study.patientId, expected.key).to.equal(expected.patientId);
      expect(study.accessionNumber, expected.key).to.equal(expected.accessionNumber ?? undefined);
      expect(study.description, expected.key).to.equal(expected.description);
      expect(study.patientName?.raw ?? null, expected.key).to.equal(
        expected.patientName ? [expected.patientName.Alphabetic, expected.patientName.Ideographic, expected.patientName.Phonetic].filter((g) => g !== undefined).join('=') : null,
      );
      expect(study.studyDate, expected.key).to.equal(`${expected.studyDate.slice(0, 4)}-${expected.studyDate.slice(4, 6)}-${expected.studyDate.slice(6)}`);
      expect([...study.modalities].sort(), expected.key).to.deep.equal(expected.modalities);
    }
  });

  it('lists the series and instances of a study', async () => {
    const manifest = await loadManifest();
    const expected = manifest.studies.find((s) => s.series.length > 3)!;
    const series = await orthanc().searchSeries(expected.studyInstanceUID);
    expect(series.map((s) => s.seriesInstanceUID).sort()).to.deep.equal(expected.series.map((s) => s.seriesInstanceUID).sort());
    const first = expected.series[0];
    const instances = await orthanc().searchInstances(expected.studyInstanceUID, first.seriesInstanceUID);
    expect(instances.map((i) => i.sopInstanceUID).sort()).to.deep.equal([...first.sopInstanceUIDs].sort());
    expect(instances[0].rows).to.equal(first.rows);
  });

  it('retrieves WADO-RS series metadata for every instance', async () => {
    const manifest = await loadManifest();
    const study = manifest.studies.find((s) => s.key === 'ct-phantom')!;
    const metadata = await orthanc().retrieveSeriesMetadata(study.studyInstanceUID, study.series[0].seriesInstanceUID);
    expect(metadata).to.have.length(study.series[0].instanceCount);
    expect(metadata[0]['00280030']?.Value).to.deep.equal(study.series[0].truth.pixelSpacingMm);
  });

  it('reports a dead server as a network error', async () => {
    const error = await failure(new DicomWebService({ url: 'http://127.0.0.1:9/dicom-web' }).searchStudies());
    expect(error).to.include({ kind: 'network', status: 0, retryable: true });
  });

  for (const [status, kind] of [
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [500, 'server'],
    [400, 'http'],
  ] as const) {
    it(`maps HTTP ${status} to "${kind}" with the status kept`, async () => {
      const error = await failure(new DicomWebService({ url: `/__test/status/${status}` }).searchStudies({ patientName: 'Secret^Name' }));
      expect(error).to.include({ kind, status });
      expect(error.message).to.contain(`HTTP ${status}`);
      expect(error.message + error.path).to.not.contain('Secret', 'no query (patient data) in errors');
    });
  }

  it('times out', async () => {
    const error = await failure(new DicomWebService({ url: '/__test/slow/3000', timeoutMs: 200 }).searchStudies());
    expect(error.kind).to.equal('timeout');
  });

  it('aborts with an AbortSignal', async () => {
    const controller = new AbortController();
    const pending = new DicomWebService({ url: '/__test/slow/3000' }).searchStudies({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error.kind).to.equal('aborted');
  });

  it("says why the archive refused a STOW-RS request: Orthanc's Failure Reason, in the error and its message", async () => {
    const file = await writePart10({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11',
      SOPInstanceUID: newUid(),
      StudyInstanceUID: newUid(),
      SeriesInstanceUID: newUid(),
      Modality: 'SR',
      PatientID: 'STOW-REFUSAL',
    });
    // Sent to another study's URL: Orthanc refuses the instance (409) with Failure Reason 0x0110.
    const error = await failure(orthanc().storeInstances([file], newUid()));
    expect([error.kind, error.status, error.reason]).to.deep.equal(['http', 409, 0x0110]);
    expect(error.message).to.contain('DICOM reason 0x0110: processing failure');
    expect(errorMessage(error)).to.equal('The image archive refused the request. (HTTP 409, DICOM reason 0x0110: processing failure)');
  });

  it('rejects a body that is not DICOM JSON', async () => {
    const error = await failure(new DicomWebService({ url: '/__test/garbage' }).searchStudies());
    expect(error.kind).to.equal('bad-response');
  });

  it('hands on WADO-RS metadata shaped as PS3.18 F.2 says, whatever the server sent (Value arrays, sequences of data sets)', async () => {
    const metadata = [
      {
        '00080018': { vr: 'UI', Value: 'not an array' },
        '00100010': 'not an element',
        '00280010': { vr: 'US', Value: [64] },
        '00283010': { vr: 'SQ', Value: [null, 'text', [1], { '00283002': { vr: 'US', Value: { 0: 1 } }, '00283003': { vr: 'LO', Value: ['kept'] } }] },
      },
      null,
    ];
    await fetch('/__fuzz/wado/well-formed', { method: 'PUT', body: JSON.stringify({ metadata, frame: '', transferSyntax: '' }) });
    const [dataset, ...rest] = await new DicomWebService({ url: '/__fuzz/wado/well-formed/dicom-web' }).retrieveSeriesMetadata('2.25.1', '2.25.2');
    expect(rest, 'what is not a data set goes').to.deep.equal([]);
    expect(dataset).to.deep.equal({
      '00080018': { vr: 'UI' },
      '00280010': { vr: 'US', Value: [64] },
      '00283010': { vr: 'SQ', Value: [{ '00283002': { vr: 'US' }, '00283003': { vr: 'LO', Value: ['kept'] } }] },
    });
  });

  it('returns an empty list for no match', async () => {
    expect(await orthanc().searchStudies({ patientId: 'NO-SUCH-PATIENT' })).to.deep.equal([]);
  });
});
