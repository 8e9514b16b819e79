import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '@telerad/core/rad-dicomweb.js';
import { DicomWebService, type RadErrorDetail } from '@telerad/core';
import '@telerad/study-browser/rad-study-browser.js';
import type { RadStudyBrowser, StudySelectDetail } from '@telerad/study-browser';
import { loadManifest, sortedUids, type ManifestStudy } from '../support/corpus.js';
import { cell, expectedDisplayName, part, rowUids, rows, search, settled, shadow } from './helpers.js';

async function browserInProvider(): Promise<RadStudyBrowser> {
  const provider = await fixture(html`<rad-dicomweb url="/dicom-web"><rad-study-browser></rad-study-browser></rad-dicomweb>`);
  const el = provider.querySelector('rad-study-browser')!;
  await settled(el);
  return el;
}

const rowOf = (el: RadStudyBrowser, study: ManifestStudy) => rows(el).find((r) => r.dataset.studyUid === study.studyInstanceUID)!;

describe('<rad-study-browser> against Orthanc', () => {
  it('lists exactly the corpus studies, with names as the manifest says', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    expect(rows(el)).to.have.length(manifest.studies.length);
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies));
    for (const study of manifest.studies) {
      const row = rowOf(el, study);
      expect(cell(row, 'patientName'), study.key).to.equal(expectedDisplayName(study.patientName));
      expect(cell(row, 'patientId'), study.key).to.equal(study.patientId);
      expect(cell(row, 'accessionNumber'), study.key).to.equal(study.accessionNumber ?? '');
      expect(cell(row, 'description'), study.key).to.equal(study.description);
      expect(cell(row, 'modalities'), study.key).to.equal(study.modalities.join(', '));
      expect(cell(row, 'counts'), study.key).to.equal(`${study.seriesCount} / ${study.instanceCount}`);
    }
  });

  it('shows newest studies first', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const byDate = [...manifest.studies].sort((a, b) => (b.studyDate + b.studyTime).localeCompare(a.studyDate + a.studyTime));
    expect(rows(el).map((r) => r.dataset.studyUid)).to.deep.equal(byDate.map((s) => s.studyInstanceUID));
  });

  it('displays non-ASCII names (Latin accents, Japanese ideographic groups) correctly', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const nonAscii = manifest.studies.filter((s) => /[^\x20-\x7e]/.test(JSON.stringify(s.patientName ?? '')));
    expect(nonAscii.length).to.be.greaterThan(2);
    for (const study of nonAscii) expect(cell(rowOf(el, study), 'patientName')).to.equal(expectedDisplayName(study.patientName));
    const japanese = manifest.studies.find((s) => s.patientName?.Ideographic)!;
    expect(cell(rowOf(el, japanese), 'patientName')).to.contain(japanese.patientName!.Ideographic!.replace('^', ' '));
  });

  it('renders hostile tag values as literal text and executes nothing', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const hostile = manifest.studies.find((s) => s.description === manifest.hostileText)!;
    const row = rowOf(el, hostile);
    expect(cell(row, 'description')).to.equal(manifest.hostileText);
    expect(cell(row, 'patientName')).to.equal(expectedDisplayName(hostile.patientName));
    expect(cell(row, 'patientName')).to.contain('<script>');
    expect(shadow(el).querySelectorAll('tbody script, tbody img, tbody b')).to.have.length(0);
    await new Promise((r) => setTimeout(r, 100));
    expect((window as unknown as { __teleradXss?: number }).__teleradXss).to.equal(undefined);
  });

  it('narrows to exactly the studies of a patient ID, for every patient', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    for (const patient of manifest.patients) {
      await search(el, { patientId: patient.id });
      expect(rowUids(el), patient.id).to.deep.equal(sortedUids(manifest.studies.filter((s) => s.patientId === patient.id)));
    }
  });

  it('narrows by accession number to exactly one study', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    for (const study of manifest.studies.filter((s) => s.accessionNumber)) {
      await search(el, { accessionNumber: study.accessionNumber! });
      expect(rowUids(el), study.accessionNumber!).to.deep.equal([study.studyInstanceUID]);
    }
  });

  it('matches patient names case-insensitively as a prefix, including non-ASCII', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const named = manifest.studies.filter((s) => s.patientName?.Alphabetic && /^[A-Za-zÀ-ž]/.test(s.patientName.Alphabetic));
    const prefixes = [...new Set(named.map((s) => s.patientName!.Alphabetic!.slice(0, 3)))];
    expect(prefixes).to.include('Mül');
    for (const prefix of prefixes) {
      await search(el, { patientName: prefix.toLowerCase() });
      const expected = named.filter((s) => s.patientName!.Alphabetic!.toLowerCase().startsWith(prefix.toLowerCase()));
      expect(rowUids(el), prefix).to.deep.equal(sortedUids(expected));
    }
  });

  it('combines filters', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const study = manifest.studies.find((s) => s.key === 'mr-brain')!;
    await search(el, { patientName: 'müller', accessionNumber: study.accessionNumber! });
    expect(rowUids(el)).to.deep.equal([study.studyInstanceUID]);
    await search(el, { patientName: 'müller', patientId: 'TR-1001' });
    expect(part(el, 'empty')).to.exist;
  });

  it('shows the empty state with the query restated', async () => {
    const el = await browserInProvider();
    await search(el, { patientName: 'Nobody-Here' });
    expect(rows(el)).to.have.length(0);
    expect(part(el, 'empty')!.textContent).to.contain('Nobody-Here');
  });

  it('fires rad-study-select with the study on click and on Enter', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const target = manifest.studies.find((s) => s.key === 'pet-ct')!;
    setTimeout(() => rowOf(el, target).click());
    const clicked = (await oneEvent(el, 'rad-study-select')) as CustomEvent<StudySelectDetail>;
    expect(clicked.detail.study.studyInstanceUID).to.equal(target.studyInstanceUID);
    expect(clicked.bubbles && clicked.composed).to.equal(true);
    expect(el.selectedStudyUid).to.equal(target.studyInstanceUID);
    expect(el.getAttribute('selected-study-uid')).to.equal(target.studyInstanceUID);

    const first = rows(el)[0];
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(shadow(el).activeElement).to.equal(rows(el)[1]);
    setTimeout(() => rows(el)[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    const entered = (await oneEvent(el, 'rad-study-select')) as CustomEvent<StudySelectDetail>;
    expect(entered.detail.study.studyInstanceUID).to.equal(rows(el)[1].dataset.studyUid);
  });

  it('uses a service handed to it directly', async () => {
    const manifest = await loadManifest();
    const service = new DicomWebService({ url: '/dicom-web' });
    const el = await fixture<RadStudyBrowser>(html`<rad-study-browser .service=${service} patient-id="TR-1002"></rad-study-browser>`);
    await settled(el);
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies.filter((s) => s.patientId === 'TR-1002')));
  });

  it('is accessible (axe-core)', async () => {
    const el = await browserInProvider();
    await expect(el).to.be.accessible();
  });
});

