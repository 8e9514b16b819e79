// The referring portal: an EHR's list of imaging results, each an IHE IID link to the viewer page.
// (The EHR knows its orders; here they come from the archive so that the demo has them.)
import { DicomWebService, type Study } from '@telerad/core';

const archive = new DicomWebService({ url: '/dicom-web' });
const orders = document.querySelector('#orders');

function link(text: string, params: Record<string, string>): HTMLLIElement {
  const item = document.createElement('li');
  const anchor = document.createElement('a');
  anchor.href = `./viewer.html?${new URLSearchParams(params)}`;
  anchor.textContent = text;
  item.append(anchor);
  return item;
}

const describe = (s: Study) => `${s.studyDate ?? ''} · ${s.description ?? s.modalities.join('/')} · accession ${s.accessionNumber ?? '—'}`;

const studies = await archive.searchStudies({});
const withAccession = studies.filter((s) => s.accessionNumber).sort((a, b) => (b.studyDate ?? '').localeCompare(a.studyDate ?? ''));
const patient = withAccession[0]?.patientId;
orders?.replaceChildren(
  ...withAccession.map((s) => link(describe(s), { requestType: 'STUDY', accessionNumber: s.accessionNumber ?? '' })),
  ...(patient ? [link(`All recent imaging of patient ${patient} (last 3)`, { requestType: 'PATIENT', patientID: patient, mostRecentResults: '3' })] : []),
);
