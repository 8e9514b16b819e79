import { DicomWebError, type AuthPolicy } from '@telerad/core';

/** Image ids of our frames: `radwado:<WADO-RS frame URL>`. */
export const FRAME_SCHEME = 'radwado';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/**
 * Stored transfer syntaxes a server may be unable to send as they are (Orthanc answers 500 to
 * `transfer-syntax=*` for them); for these the default, explicit VR little endian, is asked.
 */
const ASK_AS_DEFAULT = new Set(['1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.2']);

interface FrameSource {
  auth: AuthPolicy;
  timeoutMs: number;
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
    accept: anySyntax ? 'multipart/related; type="application/octet-stream"; transfer-syntax=*' : 'multipart/related; type="application/octet-stream"',
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

/** Fetches one frame (WADO-RS) with credentials for allowlisted URLs, a timeout and typed errors. */
export async function loadFrame(imageId: string): Promise<{ bytes: Uint8Array; transferSyntax: string }> {
  const url = imageId.slice(FRAME_SCHEME.length + 1);
  const source = sources.get(imageId);
  if (!source) throw new DicomWebError('not-configured', 0, url, 'unknown frame');
  const headers: Record<string, string> = { Accept: source.accept };
  if (source.auth.allows(url)) Object.assign(headers, await source.auth.headersFor(url));
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(source.timeoutMs) });
  } catch (error) {
    throw new DicomWebError((error as Error).name === 'TimeoutError' ? 'timeout' : 'network', 0, url);
  }
  if (!response.ok) throw DicomWebError.fromStatus(response.status, url);
  const body = new Uint8Array(await response.arrayBuffer());
  try {
    const { bytes, transferSyntax } = firstPart(body, response.headers.get('content-type') ?? '');
    if (bytes.length === 0) throw new TypeError('empty frame');
    return { bytes, transferSyntax: transferSyntax ?? EXPLICIT_VR_LITTLE_ENDIAN };
  } catch (error) {
    throw new DicomWebError('bad-response', response.status, url, (error as Error).message);
  }
}
