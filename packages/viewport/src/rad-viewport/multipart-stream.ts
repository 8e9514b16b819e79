// A multipart/related body (PS3.18 8.7.3.5, RFC 2046) read as it streams: each part is handed over
// the moment its closing delimiter arrives, so a series retrieved in one request is decoded while
// the rest of it is still on the wire.

const CR = 0x0d;

/** A growable byte buffer: appended chunks, parts cut from its start (amortised copying). */
class ByteBuffer {
  bytes = new Uint8Array(1 << 20);
  length = 0;

  append(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + chunk.length));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** Drops the first `count` bytes. */
  consume(count: number): void {
    this.bytes.copyWithin(0, count, this.length);
    this.length -= count;
  }

  /**
   * Where `needle` starts at or after `from`, or -1 (Horspool: a part's bytes are skipped a delimiter's length at a
   * time).
   */
  find(needle: Needle, from: number): number {
    const { bytes: pattern, skip } = needle;
    const last = pattern.length - 1;
    const bytes = this.bytes;
    for (let i = from; i + last < this.length; i += skip[bytes[i + last]]) {
      let j = last;
      while (j >= 0 && bytes[i + j] === pattern[j]) j--;
      if (j < 0) return i;
    }
    return -1;
  }
}

/** A byte pattern with its Horspool shift table. */
interface Needle {
  bytes: Uint8Array;
  skip: Uint8Array | Uint16Array;
}

function needle(text: string): Needle {
  const bytes = new TextEncoder().encode(text);
  const skip = new Uint16Array(256).fill(bytes.length);
  for (let i = 0; i < bytes.length - 1; i++) skip[bytes[i]] = bytes.length - 1 - i;
  return { bytes, skip };
}

/** One part of the answer: its headers (as text) and its body. */
export interface MultipartPart {
  headers: string;
  body: Uint8Array;
}

/** An answer that is not the multipart body it claims to be. */
export class MultipartError extends TypeError {}

const boundaryOf = (contentType: string) => /boundary="?([^";\s]+)"?/i.exec(contentType)?.[1];

/**
 * Reads `response` as multipart/related, calling `onPart` for each part in order (awaited: a slow
 * consumer slows the reading, so bytes do not pile up). Throws a MultipartError on a malformed body.
 */
export async function readMultipart(
  response: Response,
  onPart: (part: MultipartPart) => void | Promise<void>,
): Promise<number> {
  const boundary = boundaryOf(response.headers.get('content-type') ?? '');
  if (!boundary || !response.body) throw new MultipartError('not a multipart answer');
  const delimiter = needle(`\r\n--${boundary}`);
  const headerEnd = needle('\r\n\r\n');
  const buffer = new ByteBuffer();
  // The first delimiter may open the body without a preceding line break.
  buffer.append(new Uint8Array([CR, 0x0a]));
  const reader = response.body.getReader();
  let parts = 0;
  let searchFrom = 0;
  /** Where the current part's body starts (after its headers), once they are read. */
  let body: { start: number; headers: string } | undefined;
  let ended = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffer.append(value);
    for (;;) {
      if (!body) {
        const start = buffer.find(delimiter, 0);
        if (start < 0) break;
        const after = start + delimiter.bytes.length;
        if (buffer.length < after + 2) break;
        if (buffer.bytes[after] === 0x2d && buffer.bytes[after + 1] === 0x2d) {
          ended = true;
          break;
        }
        const end = buffer.find(headerEnd, after);
        if (end < 0) break;
        body = {
          start: end + headerEnd.bytes.length,
          headers: new TextDecoder().decode(buffer.bytes.subarray(after + 2, end)),
        };
        searchFrom = body.start;
      }
      const next = buffer.find(delimiter, searchFrom);
      if (next < 0) {
        searchFrom = Math.max(body.start, buffer.length - delimiter.bytes.length + 1);
        break;
      }
      const part = { headers: body.headers, body: buffer.bytes.slice(body.start, next) };
      buffer.consume(next);
      body = undefined;
      parts++;
      await onPart(part);
    }
    if (ended) {
      await reader.cancel().catch(() => undefined);
      return parts;
    }
    if (done) throw new MultipartError('multipart answer ended without its closing delimiter');
  }
}
