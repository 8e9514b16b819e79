// A multipart/related body (PS3.18 8.7.3.5, RFC 2046) read as it streams: each part is handed over
// the moment its closing delimiter arrives, so a series retrieved in one request is decoded while
// the rest of it is still on the wire. A part whose headers give its Content-Length (Orthanc's do)
// is copied once, straight from the network's chunks, and only its delimiter is checked; any other
// part is found by searching for the delimiter.

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

/** The part being read: its headers, and its body where its length is known (filled as bytes arrive). */
interface OpenPart {
  headers: string;
  counted?: { body: Uint8Array; filled: number };
}

/** A body cut into parts as its chunks arrive. */
class PartSplitter {
  readonly #buffer = new ByteBuffer();
  readonly #delimiter: Needle;
  readonly #headerEnd = needle('\r\n\r\n');
  #open?: OpenPart;
  /** Where to search for the delimiter ending an uncounted part (bytes before cannot start it). */
  #searchFrom = 0;
  #first = true;
  ended = false;

  constructor(boundary: string) {
    this.#delimiter = needle(`\r\n--${boundary}`);
    // The first delimiter may open the body without a preceding line break.
    this.#buffer.append(new Uint8Array([CR, 0x0a]));
  }

  /** Takes the next chunk; resolves to the parts it completes. */
  push(chunk: Uint8Array): MultipartPart[] {
    const counted = this.#open?.counted;
    // A counted body takes its bytes straight from the chunk; what follows it is buffered.
    const rest = counted && this.#buffer.length === 0 ? chunk.subarray(this.#fill(counted, chunk)) : chunk;
    this.#buffer.append(rest);
    const parts: MultipartPart[] = [];
    for (let part = this.#next(); part; part = this.#next()) parts.push(part);
    return parts;
  }

  /** Copies what `counted` still lacks from `bytes`; resolves to how many bytes it took. */
  #fill(counted: NonNullable<OpenPart['counted']>, bytes: Uint8Array): number {
    const taken = Math.min(counted.body.length - counted.filled, bytes.length);
    counted.body.set(bytes.subarray(0, taken), counted.filled);
    counted.filled += taken;
    return taken;
  }

  /** The next complete part in the buffer, if there is one. */
  #next(): MultipartPart | undefined {
    if (this.ended) return undefined;
    if (!this.#open && !this.#openPart()) return undefined;
    const open = this.#open as OpenPart;
    const end = open.counted ? this.#countedEnd(open.counted) : this.#buffer.find(this.#delimiter, this.#searchFrom);
    if (end < 0) {
      if (!open.counted) this.#searchFrom = Math.max(0, this.#buffer.length - this.#delimiter.bytes.length + 1);
      return undefined;
    }
    const body = open.counted?.body ?? this.#buffer.bytes.slice(0, end);
    this.#buffer.consume(end);
    this.#open = undefined;
    return { headers: open.headers, body };
  }

  /** Where a counted body ends in the buffer (0: it was filled from the chunks), or -1 while bytes are missing. */
  #countedEnd(counted: NonNullable<OpenPart['counted']>): number {
    const buffered = this.#fill(counted, this.#buffer.bytes.subarray(0, this.#buffer.length));
    if (counted.filled < counted.body.length) {
      this.#buffer.consume(buffered);
      return -1;
    }
    return buffered;
  }

  /** Reads the next part's delimiter and headers from the buffer's start; false while they are incomplete. */
  #openPart(): boolean {
    const delimiter = this.#delimiter.bytes.length;
    const start = this.#buffer.find(this.#delimiter, 0);
    // After a part, its delimiter follows at once; only the first may have a preamble before it.
    if (!this.#first && (start > 0 || (start < 0 && this.#buffer.length >= delimiter)))
      throw new MultipartError('a part is longer than its Content-Length');
    const after = start + delimiter;
    if (start < 0 || this.#buffer.length < after + 2) return false;
    if (this.#buffer.bytes[after] === 0x2d && this.#buffer.bytes[after + 1] === 0x2d) return !(this.ended = true);
    const end = this.#buffer.find(this.#headerEnd, after);
    if (end < 0) return false;
    const headers = new TextDecoder().decode(this.#buffer.bytes.subarray(after + 2, end));
    this.#buffer.consume(end + this.#headerEnd.bytes.length);
    this.#first = false;
    this.#searchFrom = 0;
    const length = /^content-length:[ \t]*(\d+)[ \t]*$/im.exec(headers)?.[1];
    this.#open = { headers, ...(length ? { counted: { body: new Uint8Array(Number(length)), filled: 0 } } : {}) };
    return true;
  }
}

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
  const splitter = new PartSplitter(boundary);
  const reader = response.body.getReader();
  let parts = 0;
  for (;;) {
    const { done, value } = await reader.read();
    for (const part of value ? splitter.push(value) : []) {
      parts++;
      await onPart(part);
    }
    if (splitter.ended) {
      await reader.cancel().catch(() => undefined);
      return parts;
    }
    if (done) throw new MultipartError('multipart answer ended without its closing delimiter');
  }
}

/**
 * The bound on parts handed on but not yet taken: `add` counts a part and waits while more than
 * `limit` bytes are untaken (or until `stopped`); `taken` makes room. The page's reader and the
 * series reader's worker each read ahead through one.
 */
export class ReadAheadGate {
  #untaken = 0;
  #wake?: () => void;

  constructor(
    private readonly limit: number,
    private readonly stopped: () => boolean = () => false,
  ) {}

  async add(bytes: number): Promise<void> {
    this.#untaken += bytes;
    while (this.#untaken > this.limit && !this.stopped()) await new Promise<void>((resolve) => (this.#wake = resolve));
  }

  taken(bytes: number): void {
    this.#untaken -= bytes;
    this.open();
  }

  /** Wakes a waiting `add` (room was made, or the reading stopped). */
  open(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
