// Hostile and broken input, as a permanent suite: seeded mutants of the corpus' own files given to
// <rad-viewport> as image ids, one page for all. Each must end drawn or in a visible error state
// with rad-error, within 5 s, without an uncaught exception or unhandled rejection in the page and
// with the heap bounded. `npm run fuzz -- --count 20000 [--seed N]` runs more; a failure prints
// its source, recipe and seed, and `mutate(bytes, recipe, seed)` makes it again.
import { expect } from '@open-wc/testing';
import type { RadErrorDetail } from '@telerad/core';
import '@telerad/viewport/rad-viewport.js';
import { loadManifest } from '../support/corpus.js';
import { mutantPlan, mutate } from '../support/mutate.js';
import { CODEC_BASE_PATH, sizeImageArea } from '../viewport/helpers.js';

/** Source files: every corpus file small enough to mutate quickly, of every transfer syntax. */
async function sources(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const manifest = await loadManifest();
  const files = manifest.studies.flatMap((s) => s.series.filter((series) => series.modality !== 'SR').map((series) => series.files[0]));
  const loaded = await Promise.all(files.map(async (file) => ({ name: file, bytes: new Uint8Array(await (await fetch(`/corpus/${file}`)).arrayBuffer()) })));
  return loaded.filter((f) => f.bytes.length < 800_000);
}

type Outcome = 'drawn' | 'error' | 'hang';

/**
 * Mutants that failed before their fix (hangs, uncaught errors, gigabyte allocations): run first,
 * every time, whatever the seed.
 */
const REGRESSIONS = [
  { file: 'files/ct-compression/1/0001.dcm', recipe: 'truncation', seed: 408522555 }, // error only after 17 s, as the archive's
  { file: 'files/pydicom-transfer-syntaxes/9/0001.dcm', recipe: 'photometric interpretation', seed: 822737136 }, // palette without tables: hang, uncaught
  { file: 'files/mr-brain/3/0001.dcm', recipe: 'photometric interpretation', seed: 1552611240 }, // decodeRGB: uncaught
  { file: 'files/display-rules/7/0001.dcm', recipe: 'wrong transfer syntax', seed: 2087959192 }, // native data as RLE: 35 s
  { file: 'files/display-rules/2/0001.dcm', recipe: 'wrong transfer syntax', seed: 1892646663 }, // native data as JPEG-LS: 1.3 GB
  { file: 'files/ct-compression/2/0001.dcm', recipe: 'wrong transfer syntax', seed: 1372848388 }, // RLE as JPEG-LS: 1.3 GB
  { file: 'files/pydicom-transfer-syntaxes/10/0001.dcm', recipe: 'truncation', seed: 1113133004 }, // truncated deflate
  { file: 'files/ct-compression/4/0001.dcm', recipe: 'huge or zero size', seed: 599434746 }, // a 4 GB frame declared
];
const usedHeap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
/** A full collection (the test browser exposes gc()), so that the heap read is what is kept. */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

/** One mutant in a fresh viewport: how it ended, and what escaped into the page meanwhile. */
async function run(bytes: Uint8Array, escaped: unknown[], limitMs = 5_000): Promise<{ outcome: Outcome; escaped: unknown[]; kinds: string[] }> {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
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
      el.imageIds = [`wadouri:${url}`];
      document.body.append(el);
    });
    // Late failures of this mutant's work (a decode finishing after the error) count against it.
    await new Promise((r) => setTimeout(r, 20));
    return { outcome, escaped: escaped.slice(before), kinds: errors.map((e) => `${e.error.kind}: ${(e.error as { detail?: string }).detail ?? ''}`) };
  } finally {
    el.remove();
    URL.revokeObjectURL(url);
  }
}

describe('fuzzed DICOM files in <rad-viewport>', () => {
  it('ends every mutant drawn or in a visible error state, the file at fault: no uncaught error, no hang', async function () {
    const { count, seed } = (await (await fetch('/__fuzz/config')).json()) as { count: number; seed: number };
    this.timeout(60_000 + (count + REGRESSIONS.length) * 6_000);
    const files = await sources();
    // Cornerstone loads and starts with the first image: not counted against a mutant's 5 s.
    expect((await run(files[0].bytes, [], 60_000)).outcome, 'an unmutated file').to.equal('drawn');
    const escaped: unknown[] = [];
    const onError = (e: ErrorEvent) => escaped.push(e.error ?? e.message);
    const onRejection = (e: PromiseRejectionEvent) => void (e.defaultPrevented || escaped.push(e.reason));
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const tally = { drawn: 0, error: 0, hang: 0 };
    const failures: string[] = [];
    let peakKept = 0;
    const byName = new Map(files.map((f, i) => [f.name, i]));
    const plans = [
      ...REGRESSIONS.filter((r) => byName.has(r.file)).map((r) => ({ recipe: r.recipe, seed: r.seed, source: byName.get(r.file)! })),
      ...Array.from({ length: count }, (_, i) => mutantPlan(seed, i, files.length)),
    ];
    try {
      for (const [i, plan] of plans.entries()) {
        const source = files[plan.source];
        const result = await run(mutate(source.bytes, plan.recipe, plan.seed), escaped);
        tally[result.outcome]++;
        // A host's file that cannot be shown is the file's fault (or unsupported), never the archive's.
        const misattributed = result.kinds.filter((k) => !/^(bad-file|unsupported):/.test(k));
        if (misattributed.length) failures.push(`#${i} ${source.name} "${plan.recipe}" seed ${plan.seed}: reported as ${misattributed.join(', ')}`);
        // Reported, not yet bounded: see the summary line. What is kept, every 25 mutants, after
        // background work has settled and a full collection.
        if (i % 25 === 24 || i === plans.length - 1) {
          await new Promise((r) => setTimeout(r, 500));
          collect();
          peakKept = Math.max(peakKept, usedHeap());
        }
        if (result.outcome === 'hang' || result.escaped.length) {
          failures.push(`#${i} ${source.name} "${plan.recipe}" seed ${plan.seed}: ${result.outcome}; ${result.escaped.map((e) => String(e instanceof Error ? e.message : e)).join(' | ')}`);
        }
      }
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
    console.log(`fuzz: ${plans.length} mutants (${REGRESSIONS.length} regression files, then seed ${seed}) from ${files.length} files: ${tally.drawn} drawn, ${tally.error} error state, ${tally.hang} hung; ${failures.length} failed; most JS heap kept ${Math.round(peakKept / 2 ** 20)} MB`);
    expect(failures, failures.slice(0, 30).join('\n')).to.deep.equal([]);
  });
});
