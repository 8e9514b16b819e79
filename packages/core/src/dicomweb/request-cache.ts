// What a service asks the archive for once: answers that a reading asks for several times (the
// study, its series and instances, the patient's priors, an instance's attributes), shared while
// in flight and kept for a short while, forgotten when this service stores into the archive.
import { DicomWebError } from './errors.js';

interface Entry {
  answer: Promise<unknown>;
  at: number;
  /** An answer that cannot change (an instance's attributes): kept past the TTL and a store. */
  lasting: boolean;
}

/** How long an answer is reused: long enough for one reading, short enough for others' changes. */
export const CACHE_TTL_MS = 60_000;

/** Rejects as soon as `signal` aborts, without stopping the shared request others wait for. */
function abortable<T>(answer: Promise<T>, signal: AbortSignal | undefined, url: string): Promise<T> {
  if (!signal) return answer;
  if (signal.aborted) return Promise.reject(new DicomWebError('aborted', 0, url));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DicomWebError('aborted', 0, url));
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** How one request uses the cache. */
export interface CacheUse {
  /** The caller's signal: it stops the caller's wait, not the shared request. */
  signal?: AbortSignal;
  /** For the error of an aborted wait. */
  url: string;
  /** The answer cannot change: kept past the TTL and a store. */
  lasting?: boolean;
}

export class RequestCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(ttlMs = CACHE_TTL_MS, now = () => Date.now()) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /**
   * The answer for `key`: the one in flight or kept, else `request`'s (started without the
   * caller's signal, so that a caller that gives up does not fail the others). A failure is not kept.
   */
  get<T>(key: string, request: () => Promise<T>, { signal, url, lasting = false }: CacheUse): Promise<T> {
    if (signal?.aborted) return Promise.reject(new DicomWebError('aborted', 0, url));
    let entry = this.#entries.get(key);
    if (!entry || (!entry.lasting && this.#now() - entry.at > this.#ttlMs)) {
      const answer = request();
      entry = { answer, at: this.#now(), lasting };
      this.#entries.set(key, entry);
      answer.catch(() => {
        if (this.#entries.get(key)?.answer === answer) this.#entries.delete(key);
      });
    }
    return abortable(entry.answer as Promise<T>, signal, url);
  }

  /** Forgets every answer that can change (a store changed what the archive holds). */
  clear(): void {
    for (const [key, entry] of this.#entries) if (!entry.lasting) this.#entries.delete(key);
  }
}
