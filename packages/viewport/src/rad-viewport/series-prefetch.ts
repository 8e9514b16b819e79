// Loading a whole series into Cornerstone's cache after its first image: from a series retrieved in
// one request where there is one, each frame decoded as its instance arrives, then frame by frame
// for whatever did not come that way.
import type { CornerstoneRuntime } from './cornerstone-runtime.js';
import { deliverFrame } from './frame-loader.js';
import { frameRegistry } from './frame-registry.js';
import { nativeFrameBytes, plainPixels } from './part10-pixels.js';
import type { StackFrame } from './series-stack.js';
import type { RetrievedInstance, SeriesRetrieval } from './series-retrieve.js';

/**
 * Images loaded at once while prefetching frame by frame: the six connections a browser opens to
 * one origin over HTTP/1.1 (four left two idle; `npm run bench` measures the difference).
 */
const PREFETCH_LOADS = 6;

/** Frames of a series retrieved at once that wait for a decoder at most (bounds the bytes held). */
const DECODES_QUEUED = 12;

/** Gives the page's tasks (a frame to draw, input) their turn: scheduler.yield where there is one. */
const yieldToPage = (): Promise<void> =>
  (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler?.yield?.() ??
  new Promise((resolve) => setTimeout(resolve, 0));

/** Decoded bytes of a frame as Cornerstone keeps it (a non-integer rescale slope makes it float). */
function decodedBytes(frame: StackFrame): number {
  const value = (tag: string) => Number(frame.metadata[tag]?.Value?.[0] ?? 0);
  const slope = frame.metadata['00281053'] ? value('00281053') : 1;
  const bytes = value('00280100') > 8 ? 2 : 1;
  return value('00280010') * value('00280011') * Math.max(1, value('00280002')) * (Number.isInteger(slope) ? bytes : 4);
}

/** How many frames of the series fit in nine tenths of a cache of `maxBytes` (all, when they do). */
export function framesThatFit(frames: readonly StackFrame[], maxBytes: number): number {
  const each = frames[0] ? decodedBytes(frames[0]) : 0;
  return each > 0 ? Math.min(frames.length, Math.floor((0.9 * maxBytes) / each)) : frames.length;
}

/** The series being loaded, and what is told of each frame. */
export interface PrefetchTarget {
  runtime: CornerstoneRuntime;
  frames: readonly StackFrame[];
  /** Frames the image cache holds: a series larger than that is loaded only nearest `start`. */
  capacity: number;
  start: number;
  /** Frame `index` is in the cache. */
  loaded(index: number): void;
  failed(index: number, error: unknown): void;
}

/**
 * Loads every frame of `target` that fits into Cornerstone's cache (nearest the image shown first),
 * calling `onSettled` with the count of frames settled (loaded or failed) so far.
 */
export async function prefetchSeries(
  target: PrefetchTarget,
  onSettled: (settled: number) => void,
  signal: AbortSignal,
  retrieval?: SeriesRetrieval,
): Promise<void> {
  const settled = new Set<number>();
  const load = async (index: number) => {
    try {
      await target.runtime.core.imageLoader.loadAndCacheImage(target.frames[index].imageId);
      target.loaded(index);
    } catch (error) {
      if (!signal.aborted) target.failed(index, error);
    }
    if (!signal.aborted && !settled.has(index)) {
      settled.add(index);
      onSettled(settled.size);
    }
  };
  const fits = target.capacity >= target.frames.length;
  // A series larger than the cache is not retrieved at once: most of it would be dropped again.
  if (retrieval && fits) await decodeAsRetrieved(target, retrieval, load, signal);
  const queue = target.frames
    .map((_, index) => index)
    .filter((index) => !settled.has(index))
    .sort((a, b) => Math.abs(a - target.start) - Math.abs(b - target.start))
    .slice(0, fits ? undefined : target.capacity);
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined && !signal.aborted; next = queue.shift()) await load(next);
  };
  await Promise.all(Array.from({ length: PREFETCH_LOADS }, worker));
}

