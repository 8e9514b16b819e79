import type { DicomJsonDataset } from '../dicom/json.js';
import type { PageRequest } from './query.js';

/**
 * How a DICOMweb server departs from PS3.18, in one place. Everything else in the library talks
 * standard DICOMweb; the service consults these when it builds requests and reads answers.
 * Handled without configuration: 204 No Content for an empty result, missing optional
 * attributes (servers that ignore `includefield`), relative BulkDataURIs.
 */
export interface ServerQuirks {
  /**
   * Separator for list matching of UIDs and codes (PS3.18 8.3.4.1 says ','; Orthanc needs ',';
   * some older servers only understand the DICOM value separator '\').
   */
  listSeparator: ',' | '\\';
  /**
   * `auto` sends `limit`/`offset` and falls back to paging on the client once it sees a server
   * ignore them; `client` never sends them (the whole result is fetched and sliced); `server`
   * trusts the server.
   */
  paging: 'auto' | 'server' | 'client';
  /**
   * How a viewport loads a whole series: `series` retrieves it in one request (WADO-RS series
   * retrieval, Part 10 instances as stored) and falls back to single frames, for the rest of the
   * page, on a server that refuses; `frames` asks frame by frame from the start.
   */
  seriesRetrieval: 'series' | 'frames';
  /**
   * Where the read status of a study's SR documents comes from: `query` takes their status
   * attributes (flags, content date and time, document title, predecessors) from the one QIDO-RS
   * answer that finds them (`includefield`); `metadata` reads each document's WADO-RS metadata
   * (once: documents never change); `auto` asks the query and, once an answer leaves out the
   * document titles (Orthanc 1.10 returns no sequences in QIDO-RS), reads the metadata from then on.
   */
  reportStatus: 'auto' | 'query' | 'metadata';
}

export const STANDARD_QUIRKS: ServerQuirks = {
  listSeparator: ',',
  paging: 'auto',
  seriesRetrieval: 'series',
  reportStatus: 'auto',
};

/** One page of results; `hasMore` tells whether a next page exists. */
export interface Page<T> {
  items: T[];
  offset: number;
  hasMore: boolean;
}

/**
 * Server paging with detection of servers that ignore it. Asks for one more than the page to know
 * whether more exist. A server ignoring `limit` answers more than asked; one ignoring `offset`
 * answers a later page starting with the first page's first result. Either switches this pager
 * to client paging for good.
 */
export class Pager {
  #clientPaging: boolean;
  readonly #trustServer: boolean;
  /** First result UID of offset 0, per query: tells whether a later page's offset was honoured. */
  readonly #firstUIDs = new Map<string, string>();

  constructor(mode: ServerQuirks['paging']) {
    this.#clientPaging = mode === 'client';
    this.#trustServer = mode === 'server';
  }

  get clientPaging(): boolean {
    return this.#clientPaging;
  }

  /** The paging parameters to send for `page` (none when paging on the client). */
  params(page: PageRequest): Record<string, string> {
    if (this.#clientPaging) return {};
    const params: Record<string, string> = { limit: String(page.limit + 1) };
    if (page.offset) params.offset = String(page.offset);
    return params;
  }

  /**
   * Whether the server ignored the paging of this answer (the caller then fetches the whole
   * result once more, unpaged, and slices it with `slice`).
   */
  ignoredPaging(
    results: DicomJsonDataset[],
    page: PageRequest,
    queryKey: string,
    uidOf: (d: DicomJsonDataset) => string | undefined,
  ): boolean {
    if (this.#clientPaging || this.#trustServer) return false;
    const first = results[0] && uidOf(results[0]);
    const offset = page.offset ?? 0;
    if (offset === 0 && first) this.#firstUIDs.set(queryKey, first);
    const ignoredLimit = results.length > page.limit + 1;
    const ignoredOffset = offset > 0 && first !== undefined && this.#firstUIDs.get(queryKey) === first;
    if (ignoredLimit || ignoredOffset) this.#clientPaging = true;
    // At offset 0 an ignored limit is harmless: slicing the full answer gives the page.
    return ignoredOffset || (ignoredLimit && offset > 0);
  }

  /** Cuts the page out of results: the server's page, or the whole result when paging on the client. */
  slice<T>(results: T[], page: PageRequest): Page<T> {
    const offset = page.offset ?? 0;
    const start = this.#clientPaging ? offset : 0;
    const window = results.slice(start, start + page.limit + 1);
    return { items: window.slice(0, page.limit), offset, hasMore: window.length > page.limit };
  }
}

/**
 * Resolves relative BulkDataURIs (allowed by PS3.18 F.2.6, sent by some servers) against the URL
 * of the request that returned them, in place, through sequences too.
 */
export function resolveBulkDataURIs(datasets: DicomJsonDataset[], baseUrl: string): DicomJsonDataset[] {
  for (const dataset of datasets) {
    for (const element of Object.values(dataset)) {
      if (!element) continue;
      if (element.BulkDataURI) element.BulkDataURI = new URL(element.BulkDataURI, baseUrl).href;
      if (element.vr === 'SQ' && element.Value) resolveBulkDataURIs(element.Value as DicomJsonDataset[], baseUrl);
    }
  }
  return datasets;
}