describe('<rad-study-browser> states', () => {
  async function failingBrowser(url: string): Promise<{ el: RadStudyBrowser; detail: RadErrorDetail }> {
    const service = new DicomWebService({ url, timeoutMs: 2000 });
    let detail: RadErrorDetail | undefined;
    const holder = await fixture(html`<div @rad-error=${(e: CustomEvent<RadErrorDetail>) => (detail = e.detail)}></div>`);
    const el = document.createElement('rad-study-browser');
    el.service = service;
    holder.append(el);
    await settled(el);
    expect(detail, 'rad-error fired').to.exist;
    return { el, detail: detail! };
  }

  it('shows an error, not a blank element, when the server is down', async () => {
    const { el, detail } = await failingBrowser('http://127.0.0.1:9/dicom-web');
    expect(detail.error.kind).to.equal('network');
    expect(detail.operation).to.equal('search-studies');
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('could not be reached');
    expect(error.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(part(el, 'retry')).to.exist;
  });

  it('shows the HTTP status of a server error and retries', async () => {
    const { el, detail } = await failingBrowser('/__test/status/500');
    expect(detail.error.status).to.equal(500);
    expect(part(el, 'error')!.textContent).to.contain('HTTP 500');
    el.service = new DicomWebService({ url: '/dicom-web' });
    part(el, 'retry')!.click();
    await el.updateComplete;
    await settled(el);
    expect(rows(el).length).to.be.greaterThan(0);
  });

  it('shows a timeout distinctly', async () => {
    const { el, detail } = await failingBrowser('/__test/slow/5000');
    expect(detail.error.kind).to.equal('timeout');
    expect(part(el, 'error')!.textContent).to.contain('did not answer in time');
  });

  it('shows a loading state while the archive answers', async () => {
    const el = await fixture<RadStudyBrowser>(html`<rad-study-browser .service=${new DicomWebService({ url: '/__test/slow/800' })}></rad-study-browser>`);
    expect(part(el, 'loading')).to.exist;
    expect(part(el, 'loading')!.getAttribute('role')).to.equal('status');
    await settled(el);
    expect(part(el, 'empty')).to.exist;
  });

  it('says so when no service is configured, then searches once one is provided', async () => {
    const el = await fixture<RadStudyBrowser>(html`<rad-study-browser></rad-study-browser>`);
    await settled(el);
    expect(part(el, 'error')!.textContent).to.contain('No image archive is configured');
    el.service = new DicomWebService({ url: '/dicom-web' });
    await el.updateComplete;
    await settled(el);
    expect(rows(el).length).to.equal((await loadManifest()).studies.length);
  });

  it('searches again when the host changes a filter attribute', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    el.setAttribute('patient-id', 'TR-1009');
    await el.updateComplete;
    await settled(el);
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies.filter((s) => s.patientId === 'TR-1009')));
    expect(shadow(el).querySelector<HTMLInputElement>('input[name="patientId"]')!.value).to.equal('TR-1009');
  });
});