/** Each frame of a series retrieved at once handed to the loader and decoded as its instance arrives. */
async function decodeAsRetrieved(
  target: PrefetchTarget,
  retrieval: SeriesRetrieval,
  load: (index: number) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const { runtime, frames } = target;
  const indexes = new Map(frames.map((frame, index) => [`${frame.sopInstanceUID}/${frame.frame}`, index]));
  const decoding = new Set<Promise<void>>();
  // A frame asked for meanwhile (a reformat's volume) waits for the retrieval instead of being asked again.
  const stopExpecting = frameRegistry.expect(
    frames.filter((frame) => !runtime.core.cache.getImageLoadObject(frame.imageId)).map((frame) => frame.imageId),
  );
  try {
    await decodeInstances(target, retrieval, load, signal, { indexes, decoding });
  } finally {
    stopExpecting();
  }
  await Promise.all(decoding);
}

/**
 * A single-frame instance laid out plainly (part10-pixels.ts), its frame found without parsing the
 * file: the bytes its metadata says its pixels take, at the end of the file. Undefined otherwise.
 */
function plainInstance(
  part10: Uint8Array,
  frames: readonly StackFrame[],
  indexes: Map<string, number>,
): RetrievedInstance | undefined {
  const frameBytes = (sopInstanceUID: string) => {
    const index = indexes.get(`${sopInstanceUID}/1`);
    return index === undefined || indexes.has(`${sopInstanceUID}/2`)
      ? undefined
      : nativeFrameBytes(frames[index].metadata);
  };
  const plain = plainPixels(part10, frameBytes);
  if (!plain) return undefined;
  const { buffer, byteOffset, byteLength } = plain.pixels;
  const bytes = new Uint8Array(buffer, byteOffset, byteLength);
  return { sopInstanceUID: plain.sopInstanceUID, frames: [{ bytes, transferSyntax: plain.transferSyntax }] };
}

/** The retrieval's instances, each frame handed to the loader as it arrives. */
async function decodeInstances(
  { runtime, frames }: PrefetchTarget,
  retrieval: SeriesRetrieval,
  load: (index: number) => Promise<void>,
  signal: AbortSignal,
  { indexes, decoding }: { indexes: Map<string, number>; decoding: Set<Promise<void>> },
): Promise<void> {
  for await (const part10 of retrieval.instances()) {
    if (signal.aborted) break;
    let instance: RetrievedInstance;
    try {
      instance = plainInstance(part10, frames, indexes) ?? runtime.splitInstance(part10);
    } catch {
      // Not an instance the parser reads (a deflated one): its frames are asked one by one.
      continue;
    }
    for (const [offset, frame] of instance.frames.entries()) {
      const index = indexes.get(`${instance.sopInstanceUID}/${offset + 1}`);
      if (index === undefined) continue;
      const { imageId } = frames[index];
      // One already loaded (the image first shown) or loading keeps its own bytes, unless it waits for these.
      if (!runtime.core.cache.getImageLoadObject(imageId) || frameRegistry.awaits(imageId))
        deliverFrame(imageId, frame);
      const decode = load(index).finally(() => decoding.delete(decode));
      decoding.add(decode);
    }
    // Frames wait for a decoder in the answer's bytes, not as copies handed to the workers.
    while (decoding.size >= DECODES_QUEUED) await Promise.race(decoding);
    // The page's own work (drawing, input) goes first between instances.
    await yieldToPage();
  }
}

/** Bounds the page's image cache to `megabytes` (positive; anything else is ignored), at once. */
export function boundImageCache(
  cache: { setMaxCacheSize(bytes: number): void; decacheIfNecessaryUntilBytesAvailable(bytes: number): unknown },
  megabytes: number,
): void {
  if (!Number.isFinite(megabytes) || megabytes <= 0) return;
  cache.setMaxCacheSize(megabytes * 2 ** 20);
  // A smaller bound holds at once, not only when the next image arrives.
  cache.decacheIfNecessaryUntilBytesAvailable(0);
}
