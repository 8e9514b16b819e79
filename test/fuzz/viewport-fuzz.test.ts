// Hostile and broken input, as a permanent suite: seeded mutants of the corpus' own files given to
// <rad-viewport> as image ids, one page for all. Each must end drawn or in a visible error state
// with rad-error, within 5 s, without an uncaught exception or unhandled rejection in the page and
// with the heap bounded. `npm run fuzz -- --count 20000 [--seed N]` runs more; a failure prints
// its source, recipe and seed, and `mutate(bytes, recipe, seed)` makes it again.
import { expect } from '@open-wc/testing';
import { loadManifest } from '../support/corpus.js';
import { mutantPlan, mutate } from '../support/mutate.js';
import { ALLOCATION_LIMIT_MB, fuzz, fuzzConfig, KEPT_HEAP_LIMIT_MB, MUTANT_HEAP_LIMIT_MB, runInViewport, type Mutant } from './fuzz-harness.js';

/** Source files: every corpus file small enough to mutate quickly, of every transfer syntax. */
async function sources(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const manifest = await loadManifest();
  const files = manifest.studies.flatMap((s) => s.series.filter((series) => series.modality !== 'SR').map((series) => series.files[0]));
  const loaded = await Promise.all(files.map(async (file) => ({ name: file, bytes: new Uint8Array(await (await fetch(`/corpus/${file}`)).arrayBuffer()) })));
  return loaded.filter((f) => f.bytes.length < 800_000);
}

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
  // Files dicom-parser and Cornerstone's metadata parser (dcmjs) read differently: dcmjs allocated
  // what a length read from the middle of a value said (part10-structure.ts).
  { file: 'files/pydicom-colour/3/0001.dcm', recipe: 'odd length', seed: 1347364606 }, // a US of 1 byte: 4.2 GB
  { file: 'files/pet-ct/2/0001.dcm', recipe: 'corrupt fragments', seed: 545018546 }, // VR "??": 1.4 GB
  { file: 'files/display-rules/5/0001.dcm', recipe: 'wrong transfer syntax', seed: 1532964968 }, // big endian UID padded with a space: 3.7 GB
  { file: 'files/pydicom-transfer-syntaxes/4/0001.dcm', recipe: 'corrupt fragments', seed: 422765130 }, // (0000,0003) in the file meta: 0.8 GB
  { file: 'files/pydicom-transfer-syntaxes/3/0001.dcm', recipe: 'corrupt fragments', seed: 1895554857 }, // VR "UH" in the file meta: 0.8 GB
  { file: 'files/display-rules/8/0001.dcm', recipe: 'corrupt length', seed: 695559303 }, // a tag given twice: 0.8 GB
  { file: 'files/pydicom-transfer-syntaxes/10/0001.dcm', recipe: 'huge or zero size', seed: 196826157 }, // any deflated file: read deflated, 1.4 GB
];
describe('fuzzed DICOM files in <rad-viewport>', () => {
  it('ends every mutant drawn or in a visible error state, the file at fault: no uncaught error, no hang', async function () {
    const { count, seed } = await fuzzConfig();
    this.timeout(60_000 + (count + REGRESSIONS.length) * 6_000);
    const files = await sources();
    const asImageIds = (bytes: Uint8Array, name: string): Mutant => {
      const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
      return { name, show: (el) => (el.imageIds = [`wadouri:${url}`]), done: () => URL.revokeObjectURL(url) };
    };
    // Cornerstone loads and starts with the first image: not counted against a mutant's 5 s.
    const unmutated = asImageIds(files[0].bytes, files[0].name);
    expect((await runInViewport(unmutated.show, [], 60_000).finally(unmutated.done)).outcome, 'an unmutated file').to.equal('drawn');
    const byName = new Map(files.map((f, i) => [f.name, i]));
    const plans = [
      ...REGRESSIONS.filter((r) => byName.has(r.file)).map((r) => ({ recipe: r.recipe, seed: r.seed, source: byName.get(r.file)! })),
      ...Array.from({ length: count }, (_, i) => mutantPlan(seed, i, files.length)),
    ];
    // A host's file that cannot be shown is the file's fault (or unsupported), never the archive's.
    const { tally, failures, keptMB, mutantMB, mutantPeak, allocatedMB } = await fuzz(
      plans.length,
      async (i) => {
        const { source, recipe, seed: mutantSeed } = plans[i];
        return asImageIds(mutate(files[source].bytes, recipe, mutantSeed), `${files[source].name} "${recipe}" seed ${mutantSeed}`);
      },
      /^(bad-file|unsupported):/,
    );
    console.log(`fuzz: ${plans.length} mutants (${REGRESSIONS.length} regression files, then seed ${seed}) from ${files.length} files: ${tally.drawn} drawn, ${tally.error} error state, ${tally.hang} hung; ${failures.length} failed; JS heap kept between mutants at most ${keptMB} MB (limit ${KEPT_HEAP_LIMIT_MB}), grown over one mutant at most ${mutantMB} MB (${mutantPeak}; limit ${MUTANT_HEAP_LIMIT_MB}); largest single allocation ${allocatedMB} MB (limit ${ALLOCATION_LIMIT_MB})`);
    expect(failures, failures.slice(0, 30).join('\n')).to.deep.equal([]);
  });
});
