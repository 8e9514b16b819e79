// What both fuzz suites share: one mutant shown in a fresh <rad-viewport>, judged (drawn, a visible
// error state, or a hang past 5 s) with whatever escaped into the page meanwhile, and the run over
// many mutants with its tally, failures and kept heap.
import type { RadErrorDetail } from '@telerad/core';
import type { RadViewport } from '@telerad/viewport';
import '@telerad/viewport/rad-viewport.js';
import { CODEC_BASE_PATH, sizeImageArea } from '../viewport/helpers.js';

export type Outcome = 'drawn' | 'error' | 'hang';

/** The run's size and seed (FUZZ_COUNT, FUZZ_SEED; `npm run fuzz`). */
export const fuzzConfig = async () => (await (await fetch('/__fuzz/config')).json()) as { count: number; seed: number };

/** One mutant in a fresh viewport, given to it by `show`: how it ended, and what escaped into the page meanwhile. */
export async function runInViewport(show: (el: RadViewport) => void, escaped: unknown[], limitMs = 5_000): Promise<{ outcome: Outcome; escaped: unknown[]; kinds: string[] }> {
  const el = document.createElement('rad-viewport');
  sizeImageArea(el, 64);
  el.codecBasePath = CODEC_BASE_PATH;
  // Decoded images are held up to the page's cache bound: a small one, so that the heap shows what else is kept.
  el.cacheSize = 64;
  const errors: RadErrorDetail[] = [];
  const before = escaped.length;
  try {
    const outcome = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => resolve('hang'), limitMs);
      el.addEventListener('rad-image-rendered', () => (clearTimeout(timer), resolve('drawn')), { once: true });
      el.addEventListener('rad-error', (e) => {
        errors.push(e.detail);
        clearTimeout(timer);
        // The error must be visible, not only announced, once the element has settled.
        void el
          .loaded()
          .catch(() => undefined)
          .then(() => el.updateComplete)
          .then(() => resolve(el.shadowRoot!.querySelector('[part~="error"], [part~="image-error"]') ? 'error' : 'hang'));
      });
      show(el);
      document.body.append(el);
    });
    // Late failures of this mutant's work (a decode finishing after the error) count against it.
    await new Promise((r) => setTimeout(r, 20));
    return { outcome, escaped: escaped.slice(before), kinds: errors.map((e) => `${e.error.kind}: ${(e.error as { detail?: string }).detail ?? ''}`) };
  } finally {
    el.remove();
  }
}

const usedHeap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
/** A full collection (the test browser exposes gc()), so that the heap read is what is kept. */
const collect = () => (globalThis as { gc?: () => void }).gc?.();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Most JS heap the page may keep between mutants, in MB: what stays once a mutant has settled must not grow. */
export const KEPT_HEAP_LIMIT_MB = 512;

/**
 * Most the JS heap may grow over one mutant, read as it ends before any collection, in MB: what
 * its own work allocated (a damaged length taken on trust allocated 4.2 GB before part10-structure.ts).
 */
export const MUTANT_HEAP_LIMIT_MB = 512;

/** The heap kept once background work has settled: two full collections apart, then read. */
async function keptHeap(settleMs: number): Promise<number> {
  await pause(settleMs);
  collect();
  await pause(50);
  collect();
  return usedHeap();
}

/** Largest single ArrayBuffer or Uint8Array the page may ask for on one mutant, in MB (frames are refused over 256 MB). */
export const ALLOCATION_LIMIT_MB = 512;

/**
 * Watches the page's `new ArrayBuffer(n)` and `new Uint8Array(n)` (how parsers allocate a value's
 * bytes): the largest asked for since the last `take()`. Exact, where a heap read between
 * collections may miss a gigabyte already collected.
 */
