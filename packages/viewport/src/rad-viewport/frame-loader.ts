import { DicomWebError, type AuthPolicy } from '@telerad/core';

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

interface FrameSource {
  auth: AuthPolicy;
  timeoutMs: number;
  /** The Accept header: any syntax, or the default where the server cannot send the stored one. */
  accept: string;
}

const sources = new Map<string, FrameSource>();

/** The image id of frame `frame` (1-based) of an instance, remembering how to fetch it. */
export function frameImageId(instanceUrl: string, frame: number, storedTransferSyntax: string | undefined, auth: AuthPolicy, timeoutMs: number): string {
  const imageId = `${FRAME_SCHEME}:${instanceUrl}/frames/${frame}`;
  const anySyntax = !storedTransferSyntax || !ASK_AS_DEFAULT.has(storedTransferSyntax);
  sources.set(imageId, {
    auth,
    timeoutMs,
    accept: anySyntax ? ANY_SYNTAX : DEFAULT_SYNTAX,
  });
  return imageId;
}

export function forgetFrames(imageIds: readonly string[]): void {
  for (const id of imageIds) sources.delete(id);
}

const indexOf = (haystack: Uint8Array, needle: Uint8Array, from = 0): number => {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
};

const lastIndexOf = (haystack: Uint8Array, needle: Uint8Array): number => {
  outer: for (let i = haystack.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
};

const param = (header: string, name: string) => new RegExp(`${name}="?([^";\\s]+)"?`, 'i').exec(header)?.[1];

/** The first part of a multipart/related answer (PS3.18 8.7.3.5) and its transfer syntax. */
export function firstPart(body: Uint8Array, contentType: string): { bytes: Uint8Array; transferSyntax?: string } {
  const boundary = param(contentType, 'boundary');
  if (!boundary) return { bytes: body, transferSyntax: param(contentType, 'transfer-syntax') };
  const encoder = new TextEncoder();
  const start = indexOf(body, encoder.encode(`--${boundary}`));
  const headerEnd = indexOf(body, encoder.encode('\r\n\r\n'), start);
  if (start < 0 || headerEnd < 0) throw new TypeError('malformed multipart answer');
  const headers = new TextDecoder().decode(body.subarray(start, headerEnd));
  const next = indexOf(body, encoder.encode(`\r\n--${boundary}`), headerEnd + 4);
  const end = next >= 0 ? next : lastIndexOf(body, encoder.encode(`--${boundary}--`));
  return { bytes: body.subarray(headerEnd + 4, end), transferSyntax: param(headers, 'transfer-syntax') };
}

async function request(url: string, accept: string, source: FrameSource): Promise<Response> {
  try {
    return await fetch(url, { headers: { Accept: accept, ...(await source.auth.headersFor(url)) }, signal: AbortSignal.timeout(source.timeoutMs) });
  } catch (error) {
    throw new DicomWebError((error as Error).name === 'TimeoutError' ? 'timeout' : 'network', 0, url);
  }
}

/**
 * The bytes of a bulk data element (PS3.18 8.4.1.6), by its BulkDataURI, with credentials for
 * allowlisted URLs.
 */
export async function loadBulkData(uri: string, auth: AuthPolicy, timeoutMs: number): Promise<Uint8Array> {
  const response = await request(uri, 'multipart/related; type="application/octet-stream"', { auth, timeoutMs, accept: '' });
  if (!response.ok) throw DicomWebError.fromStatus(response.status, uri);
  return read(response, uri, (part) => ({ bytes: part.bytes, transferSyntax: '' })).then((f) => f.bytes);
}

/** Cuts frame `frame` (1-based) out of a Part 10 file; supplied by the runtime (dicom-parser). */
export type FrameExtractor = (part10: Uint8Array, frame: number) => { bytes: Uint8Array; transferSyntax: string };

/**
 * Fetches one frame (WADO-RS) with credentials for allowlisted URLs, a timeout and typed errors.
 * A server that cannot send the stored syntax as it is (500 to `transfer-syntax=*`, where the
 * metadata did not tell) is asked again for the default syntax, which it must support; one that
 * cannot cut frames at all (Orthanc, for YBR_FULL_422) sends the whole instance instead.
 */
export async function loadFrame(imageId: string, extract: FrameExtractor): Promise<{ bytes: Uint8Array; transferSyntax: string }> {
  const url = imageId.slice(FRAME_SCHEME.length + 1);
  const source = sources.get(imageId);
  if (!source) throw new DicomWebError('not-configured', 0, url, 'unknown frame');
  let response = await request(url, source.accept, source);
  if (response.status >= 500 && source.accept === ANY_SYNTAX) {
    response = await request(url, DEFAULT_SYNTAX, source);
    if (response.ok) source.accept = DEFAULT_SYNTAX;
  }
  const [instanceUrl, frame] = url.split('/frames/');
  if (response.status === 400 || response.status === 406 || response.status >= 500) {
    const instance = await request(instanceUrl, 'multipart/related; type="application/dicom"; transfer-syntax=*', source);
    if (instance.ok) return read(instance, url, (part) => extract(part.bytes, Number(frame)));
  }
  if (!response.ok) throw DicomWebError.fromStatus(response.status, url);
  return read(response, url, (part) => ({ bytes: part.bytes, transferSyntax: part.transferSyntax ?? EXPLICIT_VR_LITTLE_ENDIAN }));
}

/** The first part of an answer, turned into a frame; anything malformed is a bad response. */
async function read(
  response: Response,
  url: string,
  toFrame: (part: { bytes: Uint8Array; transferSyntax?: string }) => { bytes: Uint8Array; transferSyntax: string },
): Promise<{ bytes: Uint8Array; transferSyntax: string }> {
  const body = new Uint8Array(await response.arrayBuffer());
  try {
    const frame = toFrame(firstPart(body, response.headers.get('content-type') ?? ''));
    if (frame.bytes.length === 0) throw new TypeError('empty frame');
    return frame;
  } catch (error) {
    throw new DicomWebError('bad-response', response.status, url, (error as Error).message);
  }
}
