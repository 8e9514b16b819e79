// A series retrieved at once (series-retrieve.ts), read in a worker: the archive's bytes keep
// arriving while the page's thread is busy starting Cornerstone and decoding. Read on the page, the
// network waited for that thread: a 50 MB series took twice as long while it was busy. Each part is
// handed over (transferred, not copied) as it completes; no more than the page's read-ahead waits
// unacknowledged. Published as one file without imports (rollup.config.mjs).
import { MultipartError, ReadAheadGate, readMultipart } from './multipart-stream.js';

/** What the page asks: a retrieval, or that it took a part's bytes off the queue. */
export type SeriesReaderRequest =
  { url: string; headers: Record<string, string>; readAheadBytes: number } | { taken: number };

/** What the worker tells: the answer's status, each part, and how the answer ended. */
export type SeriesReaderMessage =
  { status: number } | { part: Uint8Array } | { end: 'complete' | 'malformed' | 'network' };

const scope = globalThis as unknown as {
  postMessage(message: SeriesReaderMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SeriesReaderRequest>) => void): void;
};

/** Bytes handed over that the page has not taken yet, bounded by the page's read-ahead. */
let gate: ReadAheadGate | undefined;

async function read(url: string, headers: Record<string, string>, ahead: ReadAheadGate): Promise<void> {
  try {
    const response = await fetch(url, { headers });
    scope.postMessage({ status: response.status });
    if (!response.ok) return;
    await readMultipart(response, async ({ body }) => {
      const bytes = body.byteLength;
      // Each part's body is an array of its own: its buffer moves to the page.
      scope.postMessage({ part: body }, [body.buffer]);
      await ahead.add(bytes);
    });
    scope.postMessage({ end: 'complete' });
  } catch (error) {
    scope.postMessage({ end: error instanceof MultipartError ? 'malformed' : 'network' });
  }
}

scope.addEventListener('message', ({ data }) => {
  if ('taken' in data) {
    gate?.taken(data.taken);
  } else {
    gate = new ReadAheadGate(data.readAheadBytes);
    void read(data.url, data.headers, gate);
  }
});
