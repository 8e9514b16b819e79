import { expect } from '@open-wc/testing';
import { AuthPolicy, DicomWebService } from '@telerad/core';

/** The same test server under its other name: a different origin for the browser. */
const otherOrigin = () => location.origin.replace('localhost', '127.0.0.1');

describe('credentials allowlist', () => {
  const provider = async () => 'secret-token';

  it('gives headers only for allowlisted origins', async () => {
    const policy = new AuthPolicy(['https://pacs.example.org'], provider);
    expect(await policy.headersFor('https://pacs.example.org/dicom-web/studies')).to.deep.equal({ Authorization: 'Bearer secret-token' });
    expect(await policy.headersFor('https://pacs.example.org.evil.test/dicom-web')).to.deep.equal({});
    expect(await policy.headersFor('http://pacs.example.org/dicom-web')).to.deep.equal({}, 'scheme is part of the origin');
    expect(await policy.headersFor('https://pacs.example.org:8443/dicom-web')).to.deep.equal({}, 'port is part of the origin');
    expect(await policy.headersFor('not a url ::')).to.deep.equal({});
  });

  it('passes header maps through and sends nothing without a token', async () => {
    const headers = new AuthPolicy(['https://a.test'], async () => ({ 'X-Api-Key': 'k' }));
    expect(await headers.headersFor('https://a.test/x')).to.deep.equal({ 'X-Api-Key': 'k' });
    const none = new AuthPolicy(['https://a.test'], async () => null);
    expect(await none.headersFor('https://a.test/x')).to.deep.equal({});
  });

  it('attaches the token on the wire to the service origin', async () => {
    const service = new DicomWebService({ url: '/__test/echo/', tokenProvider: provider });
    const [study] = await service.searchStudies();
    expect(study.description).to.equal('Bearer secret-token');
  });

  it('never attaches the token to a request to a non-allowlisted origin', async () => {
    expect(otherOrigin()).to.not.equal(location.origin);
    let asked = 0;
    const service = new DicomWebService({
      url: `${otherOrigin()}/__test/echo/`,
      authOrigins: [location.origin],
      tokenProvider: async () => {
        asked += 1;
        return 'secret-token';
      },
    });
    const [study] = await service.searchStudies();
    expect(study.description).to.equal('none');
    expect(asked).to.equal(0, 'the token provider is not even asked');
  });

  it('sends the token cross-origin only when that origin is allowlisted', async () => {
    const service = new DicomWebService({ url: `${otherOrigin()}/__test/echo/`, authOrigins: [otherOrigin()], tokenProvider: provider });
    const [study] = await service.searchStudies();
    expect(study.description).to.equal('Bearer secret-token');
  });
});
