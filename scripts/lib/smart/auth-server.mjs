// The SMART authorization server of the tests and the demo: oidc-provider (a certified OpenID
// Connect provider) configured as an EHR's SMART App Launch 2.x server on 127.0.0.1 — public
// clients with PKCE (S256), EHR launch (`launch`) and standalone launch (`launch/patient`, the
// patient picked on the consent page), v2 and v1 scopes, refresh tokens, and the launch context
// (`patient`, `fhirContext` with the ImagingStudy, FHIRcast `hub.url` / `hub.topic`) in the token
// response. Its sign-in and consent page is its own (two buttons the tests press); a test peer,
// not a product.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import Provider from 'oidc-provider';

/** The scopes the server grants: SMART v2 and their v1 forms, OpenID Connect, launch and refresh. */
export const SMART_SCOPES = [
  'openid',
  'fhirUser',
  'launch',
  'launch/patient',
  'offline_access',
  'online_access',
  'patient/ImagingStudy.rs',
  'patient/DiagnosticReport.crus',
  'patient/Patient.rs',
  'patient/ImagingStudy.read',
  'patient/DiagnosticReport.read',
  'patient/DiagnosticReport.write',
  'patient/Patient.read',
];

/** The reader who signs in (one account: the tests' radiologist). */
const READER = { id: 'reader-1', name: 'Dr. Rhea Reader' };

/** Text for an HTML page (the test servers' pages hold names from the corpus, some hostile). */
export const html = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The sign-in and consent page: the app, the scopes asked for, the patient (the launch's, or a
 * choice for a standalone launch), and Allow / Deny.
 */
function consentPage({ uid, clientId, scopes, launchPatient, patients }) {
  const choice = launchPatient
    ? `<p>Patient: <strong>${html(launchPatient.label)}</strong></p>`
    : `<label>Patient <select name="patient">${patients.map((p) => `<option value="${html(p.id)}">${html(p.label)}</option>`).join('')}</select></label>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize ${html(clientId)}</title></head>
<body><main><h1>Authorize ${html(clientId)}</h1><p>Signed in as ${html(READER.name)}.</p>
<form method="post" action="/interaction/${html(uid)}">${choice}
<p>The app asks for:</p><ul>${scopes.map((s) => `<li>${html(s)}</li>`).join('')}</ul>
<button name="decision" value="allow">Allow</button> <button name="decision" value="deny">Deny</button>
</form></main></body></html>`;
}

async function formBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function jsonBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return JSON.parse(body || '{}');
}

/**
 * Starts the server. `fhirBaseUrl`: the FHIR server its tokens are for (or a function giving it); `patients`: [{ id, label }]
 * offered to a standalone launch; `redirectUris`: the registered client's; `hub`: the FHIRcast hub
 * URL given with the context. Resolves to { url, issuer, provider, createLaunch(context), verify(token), close() }.
 */
