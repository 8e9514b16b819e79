// The read status of a page of studies in one QIDO-RS request where the server returns the SR
// documents' status attributes (a server returning sequences: Orthanc wrapped, /__quirks/full-qido),
// and from each document's metadata, read once, where it does not (Orthanc 1.10 itself).
import { expect } from '@open-wc/testing';
import { DicomWebService, readStatusOf, type ReportDocument } from '@telerad/core';
import { loadManifest } from '../support/corpus.js';

/** The archive requests a call made, by kind (QIDO-RS instance search, WADO-RS metadata). */
async function requestsOf<T>(call: () => Promise<T>): Promise<{ result: T; searches: number; metadata: number }> {
  performance.clearResourceTimings();
  const result = await call();
  const urls = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
  return {
    result,
    searches: urls.filter((path) => /\/dicom-web\/instances$/.test(path)).length,
    metadata: urls.filter((path) => path.endsWith('/metadata')).length,
  };
}

const byUid = (documents: ReportDocument[]) =>
  Object.fromEntries(documents.map((d) => [d.sopInstanceUID, d]).sort(([a], [b]) => String(a).localeCompare(String(b))));

describe('read status of a page of studies', () => {
  it('comes from one QIDO-RS request on a server that returns the status attributes, equal to the metadata', async () => {
    const manifest = await loadManifest();
    const uids = manifest.studies.map((s) => s.studyInstanceUID);
    const full = new DicomWebService({ url: '/__quirks/full-qido/dicom-web' });
    const fromQuery = await requestsOf(() => full.searchReportDocuments(uids));
    expect(fromQuery.result.length, 'the corpus has SR documents').to.be.greaterThan(3);
    expect([fromQuery.searches, fromQuery.metadata]).to.deep.equal([1, 0]);
    expect(full.quirks.reportStatus).to.equal('auto');

    const orthanc = new DicomWebService({ url: '/dicom-web' });
    const fromMetadata = await requestsOf(() => orthanc.searchReportDocuments(uids));
    expect(fromMetadata.searches).to.equal(1);
    expect(fromMetadata.metadata, 'each document once').to.equal(fromMetadata.result.length);
    expect(byUid(fromQuery.result)).to.deep.equal(byUid(fromMetadata.result));
    for (const study of manifest.studies) {
      const of = (documents: ReportDocument[]) => documents.filter((d) => d.studyInstanceUID === study.studyInstanceUID);
      expect(readStatusOf(of(fromQuery.result)), study.key).to.equal(study.readStatus);
    }

    // Again: the query server answers in one request; Orthanc's documents are known, and no longer
    // asked for the attributes it does not return.
    const again = await requestsOf(() => full.searchReportDocuments(uids));
    expect([again.searches, again.metadata]).to.deep.equal([1, 0]);
    const known = await requestsOf(() => orthanc.searchReportDocuments(uids));
    expect([known.searches, known.metadata]).to.deep.equal([1, 0]);
    expect(byUid(known.result)).to.deep.equal(byUid(fromMetadata.result));
  });

  it('is read from the metadata from the start where the host says the server needs it', async () => {
    const manifest = await loadManifest();
    const service = new DicomWebService({ url: '/__quirks/full-qido/dicom-web', quirks: { reportStatus: 'metadata' } });
    const { result, searches, metadata } = await requestsOf(() =>
      service.searchReportDocuments(manifest.studies.map((s) => s.studyInstanceUID)),
    );
    expect([searches, metadata]).to.deep.equal([1, result.length]);
  });
});
