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

/**
 * Most JS heap the page may keep between mutants, in MB. A mutant's own work may allocate far more
 * while it runs (up to 4 GB measured); what stays once it has settled must not grow.
 */
export const KEPT_HEAP_LIMIT_MB = 512;

/** The heap kept once background work has settled: two full collections apart, then read. */
async function keptHeap(settleMs: number): Promise<number> {
  await pause(settleMs);
  collect();
  await pause(50);
  collect();
  return usedHeap();
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
  const tally = { drawn: 0, error: 0, hang: 0 };
  const failures: string[] = [];
  let peakKept = 0;
  try {
    for (let i = 0; i < count; i++) {
      const mutant = await mutantAt(i);
      const result = await runInViewport(mutant.show, escaped).finally(() => mutant.done?.());
      tally[result.outcome]++;
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
  }
  return { tally, failures, keptMB: Math.round(peakKept / 2 ** 20) };
}
