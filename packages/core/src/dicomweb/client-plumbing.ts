// The service's view of dicomweb-client (its typings are loose) and the plumbing around a request:
// URLs as Orthanc reads them, answers checked to be DICOM JSON, results mapped to models.
import type { DicomJsonDataset } from '../dicom/json.js';
import type { InstanceRef } from './dicomweb-service.js';
import { DicomWebError } from './errors.js';

export interface ClientRequest {
  instance: XMLHttpRequest;
}

/** The slice of dicomweb-client's API the service uses, typed (its own typings are loose). */
export interface DicomWebClientApi {
  searchForStudies(o: { queryParams?: Record<string, string>; request?: ClientRequest }): Promise<unknown>;
  searchForSeries(o: {
    studyInstanceUID: string;
    queryParams?: Record<string, string>;
    request?: ClientRequest;
  }): Promise<unknown>;
  /** Study and series UIDs are optional: without them the search spans the archive. */
  searchForInstances(o: {
    studyInstanceUID?: string;
    seriesInstanceUID?: string;
    queryParams?: Record<string, string>;
    request?: ClientRequest;
  }): Promise<unknown>;
  retrieveSeriesMetadata(o: {
    studyInstanceUID: string;
    seriesInstanceUID: string;
    request?: ClientRequest;
  }): Promise<unknown>;
  retrieveInstanceMetadata(o: InstanceRef & { request?: ClientRequest }): Promise<unknown>;
  retrieveInstanceRendered(
    o: InstanceRef & {
      mediaTypes: { mediaType: string }[];
      queryParams?: Record<string, string>;
      request?: ClientRequest;
    },
  ): Promise<unknown>;
  storeInstances(o: { datasets: ArrayBuffer[]; studyInstanceUID?: string; request?: ClientRequest }): Promise<unknown>;
}

export interface ClientError {
  status?: number;
  request?: XMLHttpRequest;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Commas, question marks and carets are sent as they are; some servers (Orthanc) do not decode
 * "%2C" (list matching, includefield), "%3F" (the '?' wildcard) or "%5E" (the '^' between the
 * components of a person name, so "Wells^M*" matched nothing).
 */
export function withLiteralDelimiters(url: string): string {
  const query = url.indexOf('?');
  return query < 0
    ? url
    : url.slice(0, query + 1) +
        url
          .slice(query + 1)
          .replaceAll('%2C', ',')
          .replaceAll('%3F', '?')
          .replaceAll('%5E', '^');
}

export function datasetsOf(response: unknown, status: number, url: string): DicomJsonDataset[] {
  if (response === null || response === undefined)
    throw new DicomWebError('bad-response', status, url, 'response body is not DICOM JSON');
  if (!Array.isArray(response)) throw new DicomWebError('bad-response', status, url, 'expected a JSON array');
  return response as DicomJsonDataset[];
}

/** Query parameters in a stable order, for a cache key. */
export const sortedEntries = (params: Record<string, unknown>) =>
  Object.entries(params).sort(([a], [b]) => a.localeCompare(b));

export function mapResults<T>(results: DicomJsonDataset[], map: (dataset: DicomJsonDataset) => T, url: string): T[] {
  try {
    return results.map(map);
  } catch (error) {
    throw new DicomWebError('bad-response', 200, url, (error as Error).message);
  }
}