function watchAllocations() {
  const originals = { ArrayBuffer, Uint8Array };
  let largest = 0;
  const watched = <T extends new (...args: never[]) => object>(constructor: T) =>
    new Proxy(constructor, {
      construct(target, args: unknown[], newTarget: new (...args: never[]) => object) {
        if (typeof args[0] === 'number') largest = Math.max(largest, args[0]);
        return Reflect.construct(target, args, newTarget);
      },
    });
  Object.assign(globalThis, { ArrayBuffer: watched(ArrayBuffer), Uint8Array: watched(Uint8Array) });
  return {
    take: () => [largest, (largest = 0)][0],
    stop: () => Object.assign(globalThis, originals),
  };
}

/** One mutant of a run: what it is called in a failure, and how it is shown. */
export interface Mutant {
  name: string;
  show(el: RadViewport): void;
  /** Called once the viewport is gone (e.g. to revoke an object URL). */
  done?(): void;
}

/**
 * Runs `count` mutants (`mutantAt(i)`), one at a time, in one page. A failure: a hang, anything
 * escaping into the page, or a failure reported as not the file's (`allowedKinds`).
 */
export async function fuzz(count: number, mutantAt: (i: number) => Promise<Mutant>, allowedKinds: RegExp) {
  const escaped: unknown[] = [];
  const onError = (e: ErrorEvent) => escaped.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => void (e.defaultPrevented || escaped.push(e.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  const allocations = watchAllocations();
  const tally = { drawn: 0, error: 0, hang: 0 };
  const failures: string[] = [];
  let peakKept = 0;
  const peakMutant = { bytes: 0, name: '' };
  let largestAllocation = 0;
  try {
    for (let i = 0; i < count; i++) {
      const mutant = await mutantAt(i);
      const heapBefore = usedHeap();
      const result = await runInViewport(mutant.show, escaped).finally(() => mutant.done?.());
      tally[result.outcome]++;
      const allocated = allocations.take();
      largestAllocation = Math.max(largestAllocation, allocated);
      if (allocated > ALLOCATION_LIMIT_MB * 2 ** 20) failures.push(`#${i} ${mutant.name}: ${Math.round(allocated / 2 ** 20)} MB asked for at once (limit ${ALLOCATION_LIMIT_MB} MB)`);
      const grown = usedHeap() - heapBefore;
      if (grown > peakMutant.bytes) Object.assign(peakMutant, { bytes: grown, name: mutant.name });
      if (grown > MUTANT_HEAP_LIMIT_MB * 2 ** 20) failures.push(`#${i} ${mutant.name}: the JS heap grew by ${Math.round(grown / 2 ** 20)} MB (limit ${MUTANT_HEAP_LIMIT_MB} MB)`);
      const misattributed = result.kinds.filter((k) => !allowedKinds.test(k));
      if (misattributed.length) failures.push(`#${i} ${mutant.name}: reported as ${misattributed.join(', ')}`);
      // Every 25 mutants, what is kept once background work has settled (a slow mutant is given a
      // second, longer settling before it counts).
      if (i % 25 === 24 || i === count - 1) {
        let kept = await keptHeap(300);
        if (kept > KEPT_HEAP_LIMIT_MB * 2 ** 20) kept = await keptHeap(2_000);
        peakKept = Math.max(peakKept, kept);
        if (kept > KEPT_HEAP_LIMIT_MB * 2 ** 20) failures.push(`#${i} ${mutant.name}: ${Math.round(kept / 2 ** 20)} MB of JS heap kept after it (limit ${KEPT_HEAP_LIMIT_MB} MB)`);
      }
      if (result.outcome === 'hang' || result.escaped.length) {
        failures.push(`#${i} ${mutant.name}: ${result.outcome}; ${result.escaped.map((e) => String(e instanceof Error ? e.message : e)).join(' | ')}`);
      }
    }
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    allocations.stop();
  }
  return { tally, failures, keptMB: Math.round(peakKept / 2 ** 20), mutantMB: Math.round(peakMutant.bytes / 2 ** 20), mutantPeak: peakMutant.name, allocatedMB: Math.round(largestAllocation / 2 ** 20) };
}
