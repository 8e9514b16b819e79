import * as DICOMwebClient from 'dicomweb-client';
import { stringValue, wellFormed, type DicomJsonDataset } from '../dicom/json.js';
import { toInstance, toSeries, toStudy, type Instance, type Series, type Study } from '../dicom/models.js';
import { toReportDocument, type ReportDocument } from '../dicom/report-document.js';
import { Tag } from '../dicom/tags.js';
import { AuthPolicy, type TokenProvider } from './auth.js';
import { DicomWebError } from './errors.js';
import { clientSideTextFilter, studyQueryParams, type PageRequest, type StudyQuery } from './query.js';
import { Pager, resolveBulkDataURIs, STANDARD_QUIRKS, type Page, type ServerQuirks } from './server-quirks.js';
import { RequestCache } from './request-cache.js';
import { storeResultOf, withFailureReason, type StoreResult } from './stow-response.js';
import {
  datasetsOf,
  DEFAULT_TIMEOUT_MS,
  mapResults,
  sortedEntries,
  withLiteralDelimiters,
  type ClientError,
  type ClientRequest,
  type DicomWebClientApi,
} from './client-plumbing.js';

/** The SR Document General attributes a worklist's read status is made of (PS3.3 C.17.2). */
const REPORT_STATUS_FIELDS = [
  Tag.CompletionFlag,
  Tag.VerificationFlag,
  Tag.PreliminaryFlag,
  Tag.ContentDate,
  Tag.ContentTime,
  Tag.ConceptNameCodeSequence,
  Tag.PredecessorDocumentsSequence,
];

export interface DicomWebServiceOptions {
  /** Base URL of the DICOMweb service (QIDO/WADO/STOW roots), absolute or relative to the page. */
  url: string;
  /** Supplies credentials; they are sent only to `authOrigins`. */
  tokenProvider?: TokenProvider;
  /** Origins allowed to receive credentials. Defaults to the origin of `url` only. */
  authOrigins?: string[];
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Where the server departs from the standard (defaults: STANDARD_QUIRKS). */
  quirks?: Partial<ServerQuirks>;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** The three UIDs that address an instance. */
export interface InstanceRef {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
}

/** A study, or a series, instance or frame (1-based) within it: what a WADO-RS URL addresses. */
export interface ResourceRef {
  studyInstanceUID: string;
  seriesInstanceUID?: string;
  sopInstanceUID?: string;
  frame?: number;
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
  readonly quirks: ServerQuirks;
  readonly #client: DicomWebClientApi;
  readonly #pager: Pager;
  /** SR documents never change once stored (a new version is a new instance): cached by SOP UID. */
  readonly #reportDocuments = new Map<string, Promise<ReportDocument>>();
  /** Where read status comes from, once the server's answers told (see `ServerQuirks.reportStatus`). */
  #reportStatus: ServerQuirks['reportStatus'];
  /**
   * What a reading asks for several times (the worklist, the viewer and the report panel share a
   * service): studies, series and instances searched, instances' attributes. Shared while in
   * flight, kept for a minute, forgotten when this service stores (see `RequestCache`).
   */
  readonly #cache = new RequestCache();

