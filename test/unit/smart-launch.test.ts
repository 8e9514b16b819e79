// The SMART launch's pure parts: the scope asked of a server (v2, or v1 for a server without v2)
// and the failure an authorization server's redirect carries.
import { expect } from '@open-wc/testing';
import { authorizationFailure, dicomWebUrlOf, scopeFor, SMART_SCOPE } from '../../packages/viewer/src/rad-viewer/smart-launch.js';

describe('SMART launch', () => {
  it('asks v2 scopes, and their v1 forms of a server that lists permission-v1 without permission-v2', () => {
    expect(scopeFor(SMART_SCOPE, ['launch-ehr', 'permission-v2', 'permission-v1'])).to.equal(SMART_SCOPE);
    expect(scopeFor(SMART_SCOPE, [])).to.equal(SMART_SCOPE);
    expect(scopeFor(SMART_SCOPE, ['launch-ehr', 'permission-v1'])).to.equal(
      'launch openid fhirUser online_access patient/ImagingStudy.read patient/DiagnosticReport.read patient/DiagnosticReport.write',
    );
  });

  it('reads a denied consent and a refused launch from the redirect', () => {
    expect(authorizationFailure(new URLSearchParams('code=x&state=y'))).to.equal(undefined);
    const denied = authorizationFailure(new URLSearchParams('error=access_denied&state=y'))!;
    expect([denied.reason, denied.detail]).to.deep.equal(['denied', 'access_denied']);
    const refused = authorizationFailure(new URLSearchParams('error=invalid_request&error_description=The+launch+has+expired.'))!;
    expect([refused.reason, refused.detail]).to.deep.equal(['launch-rejected', 'The launch has expired.']);
  });
});

describe('SMART launch: the study’s archive', () => {
  const FHIR = 'https://ehr.example.org/fhir';
  /** A fhirclient Client stand-in: its server, and the resources it reads. */
  const client = (resources: Record<string, unknown>) =>
    ({ state: { serverUrl: FHIR }, request: async (path: string) => resources[path] }) as unknown as Parameters<typeof dicomWebUrlOf>[0];
  /** The server's SMART configuration, as fetch answers it during `run`. */
  async function withConfiguration<T>(configuration: object, run: () => Promise<T>): Promise<T> {
    const real = window.fetch;
    window.fetch = async () => new Response(JSON.stringify(configuration), { headers: { 'content-type': 'application/json' } });
    try {
      return await run();
    } finally {
      window.fetch = real;
    }
  }
  const wado = { resourceType: 'Endpoint', connectionType: { code: 'dicom-wado-rs' }, address: 'https://pacs.example.org/dicom-web' };
  const imagingAccess = { associated_endpoints: [{ url: 'https://ehr.example.org/dicom-web', capabilities: ['smart-imaging-access'] }] };

  it('takes the study’s dicom-wado-rs Endpoint, passing over others', async () => {
    const other = { resourceType: 'Endpoint', connectionType: { code: 'hl7-fhir-rest' }, address: 'https://x' };
    const study = { endpoint: [{ reference: 'Endpoint/fhir' }, { reference: 'Endpoint/wado' }] };
    const url = await withConfiguration({}, () => dicomWebUrlOf(client({ 'Endpoint/fhir': other, 'Endpoint/wado': wado }), study));
    expect(url).to.equal(wado.address);
  });

  it('falls back to the server’s SMART Imaging Access endpoint, and fails without one', async () => {
    expect(await withConfiguration(imagingAccess, () => dicomWebUrlOf(client({}), {}))).to.equal('https://ehr.example.org/dicom-web');
    const failure = await withConfiguration({}, () => dicomWebUrlOf(client({}), {}).catch((e: unknown) => e));
    expect((failure as { reason?: string }).reason).to.equal('no-endpoint');
  });
});
