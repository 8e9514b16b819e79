// SMART App Launch 2.x for the viewer, through fhirclient (the SMART on FHIR JavaScript client):
// discovery, authorization code with PKCE (S256) and state, the token (in memory only, see
// smart-storage.ts) refreshed before it expires; then from the launch context to images: the
// ImagingStudy (the context's, else the patient's latest), its DICOMweb endpoint (its Endpoint with
// connection type dicom-wado-rs, else the server's SMART Imaging Access endpoint) and its Study
// Instance UID. fhirclient is loaded only when a launch happens.
import type Client from 'fhirclient/lib/Client.js';
import type { fhirclient } from 'fhirclient/lib/types.js';
import { SmartStorage } from './smart-storage.js';

/** The scopes asked for by default (SMART v2), and their v1 forms for servers without v2. */
export const SMART_SCOPE = 'launch openid fhirUser online_access patient/ImagingStudy.rs patient/DiagnosticReport.crus';
const V1_SCOPES: Record<string, string> = {
  'patient/ImagingStudy.rs': 'patient/ImagingStudy.read',
  'patient/DiagnosticReport.crus': 'patient/DiagnosticReport.read patient/DiagnosticReport.write',
};

/** The parameters of a launch that the viewer takes out of the address bar once read. */
export const SMART_PARAMETERS = ['iss', 'launch', 'code', 'state', 'error', 'error_description', 'error_uri'];

export interface SmartOptions {
  clientId: string;
  /** Default: SMART_SCOPE (v2), turned into v1 scopes for a server that does not list `permission-v2`. */
  scope?: string;
  /** Default: the page's address without its query. */
  redirectUri?: string;
  /** The FHIR server (an EHR launch gives it; a standalone launch must). */
  iss?: string;
  /** The EHR's launch id (EHR launch). */
  launch?: string;
}

/** Why a launch failed, for the message and the `rad-smart-failed` event. */
export type SmartFailureReason =
  | 'denied'
  | 'launch-rejected'
  | 'discovery'
  | 'token'
  | 'fhir'
  | 'no-imaging-study'
  | 'no-endpoint'
  | 'endpoint-not-allowed';

