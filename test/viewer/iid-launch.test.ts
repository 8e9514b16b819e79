// IHE Invoke Image Display launch parsing: every parameter of RAD-106 and every kind of mistake.
import { expect } from '@open-wc/testing';
import { iidQuery, parseIidLaunch } from '@telerad/viewer';

const parse = (query: string) => parseIidLaunch(new URLSearchParams(query));

describe('IID launch', () => {
  it('reads a STUDY request by study UIDs and accession numbers, with the display options', () => {
    const { request, problems } = parse('requestType=STUDY&studyUID=1.2.3,1.2.4&accessionNumber=ACC-1&viewerType=IHE_BIR&diagnosticQuality=true&keyImagesOnly=false');
    expect(problems).to.deep.equal([]);
    expect(request).to.deep.equal({ requestType: 'STUDY', studyUIDs: ['1.2.3', '1.2.4'], accessionNumbers: ['ACC-1'], viewerType: 'IHE_BIR', diagnosticQuality: true, keyImagesOnly: false });
    expect(iidQuery(request!)).to.deep.equal([{ studyInstanceUIDs: ['1.2.3', '1.2.4'] }, { accessionNumber: 'ACC-1' }]);
  });

  it('reads a PATIENT request: HL7 CX patient ID with issuer, date-time bounds, most recent results, modalities', () => {
    const { request, problems } = parse(
      `requestType=PATIENT&patientID=${encodeURIComponent('TR-1009^^^&1.2.840.99&ISO')}&lowerDateTime=2025-01-01T00:00:00Z&upperDateTime=2026-12-31T23:59:59Z&mostRecentResults=2&modalitiesInStudy=CT,MR`,
    );
    expect(problems).to.deep.equal([]);
    expect(request).to.deep.equal({
      requestType: 'PATIENT',
      patientId: 'TR-1009',
      issuer: '1.2.840.99',
      lowerDateTime: '2025-01-01T00:00:00Z',
      upperDateTime: '2026-12-31T23:59:59Z',
      mostRecentResults: 2,
      modalities: ['CT', 'MR'],
    });
    expect(iidQuery(request!)).to.deep.equal([
      { patientId: 'TR-1009', issuerOfPatientId: '1.2.840.99', studyDate: { from: '2025-01-01', to: '2026-12-31' }, modalities: ['CT', 'MR'] },
    ]);
  });

  it('lists every problem: missing, unknown and invalid parameters', () => {
    expect(parse('').problems).to.deep.equal([{ kind: 'missing', parameter: 'requestType' }]);
    expect(parse('requestType=SERIES').problems).to.deep.equal([{ kind: 'invalid', parameter: 'requestType', value: 'SERIES' }]);
    expect(parse('requestType=STUDY&seriesUID=1.2&diagnosticQuality=yes').problems).to.deep.equal([
      { kind: 'unknown', parameter: 'seriesUID' },
      { kind: 'invalid', parameter: 'diagnosticQuality', value: 'yes' },
      { kind: 'missing', parameter: 'studyUID' },
    ]);
    expect(parse('requestType=STUDY&studyUID=not-a-uid').problems).to.deep.equal([{ kind: 'invalid', parameter: 'studyUID', value: 'not-a-uid' }]);
    expect(parse('requestType=PATIENT&lowerDateTime=yesterday&mostRecentResults=0').problems).to.deep.equal([
      { kind: 'missing', parameter: 'patientID' },
      { kind: 'invalid', parameter: 'lowerDateTime', value: 'yesterday' },
      { kind: 'invalid', parameter: 'mostRecentResults', value: '0' },
    ]);
    expect(parse('requestType=PATIENT&patientID=P1&studyUID=1.2').problems, 'STUDY parameters in a PATIENT request').to.deep.equal([{ kind: 'unknown', parameter: 'studyUID' }]);
  });

  it('takes a bearer token out of the request', () => {
    const { request, token, problems } = parse('requestType=STUDY&studyUID=1.2.3&access_token=abc');
    expect([token, problems]).to.deep.equal(['abc', []]);
    expect(request?.requestType).to.equal('STUDY');
  });
});
