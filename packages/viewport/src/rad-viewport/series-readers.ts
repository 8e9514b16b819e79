// The two ways a series retrieved at once is read: in a worker (series-reader.worker.ts), where the
// network is not held up by the page's busy thread, or on the page where no worker can start (Node,
// a page whose CSP refuses it, a host whose bundler did not emit it).
import { request, type FrameSource } from './frame-loader.js';
import { MultipartError, ReadAheadGate, readMultipart } from './multipart-stream.js';
import type { SeriesReaderMessage, SeriesReaderRequest } from './series-reader.worker.js';
import { recordWorkerScript, startWorker, type WorkerScript } from './trusted-workers.js';

/**
 * The User Timing mark of each request a worker of the elements sent, made when the server answered,
 * with the request's URL in its `detail`: the page's resource timing lists only the page's own
 * requests, and a host counting what the elements ask of its archive should see every one.
 */
export const WORKER_REQUEST_MARK = 'rad-worker-request';

/** How a reading ended: every part read, refused by the server, not multipart, or cut short (network, abort). */
export type ReadEnd = 'complete' | 'refused' | 'malformed' | 'cut';

/** A series retrieval being read, told what the page took. */
export interface ReadAhead {
  /** The page took `bytes` of parts off its queue: as much more may be read ahead. */
  taken(bytes: number): void;
}

/** What a reader needs: the series' URL, the Accept header, credentials, the stop, the read-ahead bound. */
export interface ReadRequest {
  url: string;
  accept: string;
  source: Pick<FrameSource, 'auth' | 'timeoutMs'>;
  signal: AbortSignal;
  readAheadBytes: number;
}

/** Reads on the page's thread, waiting for room when more than the read-ahead is queued. */
class PageReader implements ReadAhead {
  readonly #gate: ReadAheadGate;

  constructor(private readonly ask: ReadRequest) {
    this.#gate = new ReadAheadGate(ask.readAheadBytes, () => ask.signal.aborted);
    ask.signal.addEventListener('abort', () => this.#gate.open());
  }

  async read(onPart: (part10: Uint8Array) => void): Promise<ReadEnd> {
    const { url, accept, source, signal } = this.ask;
    try {
      const response = await request(url, accept, source, signal);
      if (!response.ok) return 'refused';
      await readMultipart(response, async ({ body }) => {
        onPart(body);
        await this.#gate.add(body.length);
      });
      return 'complete';
    } catch (error) {
      return error instanceof MultipartError ? 'malformed' : 'cut';
    }
  }

  taken(bytes: number): void {
    this.#gate.taken(bytes);
  }
}

/** The series reader's script as the bundler wrote it; null where no worker can be started here. */
let readerScript: WorkerScript | null | undefined;

function workerScript(): WorkerScript | null {
  if (readerScript !== undefined) return readerScript;
  if (typeof Worker === 'undefined' || typeof document === 'undefined') return (readerScript = null);
  // The expression bundlers recognise (Vite, webpack); recorded, not run.
  const script = recordWorkerScript(
    () => new Worker(new URL('./series-reader.worker.js', import.meta.url), { type: 'module' }),
  );
  return (readerScript = script ?? null);
}

/**
 * Reads in a worker. A worker that cannot start, or fails before the server answers, resolves to
 * undefined (the caller reads on the page) and is not tried again on this page.
 */
class WorkerReader implements ReadAhead {
  #worker?: Worker;

  constructor(
    private readonly script: WorkerScript,
    private readonly ask: ReadRequest,
  ) {}

  async read(onPart: (part10: Uint8Array) => void): Promise<ReadEnd | undefined> {
    const { url, accept, source, signal, readAheadBytes } = this.ask;
    const headers = { Accept: accept, ...(await source.auth.headersFor(url)) };
    if (signal.aborted) return 'cut';
    const ask: SeriesReaderRequest = { url: new URL(url, document.baseURI).href, headers, readAheadBytes };
    // Started here, with its listeners at once: a worker the page refuses says so by an event soon after.
    const worker = (this.#worker = startWorker(this.script));
    let answered = false;
    let settled = false;
    const ended = new Promise<ReadEnd | undefined>((settle) => {
      const resolve = (end: ReadEnd | undefined) => {
        settled = true;
        settle(end);
      };
      signal.addEventListener('abort', () => resolve('cut'));
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        if (!answered) readerScript = null;
        resolve(answered ? 'cut' : undefined);
      });
      worker.addEventListener('message', ({ data }: MessageEvent<SeriesReaderMessage>) => {
        if (settled) return;
        if ('part' in data) return onPart(data.part);
        if ('end' in data) return resolve(data.end === 'network' ? 'cut' : data.end);
        answered = true;
        performance.mark(WORKER_REQUEST_MARK, { detail: { url: ask.url } });
        if (data.status < 200 || data.status > 299) resolve('refused');
      });
    });
    worker.postMessage(ask);
    // A stopped or finished reading takes its fetch with it.
    return ended.finally(() => worker.terminate());
  }

  taken(bytes: number): void {
    this.#worker?.postMessage({ taken: bytes } satisfies SeriesReaderRequest);
  }
}

/**
 * Reads a series retrieval in a worker where one starts, else on the page; `onReader` is told which
 * reader is current (the page's, if the worker fails before the server answered).
 */
export async function readSeries(
  ask: ReadRequest,
  onReader: (reader: ReadAhead) => void,
  onPart: (part10: Uint8Array) => void,
): Promise<ReadEnd> {
  const script = workerScript();
  if (script) {
    try {
      const reader = new WorkerReader(script, ask);
      onReader(reader);
      const end = await reader.read(onPart);
      if (end) return end;
    } catch {
      // Refused at once (a CSP without our worker): read on the page from now on.
      readerScript = null;
    }
  }
  const reader = new PageReader(ask);
  onReader(reader);
  return reader.read(onPart);
}