export class SmartLaunchError extends Error {
  override name = 'SmartLaunchError';
  constructor(
    readonly reason: SmartFailureReason,
    /** What the server or library said, for developers (never patient data). */
    readonly detail?: string,
  ) {
    super(`SMART launch failed: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

/** What a completed launch gives the viewer: where the images are and how to ask for them. */
export interface SmartContext {
  fhirBaseUrl: string;
  studyInstanceUID: string;
  /** The DICOMweb base URL of the study's archive. */
  dicomWebUrl: string;
  /** The access token, refreshed first when it is about to expire. */
  accessToken(): Promise<string>;
  /** FHIRcast hub and topic from the token response, where the EHR gave them. */
  hub?: { url: string; topic: string };
  /** The launch's patient and ImagingStudy (FHIR ids), for FHIRcast context. */
  patientId?: string;
  imagingStudyId?: string;
  client: Client;
}

const storage = new SmartStorage();

async function smartApi(): Promise<fhirclient.SMART> {
  const loaded = await import('fhirclient/lib/adapters/BrowserAdapter.js');
  // A CommonJS module: bundlers give its `exports.default` as the default export, or the exports whole.
  const exported = loaded.default as typeof loaded.default | { default: typeof loaded.default };
  const BrowserAdapter = 'default' in exported ? exported.default : exported;
  class MemoryAdapter extends BrowserAdapter {
    override getStorage() {
      return storage as unknown as ReturnType<InstanceType<typeof BrowserAdapter>['getStorage']>;
    }
  }
  return new MemoryAdapter({ replaceBrowserHistory: true }).getSmartApi();
}

/** The server's SMART configuration (`.well-known/smart-configuration`). */
async function discover(iss: string): Promise<Record<string, unknown>> {
  try {
    const response = await fetch(`${iss.replace(/\/*$/, '')}/.well-known/smart-configuration`, {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  } catch (error) {
    throw new SmartLaunchError('discovery', error instanceof Error ? error.message : String(error));
  }
}

/** The scope asked for: v2 where the server lists `permission-v2` (or says nothing of versions), else v1. */
export function scopeFor(scope: string, capabilities: readonly string[]): string {
  const v1Only = capabilities.includes('permission-v1') && !capabilities.includes('permission-v2');
  return v1Only ? scope.replace(/\S+/g, (s) => V1_SCOPES[s] ?? s) : scope;
}

/** Starts the launch: discovery, then the redirect to the authorization server (the page leaves). */
export async function authorize(options: SmartOptions): Promise<void> {
  if (!options.iss) throw new SmartLaunchError('discovery', 'no FHIR server (iss) given');
  const configuration = await discover(options.iss);
  const capabilities = Array.isArray(configuration.capabilities) ? (configuration.capabilities as string[]) : [];
  const smart = await smartApi();
  await smart.authorize({
    clientId: options.clientId,
    scope: scopeFor(options.scope ?? SMART_SCOPE, capabilities),
    redirectUri: options.redirectUri ?? `${location.origin}${location.pathname}`,
    iss: options.iss,
    ...(options.launch ? { launch: options.launch } : {}),
    pkceMode: 'required',
    // An EHR often opens the viewer in a window of its own (a popup, to fhirclient): the launch
    // completes there, not in the EHR's window.
    completeInTarget: true,
  });
}

/** The failure an authorization server's redirect carries (`error=…`), if it carries one. */
export function authorizationFailure(params: URLSearchParams): SmartLaunchError | undefined {
  const error = params.get('error');
  if (!error) return undefined;
  const description = params.get('error_description') ?? error;
  return new SmartLaunchError(error === 'access_denied' ? 'denied' : 'launch-rejected', description);
}

/** Completes the launch on the redirect back (code and state in the address), and finds the study. */
export async function complete(tokenOrigins: readonly string[]): Promise<SmartContext> {
  const smart = await smartApi();
  let client: Client;
  try {
    client = await smart.ready();
  } catch (error) {
    throw new SmartLaunchError('token', error instanceof Error ? error.message : String(error));
  }
  try {
    return await contextOf(client, tokenOrigins);
  } catch (error) {
    if (error instanceof SmartLaunchError) throw error;
    // The FHIR server answered with an error (an HttpError) or not at all.
    throw new SmartLaunchError('fhir', error instanceof Error ? error.message : String(error));
  }
}

const referenceId = (reference: string | undefined, type: string) =>
  reference?.startsWith(`${type}/`) ? reference.slice(type.length + 1) : undefined;

export type Resource = Record<string, unknown> & { resourceType?: string; id?: string };

/** The launch's ImagingStudy: the one in the context, else the patient's latest. */
async function imagingStudyOf(client: Client): Promise<Resource> {
  const response = client.state.tokenResponse ?? {};
  const fhirContext = (response.fhirContext as { reference?: string }[] | undefined) ?? [];
  const id =
    fhirContext.map((c) => referenceId(c.reference, 'ImagingStudy')).find(Boolean) ??
    (response.imagingStudy as string | undefined);
  if (id) return (await client.request(`ImagingStudy/${encodeURIComponent(id)}`)) as Resource;
  const patient = client.patient.id;
  if (!patient) throw new SmartLaunchError('no-imaging-study', 'the launch gives no patient and no study');
  const bundle = (await client.request(
    `ImagingStudy?patient=Patient/${encodeURIComponent(String(patient))}&_sort=-started&_count=1`,
  )) as { entry?: { resource: Resource }[] };
  const study = bundle.entry?.[0]?.resource;
  if (!study) throw new SmartLaunchError('no-imaging-study', 'the patient has no ImagingStudy');
  return study;
}

/** The study's DICOMweb base URL: its dicom-wado-rs Endpoint, else the server's imaging endpoint. */
export async function dicomWebUrlOf(client: Client, study: Resource): Promise<string> {
  const references = (study.endpoint as { reference?: string }[] | undefined) ?? [];
  for (const reference of references) {
    const id = referenceId(reference.reference, 'Endpoint');
    if (!id) continue;
    const endpoint = (await client.request(`Endpoint/${encodeURIComponent(id)}`)) as Resource & {
      connectionType?: { code?: string };
      address?: string;
    };
    if (endpoint.connectionType?.code === 'dicom-wado-rs' && endpoint.address) return endpoint.address;
  }
  const configuration = await discover(client.state.serverUrl);
  const associated = (configuration.associated_endpoints as { url: string; capabilities?: string[] }[]) ?? [];
  const imaging = associated.find((e) => e.capabilities?.includes('smart-imaging-access'));
  if (imaging) return imaging.url;
  throw new SmartLaunchError('no-endpoint', 'the ImagingStudy names no dicom-wado-rs endpoint');
}

/** The Study Instance UID of an ImagingStudy (its urn:dicom:uid identifier), if it has one. */
export function dicomStudyUid(study: Resource | undefined): string | undefined {
  const identifiers = (study?.identifier as { system?: string; value?: string }[] | undefined) ?? [];
  return identifiers.find((i) => i.system === 'urn:dicom:uid')?.value?.replace(/^urn:oid:/, '');
}

/** The launch study's Study Instance UID; a study without one cannot be opened. */
function studyUidOf(study: Resource): string {
  const uid = dicomStudyUid(study);
  if (!uid) throw new SmartLaunchError('no-imaging-study', 'the ImagingStudy has no Study Instance UID');
  return uid;
}

async function contextOf(client: Client, tokenOrigins: readonly string[]): Promise<SmartContext> {
  const fhirBaseUrl = client.state.serverUrl;
  const study = await imagingStudyOf(client);
  const dicomWebUrl = await dicomWebUrlOf(client, study);
  const allowed = new Set([new URL(fhirBaseUrl).origin, ...tokenOrigins.map((o) => new URL(o).origin)]);
  const archive = new URL(dicomWebUrl, location.href).origin;
  if (!allowed.has(archive)) throw new SmartLaunchError('endpoint-not-allowed', archive);
  const response = client.state.tokenResponse ?? {};
  const hubUrl = response['hub.url'] as string | undefined;
  const topic = response['hub.topic'] as string | undefined;
  return {
    fhirBaseUrl,
    studyInstanceUID: studyUidOf(study),
    dicomWebUrl,
    accessToken: async () => {
      await client.refreshIfNeeded();
      return String(client.state.tokenResponse?.access_token ?? '');
    },
    ...(hubUrl && topic ? { hub: { url: hubUrl, topic } } : {}),
    ...(client.patient.id ? { patientId: String(client.patient.id) } : {}),
    ...(study.id ? { imagingStudyId: study.id } : {}),
    client,
  };
}

/** Forgets the launch: the token in memory, and what waited in sessionStorage for the redirect. */
export function forgetLaunch(): void {
  const key = sessionStorage.getItem('SMART_KEY');
  storage.clear(['SMART_KEY', ...(key ? [JSON.parse(key) as string] : [])]);
}
