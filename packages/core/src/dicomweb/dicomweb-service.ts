import * as DICOMwebClient from 'dicomweb-client';
import type { DicomJsonDataset } from '../dicom/json.js';
import { toInstance, toSeries, toStudy, type Instance, type Series, type Study } from '../dicom/models.js';
import { AuthPolicy, type TokenProvider } from './auth.js';
import { DicomWebError } from './errors.js';
import { clientSideTextFilter, studyQueryParams, type StudyQuery } from './query.js';

export interface DicomWebServiceOptions {
  /** Base URL of the DICOMweb service (QIDO/WADO/STOW roots), absolute or relative to the page. */
  url: string;
  /** Supplies credentials; they are sent only to `authOrigins`. */
  tokenProvider?: TokenProvider;
  /** Origins allowed to receive credentials. Defaults to the origin of `url` only. */
  authOrigins?: string[];
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

interface ClientRequest {
  instance: XMLHttpRequest;
}

/** The slice of dicomweb-client's API the service uses, typed (its own typings are loose). */
interface DicomWebClientApi {
  searchForStudies(o: { queryParams?: Record<string, string>; request?: ClientRequest }): Promise<unknown>;
  searchForSeries(o: { studyInstanceUID: string; queryParams?: Record<string, string>; request?: ClientRequest }): Promise<unknown>;
  searchForInstances(o: {
    studyInstanceUID: string;
    seriesInstanceUID: string;
    queryParams?: Record<string, string>;
    request?: ClientRequest;
  }): Promise<unknown>;
  retrieveSeriesMetadata(o: { studyInstanceUID: string; seriesInstanceUID: string; request?: ClientRequest }): Promise<unknown>;
}

interface ClientError {
  status?: number;
  request?: XMLHttpRequest;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Commas are legal in a query string; some servers (Orthanc) do not decode "%2C" in includefield. */
function withLiteralCommas(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query) + url.slice(query).replaceAll('%2C', ',');
}

function mapResults<T>(results: DicomJsonDataset[], map: (dataset: DicomJsonDataset) => T, url: string): T[] {
  try {
    return results.map(map);
  } catch (error) {
    throw new DicomWebError('bad-response', 200, url, (error as Error).message);
  }
}

/**
 * DICOMweb (QIDO-RS, WADO-RS) over dicomweb-client, with AbortSignal support, timeouts, typed
 * errors, and credentials attached only for allowlisted origins. Results are mapped to models
 * once, here.
 */
export class DicomWebService {
  readonly url: string;
  readonly auth: AuthPolicy;
  readonly timeoutMs: number;
  readonly #client: DicomWebClientApi;

  constructor(options: DicomWebServiceOptions) {
    this.url = new URL(options.url, globalThis.location?.href).href.replace(/\/+$/, '');
    this.auth = new AuthPolicy(options.authOrigins ?? [this.url], options.tokenProvider);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // verbose: false — the client would otherwise log failed requests, URLs with patient data included.
    this.#client = new DICOMwebClient.api.DICOMwebClient({ url: this.url, verbose: false, singlepart: false }) as unknown as DicomWebClientApi;
  }

  async searchStudies(query: StudyQuery = {}, options: RequestOptions = {}): Promise<Study[]> {
    const results = await this.#call(options, (request) =>
      this.#client.searchForStudies({ queryParams: studyQueryParams(query), request }),
    );
    const studies = mapResults(results, toStudy, this.url);
    const filter = clientSideTextFilter(query);
    return filter ? studies.filter(filter) : studies;
  }

  async searchSeries(studyInstanceUID: string, options: RequestOptions = {}): Promise<Series[]> {
    const results = await this.#call(options, (request) =>
      this.#client.searchForSeries({ studyInstanceUID, queryParams: { includefield: '00201209' }, request }),
    );
    return mapResults(results, toSeries, this.url);
  }

  async searchInstances(studyInstanceUID: string, seriesInstanceUID: string, options: RequestOptions = {}): Promise<Instance[]> {
    const results = await this.#call(options, (request) =>
      this.#client.searchForInstances({ studyInstanceUID, seriesInstanceUID, queryParams: { includefield: '00280008,00280010,00280011' }, request }),
    );
    return mapResults(results, toInstance, this.url);
  }

  /** WADO-RS series metadata: one DICOM JSON data set per instance, unmapped. */
  retrieveSeriesMetadata(studyInstanceUID: string, seriesInstanceUID: string, options: RequestOptions = {}): Promise<DicomJsonDataset[]> {
    return this.#call(options, (request) => this.#client.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID, request }));
  }

  /**
   * Runs one client call on an XMLHttpRequest of ours: it carries the credentials (if its final URL
   * is allowlisted), the timeout and the abort signal, and its failures become DicomWebErrors.
   */
  async #call(options: RequestOptions, send: (request: ClientRequest) => Promise<unknown>): Promise<DicomJsonDataset[]> {
    const { signal } = options;
    if (signal?.aborted) throw new DicomWebError('aborted', 0, this.url);
    const credentials = await this.auth.headersFor(this.url);
    const xhr = new XMLHttpRequest();
    let requestUrl = this.url;
    let timedOut = false;
    const open = xhr.open.bind(xhr) as (method: string, url: string | URL, async: boolean) => void;
    xhr.open = (method: string, url: string | URL) => {
      requestUrl = withLiteralCommas(String(url));
      open(method, requestUrl, true);
      if (this.auth.allows(requestUrl)) {
        for (const [name, value] of Object.entries(credentials)) xhr.setRequestHeader(name, value);
      }
    };
    // A timer rather than xhr.timeout: the client rejects on readystatechange, before a 'timeout'
    // event would tell us why the request ended.
    const timer = setTimeout(() => {
      timedOut = true;
      xhr.abort();
    }, this.timeoutMs);
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort);
    try {
      const response = await send({ instance: xhr });
      if (response === null || response === undefined) {
        throw new DicomWebError('bad-response', xhr.status, requestUrl, 'response body is not DICOM JSON');
      }
      if (!Array.isArray(response)) throw new DicomWebError('bad-response', xhr.status, requestUrl, 'expected a JSON array');
      return response as DicomJsonDataset[];
    } catch (error) {
      if (error instanceof DicomWebError) throw error;
      const status = (error as ClientError).status ?? xhr.status;
      if (signal?.aborted) throw new DicomWebError('aborted', 0, requestUrl);
      if (timedOut) throw new DicomWebError('timeout', 0, requestUrl);
      if (!status) throw new DicomWebError('network', 0, requestUrl);
      throw DicomWebError.fromStatus(status, requestUrl);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  }
}