  constructor(options: DicomWebServiceOptions) {
    this.url = new URL(options.url, globalThis.location?.href).href.replace(/\/+$/, '');
    this.auth = new AuthPolicy(options.authOrigins ?? [this.url], options.tokenProvider);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.quirks = { ...STANDARD_QUIRKS, ...options.quirks };
    this.#pager = new Pager(this.quirks.paging);
    this.#reportStatus = this.quirks.reportStatus;
    // verbose: false — the client would otherwise log failed requests, URLs with patient data included.
    this.#client = new DICOMwebClient.api.DICOMwebClient({
      url: this.url,
      verbose: false,
      singlepart: false,
    }) as unknown as DicomWebClientApi;
  }

  /**
   * The WADO-RS URL of a study, series, instance or frame (PS3.18 10.4.1): the one place these URLs
   * are built. Each level is included only with the levels above it.
   */
  urlOf(ref: ResourceRef): string {
    const levels: [string, string | number | undefined][] = [
      ['studies', ref.studyInstanceUID],
      ['series', ref.seriesInstanceUID],
      ['instances', ref.sopInstanceUID],
      ['frames', ref.frame],
    ];
    let url = this.url;
    for (const [level, id] of levels) {
      if (id === undefined || id === '') break;
      url += `/${level}/${id}`;
    }
    return url;
  }

  /** All studies matching `query` (no paging). */
  async searchStudies(query: StudyQuery = {}, options: RequestOptions = {}): Promise<Study[]> {
    const queryParams = studyQueryParams(query, this.quirks.listSeparator);
    const results = await this.#cached(`studies ${JSON.stringify(sortedEntries(queryParams))}`, options, (shared) =>
      this.#call(shared, (request) => this.#client.searchForStudies({ queryParams, request })),
    );
    const studies = mapResults(results, toStudy, this.url);
    const filter = clientSideTextFilter(query);
    return filter ? studies.filter(filter) : studies;
  }

  /**
   * One page of the studies matching `query`, in the server's order. Pages on the server where it
   * honours `limit`/`offset`, on the client otherwise (see `ServerQuirks.paging`).
   */
  async searchStudiesPage(query: StudyQuery, page: PageRequest, options: RequestOptions = {}): Promise<Page<Study>> {
    const params = studyQueryParams(query, this.quirks.listSeparator);
    const filter = clientSideTextFilter(query) ?? (() => true);
    let results = await this.#call(options, (request) =>
      this.#client.searchForStudies({ queryParams: { ...params, ...this.#pager.params(page) }, request }),
    );
    const uidOf = (d: DicomJsonDataset) => stringValue(d, Tag.StudyInstanceUID);
    if (this.#pager.ignoredPaging(results, page, JSON.stringify(params), uidOf)) {
      results = await this.#call(options, (request) => this.#client.searchForStudies({ queryParams: params, request }));
    }
    const studies = mapResults(results, toStudy, this.url);
    // A client-side filter must see the whole result before paging on the client, but can only
    // thin out a page the server cut.
    if (this.#pager.clientPaging) return this.#pager.slice(studies.filter(filter), page);
    const served = this.#pager.slice(studies, page);
    return { ...served, items: served.items.filter(filter) };
  }

  async searchSeries(studyInstanceUID: string, options: RequestOptions = {}): Promise<Series[]> {
    const results = await this.#cached(`series ${studyInstanceUID}`, options, (shared) =>
      this.#call(shared, (request) =>
        this.#client.searchForSeries({
          studyInstanceUID,
          queryParams: { includefield: Tag.NumberOfSeriesRelatedInstances },
          request,
        }),
      ),
    );
    return mapResults(results, toSeries, this.url);
  }

  async searchInstances(
    studyInstanceUID: string,
    seriesInstanceUID: string,
    options: RequestOptions = {},
  ): Promise<Instance[]> {
    const includefield = [Tag.NumberOfFrames, Tag.Rows, Tag.Columns].join(',');
    const results = await this.#cached(`instances ${studyInstanceUID}/${seriesInstanceUID}`, options, (shared) =>
      this.#call(shared, (request) =>
        this.#client.searchForInstances({
          studyInstanceUID,
          seriesInstanceUID,
          queryParams: { includefield },
          request,
        }),
      ),
    );
    return mapResults(results, toInstance, this.url);
  }

  /** WADO-RS series metadata: one DICOM JSON data set per instance, BulkDataURIs made absolute. */
  async retrieveSeriesMetadata(
    studyInstanceUID: string,
    seriesInstanceUID: string,
    options: RequestOptions = {},
  ): Promise<DicomJsonDataset[]> {
    const url = `${this.urlOf({ studyInstanceUID, seriesInstanceUID })}/metadata`;
    return resolveBulkDataURIs(
      wellFormed(
        await this.#call(options, (request) =>
          this.#client.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID, request }),
        ),
      ),
      url,
    );
  }

  /** WADO-RS instance metadata, BulkDataURIs made absolute. */
  async retrieveInstanceMetadata(instance: InstanceRef, options: RequestOptions = {}): Promise<DicomJsonDataset> {
    const url = `${this.urlOf(instance)}/metadata`;
    const [dataset] = wellFormed(
      await this.#cached(
        url,
        options,
        (shared) => this.#call(shared, (request) => this.#client.retrieveInstanceMetadata({ ...instance, request })),
        true,
      ),
    );
    if (!dataset) throw new DicomWebError('bad-response', 200, url, 'empty metadata');
    return resolveBulkDataURIs([dataset], url)[0];
  }

  /** A rendered (JPEG) image of an instance, at most `size` pixels wide and high (WADO-RS /rendered). */
  async retrieveRenderedInstance(instance: InstanceRef, size: number, options: RequestOptions = {}): Promise<Blob> {
    const response = await this.#request(options, (request) =>
      this.#client.retrieveInstanceRendered({
        ...instance,
        mediaTypes: [{ mediaType: 'image/jpeg' }],
        queryParams: { viewport: `${size},${size}` },
        request,
      }),
    );
    const bytes = Array.isArray(response) ? (response[0] as unknown) : response;
    if (!(bytes instanceof ArrayBuffer) || bytes.byteLength === 0)
      throw new DicomWebError('bad-response', 200, this.url, 'rendered image is empty');
    return new Blob([bytes], { type: 'image/jpeg' });
  }

  /**
   * The SR documents stored in the given studies: one QIDO-RS request, whose answer gives their
   * status where the server returns the attributes asked for (`quirks.reportStatus`); otherwise
   * each document's metadata, read once per service (documents are immutable).
   */
  async searchReportDocuments(
    studyInstanceUIDs: readonly string[],
    options: RequestOptions = {},
  ): Promise<ReportDocument[]> {
    if (studyInstanceUIDs.length === 0) return [];
    const queryParams: Record<string, string> = {
      Modality: 'SR',
      StudyInstanceUID: studyInstanceUIDs.join(this.quirks.listSeparator),
    };
    if (this.#reportStatus !== 'metadata') queryParams.includefield = REPORT_STATUS_FIELDS.join(',');
    const datasets = await this.#call(options, (request) => this.#client.searchForInstances({ queryParams, request }));
    const titled = (dataset: DicomJsonDataset) => Boolean(dataset[Tag.ConceptNameCodeSequence]?.Value?.length);
    // The first answer with documents tells whether this server returns their status attributes.
    if (this.#reportStatus === 'auto' && datasets.length)
      this.#reportStatus = datasets.some(titled) ? 'query' : 'metadata';
    const fromQuery = this.#reportStatus === 'query' ? datasets.filter(titled) : [];
    const rest = this.#reportStatus === 'query' ? datasets.filter((dataset) => !titled(dataset)) : datasets;
    return [
      ...mapResults(fromQuery, toReportDocument, this.url),
      // A document the answer leaves without its title (none, from a server that returns no sequences).
      ...(await this.#documentsFromMetadata(mapResults(rest, toInstance, this.url), options)),
    ];
  }

  /** Each document's WADO-RS metadata as a report document, read once per service. */
  #documentsFromMetadata(found: Instance[], options: RequestOptions): Promise<ReportDocument[]> {
    return Promise.all(
      found.map((instance) => {
        let document = this.#reportDocuments.get(instance.sopInstanceUID);
        if (!document) {
          document = this.retrieveInstanceMetadata(instance, options).then(toReportDocument);
          document.catch(() => this.#reportDocuments.delete(instance.sopInstanceUID));
          this.#reportDocuments.set(instance.sopInstanceUID, document);
        }
        return document;
      }),
    );
  }

  /**
   * Stores Part 10 files with STOW-RS, into `studyInstanceUID` when given. A refused request
   * rejects with the archive's Failure Reason (`DicomWebError.reason`) where its body gives one.
   */
  async storeInstances(
    files: ArrayBuffer[],
    studyInstanceUID?: string,
    options: RequestOptions = {},
  ): Promise<StoreResult> {
    let xhr: XMLHttpRequest | undefined;
    const store = (request: ClientRequest) => {
      xhr = request.instance;
      return this.#client.storeInstances({
        datasets: files,
        ...(studyInstanceUID ? { studyInstanceUID } : {}),
        request,
      });
    };
    try {
      return storeResultOf(await this.#request(options, store), this.url);
    } catch (error) {
      // A refusal may have stored some instances; an answer never seen, all of them.
      throw error instanceof DicomWebError && error.status ? withFailureReason(error, xhr?.response) : error;
    } finally {
      // What the archive holds changed: searched studies, series and instances are asked again.
      this.#cache.clear();
    }
  }

  /**
   * `request`'s answer through the cache: the caller's signal stops its own wait, and the request
   * runs with the rest of `options` (shared by every caller that asks meanwhile).
   */
  #cached<T>(
    key: string,
    { signal, ...shared }: RequestOptions,
    request: (shared: RequestOptions) => Promise<T>,
    lasting = false,
  ): Promise<T> {
    return this.#cache.get(key, () => request(shared), { signal, url: this.url, lasting });
  }

  /** Runs a client call whose answer is a DICOM JSON array. */
  async #call(
    options: RequestOptions,
    send: (request: ClientRequest) => Promise<unknown>,
  ): Promise<DicomJsonDataset[]> {
    let status = 0;
    const response = await this.#request(options, (request) =>
      send(request).finally(() => (status = request.instance.status)),
    );
    return datasetsOf(response, status, this.url);
  }

  /**
   * Runs one client call on an XMLHttpRequest of ours: it carries the credentials (if its final URL
   * is allowlisted), the timeout and the abort signal, and its failures become DicomWebErrors.
   */
  async #request(options: RequestOptions, send: (request: ClientRequest) => Promise<unknown>): Promise<unknown> {
    const { signal } = options;
    if (signal?.aborted) throw new DicomWebError('aborted', 0, this.url);
    const credentials = await this.auth.headersFor(this.url);
    const xhr = new XMLHttpRequest();
    let requestUrl = this.url;
    let timedOut = false;
    const open = xhr.open.bind(xhr) as (method: string, url: string | URL, async: boolean) => void;
    xhr.open = (method: string, url: string | URL) => {
      requestUrl = withLiteralDelimiters(String(url));
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
      return await send({ instance: xhr });
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
