import type { FrameSource, LoadedFrame } from './frame-loader.js';
import { readSeries, type ReadAhead } from './series-readers.js';

/** An instance of a series retrieved at once: its UID and every frame, cut from its Part 10 file. */
export interface RetrievedInstance {
  sopInstanceUID: string;
  frames: LoadedFrame[];
}

/** The Accept header of a series retrieval: Part 10 instances as stored (no transcoding asked). */
const PART10_AS_STORED = 'multipart/related; type="application/dicom"; transfer-syntax=*';

/**
 * Bytes read ahead of the decoders at most: beyond this the answer is read only as fast as they
 * take instances (a 1,000-slice series is not held twice).
 */
const READ_AHEAD_BYTES = 96 * 2 ** 20;

/**
 * DICOMweb servers (by base URL) that could not answer a series retrieval: for the rest of the
 * page's life they are asked frame by frame, without trying again.
 */
const framesOnly = new Set<string>();

/** How the archive is asked: its credentials, and how long it may stay silent. */
export type SeriesSource = Pick<FrameSource, 'auth' | 'timeoutMs'>;

/** Where a series is retrieved: its WADO-RS URL and the server's base URL. */
export interface SeriesLocation {
  /** `…/studies/{study}/series/{series}`. */
  seriesUrl: string;
  /** The server's base URL, under which a failure is remembered. */
  serverUrl: string;
}

/**
 * A whole series retrieved in one request (WADO-RS series retrieval, PS3.18 10.4): far fewer round
 * trips than one request per frame, which is what bounds loading a series from a server such as
 * Orthanc. Reading starts at once, before anything can decode (the engine may still be loading);
 * instances wait in memory, up to READ_AHEAD_BYTES, for `instances()`. A server that refuses, or
 * answers something unreadable, is remembered and asked per frame from then on; a series cut
 * short (a timeout, an abort) is not held against it. What did not arrive is loaded frame by frame.
 */
export class SeriesRetrieval {
  readonly #parts: Uint8Array[] = [];
  /** Told what the decoders took, so that as much more is read ahead. */
  #reader?: ReadAhead;
  #finished = false;
  /** Wakes the consumer (a part arrived, or the end). */
  #wake?: () => void;
  /** Sees each instance as it arrives (an early reformat), before the decoders take it. */
  #watch?: (part10: Uint8Array) => void;

  constructor(location: SeriesLocation, source: SeriesSource, signal: AbortSignal) {
    if (framesOnly.has(location.serverUrl)) {
      this.#finished = true;
      return;
    }
    void this.#read(location, source, signal).finally(() => {
      this.#finished = true;
      // Nothing more arrives: the watcher (an early plane and its pixels) is let go.
      this.#watch = undefined;
      this.#notify();
    });
  }

  async #read(location: SeriesLocation, source: SeriesSource, signal: AbortSignal): Promise<void> {
    // The frame timeout applies to silence, not to the whole series: it restarts with every instance.
    const stalled = new AbortController();
    let timer = setTimeout(() => stalled.abort(), source.timeoutMs);
    const both = AbortSignal.any([signal, stalled.signal]);
    // A consumer waiting for a part stops waiting when the retrieval is stopped.
    both.addEventListener('abort', () => this.#notify());
    const ask = {
      url: location.seriesUrl,
      accept: PART10_AS_STORED,
      source,
      signal: both,
      readAheadBytes: READ_AHEAD_BYTES,
    };
    try {
      const end = await readSeries(
        ask,
        (reader) => (this.#reader = reader),
        (part10) => {
          clearTimeout(timer);
          timer = setTimeout(() => stalled.abort(), source.timeoutMs);
          this.#parts.push(part10);
          this.#show(part10);
          this.#notify();
        },
      );
      // A series cut short (a timeout, an abort) is not held against the server.
      if (end === 'refused' || end === 'malformed') framesOnly.add(location.serverUrl);
    } finally {
      clearTimeout(timer);
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /**
   * Shows `watch` each instance's Part 10 bytes: those that arrived and wait for the decoders, then
   * each as it arrives (one watcher; it keeps no part).
   */
  watch(watch: ((part10: Uint8Array) => void) | undefined): void {
    this.#watch = watch;
    for (const part of this.#parts) this.#show(part);
  }

  #show(part10: Uint8Array): void {
    try {
      this.#watch?.(part10);
    } catch {
      // Not drawn early: the engine draws it.
    }
  }

  /** Each instance's Part 10 bytes as they arrive, until the answer ends (or was never possible). */
  async *instances(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const part = this.#parts.shift();
      if (part) {
        this.#reader?.taken(part.length);
        yield part;
      } else if (this.#finished) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.#wake = resolve));
      }
    }
  }
}
