import { DicomWebError, type AuthPolicy, type DicomJsonElement } from '@telerad/core';
import type { AuthRefresh } from './auth-refresh.js';
import { frameRegistry } from './frame-registry.js';
import { MultipartError, readMultipart } from './multipart-stream.js';

/** Image ids of our frames: `radwado:<WADO-RS frame URL>`. */
export const FRAME_SCHEME = 'radwado';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/**
 * Stored transfer syntaxes a server may be unable to send as they are (Orthanc answers 500 to
 * `transfer-syntax=*` for them); for these the default, explicit VR little endian, is asked.
 */
const ASK_AS_DEFAULT = new Set(['1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.2']);

const ANY_SYNTAX = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
const DEFAULT_SYNTAX = 'multipart/related; type="application/octet-stream"';

export interface FrameSource {
  auth: AuthPolicy;
  timeoutMs: number;
  /** The Accept header: any syntax, or the default where the server cannot send the stored one. */
  accept: string;
  /** Where a 401 (a token expired mid-series) gets the host's fresh token; without it, the frame fails. */
  reauthorize?: Pick<AuthRefresh, 'generation' | 'after'>;
}

/** The image id of a frame of ours, by its WADO-RS URL (`DicomWebService.urlOf`). */
export const frameImageId = (frameUrl: string): string => `${FRAME_SCHEME}:${frameUrl}`;

/** How the frames of an instance stored in `storedTransferSyntax` are fetched. */
export function frameSourceFor(
  storedTransferSyntax: string | undefined,
  auth: AuthPolicy,
  timeoutMs: number,
  reauthorize?: FrameSource['reauthorize'],
): FrameSource {
  const anySyntax = !storedTransferSyntax || !ASK_AS_DEFAULT.has(storedTransferSyntax);
  return { auth, timeoutMs, accept: anySyntax ? ANY_SYNTAX : DEFAULT_SYNTAX, ...(reauthorize ? { reauthorize } : {}) };
}

/** A frame's bytes as the server sent them, and their transfer syntax. */
export interface LoadedFrame {
  bytes: Uint8Array;
  transferSyntax: string;
}

/** Hands `loadFrame` the bytes of a frame that arrived by other means (a bulk retrieval). */
export function deliverFrame(imageId: string, frame: LoadedFrame): void {
  frameRegistry.deliver(imageId, Promise.resolve(frame));
}

/**
 * Fetches a frame now, before the engine that decodes it has loaded (the first image of a series);
 * `use` sees its bytes before `loadFrame` hands them to a decoder. Resolves to the
 * frame, or undefined where the server's answer needs the engine (the whole instance sent instead).
 */
export function fetchAhead(imageId: string, use: (frame: LoadedFrame) => void): Promise<LoadedFrame | undefined> {
  const noParserYet: FrameExtractor = () => {
    throw new TypeError('the instance parser is not loaded yet');
  };
  const fetched = loadFrame(imageId, noParserYet).then(
    (frame) => {
      try {
        use(frame);
      } catch {
        // Not drawn early: the engine draws it.
      }
      return frame;
    },
    () => undefined,
  );
  frameRegistry.deliver(imageId, fetched);
  return fetched;
}

const param = (header: string, name: string) => new RegExp(`${name}="?([^";\\s]+)"?`, 'i').exec(header)?.[1];

/**
 * The first part of a multipart/related answer (PS3.18 8.7.3.5), or a single-part answer whole,
 * with its transfer syntax.
 */
async function firstPart(response: Response): Promise<{ bytes: Uint8Array; transferSyntax?: string }> {
  const contentType = response.headers.get('content-type') ?? '';
  if (!param(contentType, 'boundary'))
    return {
      bytes: new Uint8Array(await response.arrayBuffer()),
      transferSyntax: param(contentType, 'transfer-syntax'),
    };
  let first: { bytes: Uint8Array; transferSyntax?: string } | undefined;
  await readMultipart(
    response,
    ({ headers, body }) => void (first ??= { bytes: body, transferSyntax: param(headers, 'transfer-syntax') }),
  );
  if (!first) throw new MultipartError('multipart answer without a part');
  return first;
}

