// The SMART test bed on 127.0.0.1, started by the project's scripts like Orthanc: the app (a page
// with `<rad-viewer smart>` from the standalone bundle, served under the host CSP), the EHR's
// authorization server (auth-server.mjs), its FHIR server with the DICOMweb proxy (fhir-server.mjs),
// its FHIRcast hub (fhircast-hub.mjs), and an origin elsewhere that records what reaches it (a token must never).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_CSP } from '../dev-server.mjs';
import { serveHostApp } from '../host-apps/serve.mjs';
import { html, startAuthServer } from './auth-server.mjs';
import { startFhirServer } from './fhir-server.mjs';
import { startFhircastHub } from './fhircast-hub.mjs';

export const CLIENT_ID = 'telerad-viewer';

/** The app page: the viewer reads the launch from its URL; `tokenOrigins` may also receive the token. */
const appPage = (tokenOrigins) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Telerad viewer, launched from the EHR</title>
    <link rel="icon" href="data:," />
    <script type="module" src="./telerad/telerad-elements.js"></script>
  </head>
  <body>
    <rad-viewer smart smart-client-id="${CLIENT_ID}" mode="referring" token-origins="${html(tokenOrigins.join(' '))}"></rad-viewer>
  </body>
</html>
`;

/** A server that answers 404 to everything and records each request (and whether it carried a token). */
async function startElsewhere() {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push({ path: req.url, token: Boolean(req.headers.authorization) });
    res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Starts the test bed: `standaloneDir` holds the built standalone bundle; `unreachableOrigins`
 * are allowlisted on the app page though nothing answers there. Resolves to the servers' URLs,
 * their logs and `close()`.
 */
/** The EHR page's patients and their studies (FHIR ids, Study Instance UIDs, a label), from the corpus. */
const ehrPatients = (manifest) =>
  manifest.patients.map((p) => ({
    id: p.key,
    label: `${p.name?.Alphabetic ?? 'Anonymous'} (${p.id})`,
    studies: manifest.studies
      .filter((s) => s.patientKey === p.key)
      .map((s) => ({ id: s.key, uid: s.studyInstanceUID, label: `${s.studyDate ?? ''} ${s.description ?? s.key} (${(s.modalities ?? []).join('/')})` })),
  }));

export async function startSmartServers({ manifest, orthancDicomWebUrl, standaloneDir, accessTokenTtl = 300, unreachableOrigins = ['http://127.0.0.1:9'] }) {
  const appDir = mkdtempSync(join(tmpdir(), 'telerad-smart-app-'));
  cpSync(standaloneDir, join(appDir, 'telerad'), { recursive: true });
  writeFileSync(join(appDir, 'app.html'), appPage(unreachableOrigins));
  cpSync(fileURLToPath(new URL('./ehr', import.meta.url)), appDir, { recursive: true });
  // The EHR's own credential at its hub (the reporting system's side of the session).
  const ehrToken = randomUUID();
  let connect = "connect-src 'self'";
  const app = await serveHostApp(appDir, orthancDicomWebUrl, { csp: () => HOST_CSP.replace("connect-src 'self'", connect) });
  const elsewhere = await startElsewhere();
  let fhir;
  let auth;
  // The EHR's FHIRcast hub: its tokens are the authorization server's.
  const hub = await startFhircastHub({ verify: async (token) => token === ehrToken || auth.verify(token) });
  auth = await startAuthServer({ fhirBaseUrl: () => fhir.fhirBaseUrl, patients: manifest.patients.map((p) => ({ id: p.key, label: p.name?.Alphabetic ?? p.id })), clientId: CLIENT_ID, redirectUris: [`${app.url}/app.html`], hub: hub.url, accessTokenTtl });
  fhir = await startFhirServer({ manifest, orthancDicomWebUrl, verify: auth.verify, authorizationServer: auth.url, elsewhereDicomWebUrl: `${elsewhere.url}/dicom-web` });
  // The page may talk to the EHR's servers, the origin elsewhere (to prove it is not sent the token) and the unreachable archive.
  const hubSocket = hub.url.replace(/^http/, 'ws');
  connect = `connect-src 'self' ${auth.url} ${fhir.url} ${hub.url} ${hubSocket} ${elsewhere.url} ${unreachableOrigins.join(' ')}`;
  const ehrConfig = { appUrl: `${app.url}/app.html`, authUrl: auth.url, fhirBaseUrl: fhir.fhirBaseUrl, hubUrl: hub.url, ehrToken, patients: ehrPatients(manifest) };
  writeFileSync(join(appDir, 'ehr-config.json'), JSON.stringify(ehrConfig));
  return {
    appUrl: `${app.url}/app.html`,
    /** The test EHR's page: launches the viewer, and is the reporting system over FHIRcast. */
    ehrUrl: `${app.url}/ehr.html`,
    auth,
    fhir,
    elsewhere,
    hub,
    close: async () => {
      await Promise.all([app.close(), auth.close(), fhir.close(), hub.close(), elsewhere.close()]);
      rmSync(appDir, { recursive: true, force: true });
    },
  };
}
