// The server adapter against Orthanc wrapped to behave like other DICOMweb servers
// (scripts/lib/dev-server.mjs, /__quirks/<name>/dicom-web).
import { expect } from '@open-wc/testing';
import { DicomWebService, Pager, resolveBulkDataURIs, type DicomJsonDataset, type ServerQuirks } from '@telerad/core';
import { loadManifest, sortedUids } from '../support/corpus.js';

const wrapped = (quirk: string, quirks: Partial<ServerQuirks> = {}) => new DicomWebService({ url: `/__quirks/${quirk}/dicom-web`, quirks });

/** Pages through every study 5 at a time and returns the UIDs seen, in order. */
async function visitAllPages(service: DicomWebService): Promise<string[]> {
  const seen: string[] = [];
  for (let offset = 0, more = true; more; offset += 5) {
    const page = await service.searchStudiesPage({}, { limit: 5, offset });
    expect(page.items.length).to.be.at.most(5);
    seen.push(...page.items.map((s) => s.studyInstanceUID));
    more = page.hasMore;
    if (offset > 100) throw new Error('paging does not end');
  }
  return seen;
}

describe('server quirks (one adapter, each case against a wrapped Orthanc)', () => {
  it('pages on the server with limit+1 where the server honours limit/offset', async () => {
    const manifest = await loadManifest();
    const service = new DicomWebService({ url: '/dicom-web' });
    const seen = await visitAllPages(service);
    expect(seen).to.have.length(manifest.studies.length);
    expect([...seen].sort()).to.deep.equal(sortedUids(manifest.studies));
  });

  for (const quirk of ['no-paging', 'no-offset']) {
    it(`detects a server that ignores ${quirk === 'no-paging' ? 'limit and offset' : 'offset'} and pages on the client`, async () => {
      const manifest = await loadManifest();
      const seen = await visitAllPages(wrapped(quirk));
      expect(seen).to.have.length(manifest.studies.length);
      expect([...seen].sort()).to.deep.equal(sortedUids(manifest.studies));
    });
  }

  it('sends list matching with backslashes to a server that needs them', async () => {
    const manifest = await loadManifest();
    const expected = sortedUids(manifest.studies.filter((s) => s.modalities.includes('US') || s.modalities.includes('DX')));
    expect(sortedUids(await wrapped('backslash-lists', { listSeparator: '\\' }).searchStudies({ modalities: ['US', 'DX'] }))).to.deep.equal(expected);
    // The same server finds nothing with the standard comma: the quirk is real.
    expect(await wrapped('backslash-lists').searchStudies({ modalities: ['US', 'DX'] })).to.have.length(0);
    // And Orthanc itself wants commas.
    expect(sortedUids(await new DicomWebService({ url: '/dicom-web' }).searchStudies({ modalities: ['US', 'DX'] }))).to.deep.equal(expected);
  });

  it('reads 204 No Content as an empty result', async () => {
    const service = wrapped('empty-204');
    const page = await service.searchStudiesPage({ patientId: 'NO-SUCH-PATIENT' }, { limit: 10 });
    expect(page).to.deep.equal({ items: [], offset: 0, hasMore: false });
    expect(await service.searchStudies({ patientId: 'NO-SUCH-PATIENT' })).to.deep.equal([]);
    expect((await service.searchStudies({ patientId: 'TR-1001' })).length).to.be.greaterThan(0);
  });

  it('tolerates a server that ignores includefield (optional attributes absent, required ones mapped)', async () => {
    const manifest = await loadManifest();
    const studies = await wrapped('no-includefield').searchStudies();
    expect(sortedUids(studies)).to.deep.equal(sortedUids(manifest.studies));
    expect(studies.every((s) => s.description === undefined && s.priority === undefined && s.issuerOfPatientId === undefined)).to.equal(true);
    for (const expected of manifest.studies) {
      const study = studies.find((s) => s.studyInstanceUID === expected.studyInstanceUID)!;
      expect([study.patientId, study.instanceCount], expected.key).to.deep.equal([expected.patientId, expected.instanceCount]);
    }
  });

  it('resolves relative BulkDataURIs to the same absolute URLs the server would send', async () => {
    const manifest = await loadManifest();
    const study = manifest.studies.find((s) => s.key === 'dx-chest')!;
    const [series] = study.series;
    const relative = await wrapped('relative-bulkdata').retrieveSeriesMetadata(study.studyInstanceUID, series.seriesInstanceUID);
    const uri = relative[0]['7FE00010']!.BulkDataURI!;
    expect(uri).to.match(/^http:\/\/localhost:\d+\/__quirks\/relative-bulkdata\/dicom-web\/studies\/.*\/instances\/.*\/bulk\/7fe00010$/i);
    const direct = await new DicomWebService({ url: '/dicom-web' }).retrieveSeriesMetadata(study.studyInstanceUID, series.seriesInstanceUID);
    expect(new URL(uri).pathname.replace('/__quirks/relative-bulkdata', '')).to.equal(new URL(direct[0]['7FE00010']!.BulkDataURI!).pathname);
  });

  it('resolves BulkDataURIs nested in sequences', () => {
    const datasets: DicomJsonDataset[] = [{ '00540016': { vr: 'SQ', Value: [{ '00091001': { vr: 'OB', BulkDataURI: 'bulk/1' } }] } }];
    resolveBulkDataURIs(datasets, 'https://pacs.example/dicom-web/studies/1/metadata');
    expect(((datasets[0]['00540016']!.Value![0] as DicomJsonDataset)['00091001'])!.BulkDataURI).to.equal('https://pacs.example/dicom-web/studies/1/bulk/1');
  });

  it('pager: limit+1 on the wire, and a switch to client paging that sticks', () => {
    const pager = new Pager('auto');
    expect(pager.params({ limit: 10, offset: 20 })).to.deep.equal({ limit: '11', offset: '20' });
    const results = Array.from({ length: 30 }, (_, i) => ({ '0020000D': { vr: 'UI', Value: [`1.${i}`] } }));
    const uid = (d: DicomJsonDataset) => String(d['0020000D']!.Value![0]);
    expect(pager.ignoredPaging(results, { limit: 10 }, 'q', uid)).to.equal(false);
    expect(pager.clientPaging).to.equal(true);
    expect(pager.params({ limit: 10, offset: 10 })).to.deep.equal({});
    expect(pager.slice(results, { limit: 10, offset: 20 })).to.deep.include({ offset: 20, hasMore: false });
    expect(pager.slice(results, { limit: 10, offset: 10 }).items.map(uid)).to.deep.equal(results.slice(10, 20).map(uid));
    expect(new Pager('client').params({ limit: 5 })).to.deep.equal({});
  });
});