/** A GET with credentials for allowlisted URLs; by default the whole answer must come within the timeout. */
export async function request(
  url: string,
  accept: string,
  source: Pick<FrameSource, 'auth' | 'timeoutMs'>,
  signal = AbortSignal.timeout(source.timeoutMs),
): Promise<Response> {
  try {
    return await fetch(url, { headers: { Accept: accept, ...(await source.auth.headersFor(url)) }, signal });
  } catch (error) {
    throw new DicomWebError((error as Error).name === 'TimeoutError' ? 'timeout' : 'network', 0, url);
  }
}

/** A frame request that, refused with 401, waits for the host's fresh token (one refresh for all) and is sent again. */
async function authorizedRequest(url: string, accept: string, source: FrameSource): Promise<Response> {
  const sentIn = source.reauthorize?.generation ?? 0;
  const response = await request(url, accept, source);
  if (response.status !== 401 || !source.reauthorize) return response;
  await source.reauthorize.after(sentIn);
  return request(url, accept, source);
}

/**
 * A binary element's bytes (PS3.18 F.2.7): its Value as given, InlineBinary (base64), or by its BulkDataURI (`load`).
 */
export async function binaryValue(
  element: DicomJsonElement,
  load: (uri: string) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const [value] = element.Value ?? [];
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (element.BulkDataURI) return load(element.BulkDataURI);
  return Uint8Array.from(atob(element.InlineBinary ?? ''), (c) => c.charCodeAt(0));
}

/**
 * The bytes of a bulk data element (PS3.18 8.4.1.6), by its BulkDataURI, with credentials for
 * allowlisted URLs.
 */
export async function loadBulkData(uri: string, auth: AuthPolicy, timeoutMs: number): Promise<Uint8Array> {
  const response = await request(uri, 'multipart/related; type="application/octet-stream"', { auth, timeoutMs });
  if (!response.ok) throw DicomWebError.fromStatus(response.status, uri);
  return read(response, uri, (part) => ({ bytes: part.bytes, transferSyntax: '' })).then((f) => f.bytes);
}

/** Cuts frame `frame` (1-based) out of a Part 10 file; supplied by the runtime (dicom-parser). */
export type FrameExtractor = (part10: Uint8Array, frame: number) => LoadedFrame;

/**
 * Fetches one frame (WADO-RS) with credentials for allowlisted URLs, a timeout and typed errors.
 * A server that cannot send the stored syntax as it is (500 to `transfer-syntax=*`, where the
 * metadata did not tell) is asked again for the default syntax, which it must support; one that
 * cannot cut frames at all (Orthanc, for YBR_FULL_422) sends the whole instance instead.
 */
export async function loadFrame(imageId: string, extract: FrameExtractor): Promise<LoadedFrame> {
  const url = imageId.slice(FRAME_SCHEME.length + 1);
  const source = frameRegistry.source(imageId);
  if (!source) throw new DicomWebError('not-configured', 0, url, 'unknown frame');
  const arrived = await frameRegistry.takeDelivered(imageId);
  if (arrived) return arrived;
  let response = await authorizedRequest(url, source.accept, source);
  if (response.status >= 500 && source.accept === ANY_SYNTAX) {
    response = await authorizedRequest(url, DEFAULT_SYNTAX, source);
    if (response.ok) source.accept = DEFAULT_SYNTAX;
  }
  const [instanceUrl, frame] = url.split('/frames/');
  if (response.status === 400 || response.status === 406 || response.status >= 500) {
    const instance = await authorizedRequest(
      instanceUrl,
      'multipart/related; type="application/dicom"; transfer-syntax=*',
      source,
    );
    if (instance.ok) return read(instance, url, (part) => extract(part.bytes, Number(frame)));
  }
  if (!response.ok) throw DicomWebError.fromStatus(response.status, url);
  return read(response, url, (part) => ({
    bytes: part.bytes,
    transferSyntax: part.transferSyntax ?? EXPLICIT_VR_LITTLE_ENDIAN,
  }));
}

/** The first part of an answer, turned into a frame; anything malformed is a bad response. */
async function read(
  response: Response,
  url: string,
  toFrame: (part: { bytes: Uint8Array; transferSyntax?: string }) => LoadedFrame,
): Promise<LoadedFrame> {
  try {
    const frame = toFrame(await firstPart(response));
    if (frame.bytes.length === 0) throw new TypeError('empty frame');
    return frame;
  } catch (error) {
    // The body cut off by the timeout or the caller is not a malformed answer.
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new DicomWebError(name === 'TimeoutError' ? 'timeout' : 'aborted', 0, url);
    throw new DicomWebError('bad-response', response.status, url, (error as Error).message);
  }
}
