// IHE Invoke Image Display (RAD TF-2 4.106): the launch request a viewer reads from its URL.
import type { StudyQuery } from '@telerad/core';

interface LaunchOptions {
  /** IHE_BIR, or absent. */
  viewerType?: string;
  diagnosticQuality?: boolean;
  keyImagesOnly?: boolean;
}

export type IidRequest =
  | ({ requestType: 'STUDY'; studyUIDs: string[]; accessionNumbers: string[] } & LaunchOptions)
  | ({
      requestType: 'PATIENT';
      patientId: string;
      issuer?: string;
      /** ISO date-times bounding the study dates. */
      lowerDateTime?: string;
      upperDateTime?: string;
      mostRecentResults?: number;
      modalities: string[];
    } & LaunchOptions);

/** What a problem with a launch is about, for a localized message. */
export type LaunchProblem =
  | { kind: 'missing'; parameter: string }
  | { kind: 'unknown'; parameter: string }
  | { kind: 'invalid'; parameter: string; value: string };

export type LaunchResult =
  | { request: IidRequest; token?: string; problems: [] }
  | { request?: undefined; token?: string; problems: LaunchProblem[] };

const COMMON = ['requestType', 'viewerType', 'diagnosticQuality', 'keyImagesOnly'];
const PARAMETERS = {
  STUDY: [...COMMON, 'studyUID', 'accessionNumber'],
  PATIENT: [...COMMON, 'patientID', 'lowerDateTime', 'upperDateTime', 'mostRecentResults', 'modalitiesInStudy'],
};
/** Launch URL parameters that carry a credential rather than a request. */
export const TOKEN_PARAMETERS = ['access_token', 'token'];

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const UID = /^[0-9]+(\.[0-9]+)*$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Reads launch parameters, listing each problem it meets (all of them, not just the first). */
class LaunchReader {
  readonly problems: LaunchProblem[] = [];
  constructor(readonly params: URLSearchParams) {}

  get(parameter: string): string | null {
    return this.params.get(parameter);
  }

  invalid(parameter: string, value: string): void {
    this.problems.push({ kind: 'invalid', parameter, value });
  }

  /** A true/false parameter; undefined when absent. */
  flag(parameter: string): boolean | undefined {
    const value = this.get(parameter);
    if (value === null) return undefined;
    if (value !== 'true' && value !== 'false') this.invalid(parameter, value);
    return value === 'true';
  }

  /** An ISO date-time parameter, as given. */
  dateTime(parameter: string): string | undefined {
    const value = this.get(parameter);
    if (value !== null && !DATE_TIME.test(value)) this.invalid(parameter, value);
    return value ?? undefined;
  }

  /** The options both request types take. */
  options(): LaunchOptions {
    const viewerType = this.get('viewerType');
    const diagnosticQuality = this.flag('diagnosticQuality');
    const keyImagesOnly = this.flag('keyImagesOnly');
    return {
      ...(viewerType ? { viewerType } : {}),
      ...(diagnosticQuality !== undefined ? { diagnosticQuality } : {}),
      ...(keyImagesOnly !== undefined ? { keyImagesOnly } : {}),
    };
  }
}

function studyRequest(launch: LaunchReader, options: LaunchOptions): IidRequest {
  const studyUIDs = list(launch.get('studyUID'));
  const accessionNumbers = list(launch.get('accessionNumber'));
  for (const uid of studyUIDs.filter((u) => !UID.test(u))) launch.invalid('studyUID', uid);
  if (!studyUIDs.length && !accessionNumbers.length) launch.problems.push({ kind: 'missing', parameter: 'studyUID' });
  return { requestType: 'STUDY', studyUIDs, accessionNumbers, ...options };
}

function patientRequest(launch: LaunchReader, options: LaunchOptions): IidRequest {
  // patientID is an HL7 CX: ID^^^&issuer OID&ISO (or ^^^issuer namespace).
  const [patientId = '', , , authority = ''] = (launch.get('patientID') ?? '').split('^');
  const issuer = authority.split('&').find(Boolean);
  if (!patientId) launch.problems.push({ kind: 'missing', parameter: 'patientID' });
  const lowerDateTime = launch.dateTime('lowerDateTime');
  const upperDateTime = launch.dateTime('upperDateTime');
  const recent = launch.get('mostRecentResults');
  if (recent !== null && !/^[1-9]\d*$/.test(recent)) launch.invalid('mostRecentResults', recent);
  return {
    requestType: 'PATIENT',
    patientId,
    ...(issuer ? { issuer } : {}),
    ...(lowerDateTime ? { lowerDateTime } : {}),
    ...(upperDateTime ? { upperDateTime } : {}),
    ...(recent ? { mostRecentResults: Number(recent) } : {}),
    modalities: list(launch.get('modalitiesInStudy')),
    ...options,
  };
}

/** Reads an IID launch from URL parameters; every problem is listed, not just the first. */
export function parseIidLaunch(params: URLSearchParams): LaunchResult {
  const token = TOKEN_PARAMETERS.map((p) => params.get(p)).find((t): t is string => Boolean(t));
  const requestType = params.get('requestType');
  if (!requestType) return { token, problems: [{ kind: 'missing', parameter: 'requestType' }] };
  if (requestType !== 'STUDY' && requestType !== 'PATIENT')
    return { token, problems: [{ kind: 'invalid', parameter: 'requestType', value: requestType }] };
  const launch = new LaunchReader(params);
  for (const key of new Set(params.keys())) {
    if (!PARAMETERS[requestType].includes(key) && !TOKEN_PARAMETERS.includes(key))
      launch.problems.push({ kind: 'unknown', parameter: key });
  }
  const options = launch.options();
  const request = requestType === 'STUDY' ? studyRequest(launch, options) : patientRequest(launch, options);
  return launch.problems.length ? { token, problems: launch.problems } : { token, problems: [], request };
}

/** The QIDO-RS query that finds a request's studies. */
export function iidQuery(request: IidRequest): StudyQuery[] {
  if (request.requestType === 'STUDY') {
    return [
      ...(request.studyUIDs.length ? [{ studyInstanceUIDs: request.studyUIDs }] : []),
      ...request.accessionNumbers.map((accessionNumber) => ({ accessionNumber })),
    ];
  }
  const day = (dateTime?: string) => dateTime?.slice(0, 10);
  const from = day(request.lowerDateTime);
  const to = day(request.upperDateTime);
  return [
    {
      patientId: request.patientId,
      ...(request.issuer ? { issuerOfPatientId: request.issuer } : {}),
      ...(from || to ? { studyDate: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
      ...(request.modalities.length ? { modalities: request.modalities } : {}),
    },
  ];
}