export async function startAuthServer({ fhirBaseUrl, patients, clientId = 'telerad-viewer', redirectUris, hub, accessTokenTtl = 300 }) {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  /** EHR launches by id, and the context granted by grant id (kept for refreshed tokens). */
  const launches = new Map();
  const contexts = new Map();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(url, {
    clients: [{ client_id: clientId, token_endpoint_auth_method: 'none', redirect_uris: redirectUris, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }],
    scopes: SMART_SCOPES,
    claims: { openid: ['sub'], fhirUser: ['fhirUser'] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, fhirUser: `${typeof fhirBaseUrl === 'function' ? fhirBaseUrl() : fhirBaseUrl}/Practitioner/${id}` }) }),
    extraParams: ['launch', 'aud'],
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    clientBasedCORS: () => true,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: { AccessToken: accessTokenTtl, AuthorizationCode: 60, IdToken: 3600, RefreshToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
    cookies: { keys: [randomUUID()] },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'smart-test' }] },
  });
  // The launch context in the token response (SMART App Launch 2.1: `patient`, `fhirContext`), for refreshed tokens too.
  const tokenGrants = [];
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || ctx.method !== 'POST' || !ctx.body?.access_token) return;
    tokenGrants.push(ctx.oidc?.params?.grant_type);
    const token = await provider.AccessToken.find(ctx.body.access_token);
    const context = token && contexts.get(token.grantId);
    if (!context) return;
    Object.assign(ctx.body, { patient: context.patient, need_patient_banner: false });
    if (context.imagingStudy) Object.assign(ctx.body, { fhirContext: [{ reference: `ImagingStudy/${context.imagingStudy}` }] });
    if (hub) Object.assign(ctx.body, { 'hub.url': hub, 'hub.topic': context.topic });
  });
  const providerCallback = provider.callback();
  server.on('request', (req, res) => {
    const path = new URL(req.url, url).pathname;
    if (path.startsWith('/interaction/')) return void interaction(req, res).catch((error) => fail(res, error));
    if (path === '/launches' && req.method === 'POST') return void createLaunchFrom(req, res).catch((error) => fail(res, error));
    if (path === '/token' && req.method === 'POST') return void identifyRefresh(req, res).catch((error) => fail(res, error));
    providerCallback(req, res);
  });

  /**
   * A public client's refresh as fhirclient sends it (RFC 6749 6: no client_id): the client is the
   * refresh token's, named for oidc-provider, which identifies every client at its token endpoint.
   */
  async function identifyRefresh(req, res) {
    const body = await formBody(req);
    const refresh = body.get('grant_type') === 'refresh_token' && !body.get('client_id') && (await provider.RefreshToken.find(body.get('refresh_token') ?? ''));
    if (refresh) body.set('client_id', refresh.clientId);
    const text = body.toString();
    const replay = Readable.from([Buffer.from(text)]);
    Object.assign(replay, { method: req.method, url: req.url, headers: { ...req.headers, 'content-length': String(Buffer.byteLength(text)) }, socket: req.socket, connection: req.socket, httpVersion: req.httpVersion });
    providerCallback(replay, res);
  }

  const fail = (res, error) => {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error?.message ?? error));
  };

  /** An EHR launch: its context kept under a new opaque id (what the EHR puts in `launch`). */
  function createLaunch({ patient, imagingStudy, topic = randomUUID() }) {
    const launch = randomUUID();
    launches.set(launch, { patient, imagingStudy, topic });
    return launch;
  }

  async function createLaunchFrom(req, res) {
    const launch = createLaunch(await jsonBody(req));
    res.writeHead(201, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify({ launch }));
  }

  async function interaction(req, res) {
    const details = await provider.interactionDetails(req, res);
    const { uid, params } = details;
    const launch = params.launch ? launches.get(params.launch) : undefined;
    if (params.launch && !launch) {
      return provider.interactionFinished(req, res, { error: 'invalid_request', error_description: 'The launch is unknown or has expired.' }, { mergeWithLastSubmission: false });
    }
    const scopes = String(params.scope ?? '').split(' ').filter((s) => SMART_SCOPES.includes(s));
    if (req.method === 'GET') {
      const launchPatient = launch && patients.find((p) => p.id === launch.patient);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(consentPage({ uid, clientId: params.client_id, scopes, launchPatient, patients }));
      return;
    }
    const form = await formBody(req);
    if (form.get('decision') !== 'allow') {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user denied access to the app.' }, { mergeWithLastSubmission: false });
    }
    const grant = new provider.Grant({ accountId: READER.id, clientId: params.client_id });
    grant.addOIDCScope(scopes.join(' '));
    const grantId = await grant.save();
    contexts.set(grantId, launch ?? { patient: form.get('patient'), topic: randomUUID() });
    await provider.interactionFinished(req, res, { login: { accountId: READER.id }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  /** The access token's grant (scopes, context) if it is one this server issued and it has not expired. */
  async function verify(accessToken) {
    const token = accessToken && (await provider.AccessToken.find(accessToken));
    if (!token || token.isExpired) return undefined;
    return { scopes: new Set(String(token.scope ?? '').split(' ')), context: contexts.get(token.grantId) };
  }

  return {
    url,
    issuer: url,
    provider,
    createLaunch,
    verify,
    /** The grant type of each token issued (authorization_code, refresh_token). */
    tokenGrants,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
