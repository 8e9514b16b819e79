// Every transfer syntax of the corpus decodes in the browser (frames asked with
// transfer-syntax=*, decoded by Cornerstone's codecs), lossless ones to exactly the original pixels.
import { expect } from '@open-wc/testing';
import { cache, imageLoader } from '@cornerstonejs/core';
import { numberValue } from '@telerad/core';
import type { RadViewport, StackFrame } from '@telerad/viewport';
import { loadManifest, type ManifestSeries, type ManifestStudy } from '../support/corpus.js';
import { viewportFor } from './helpers.js';

const LOSSLESS = new Set(['rle', 'jpegLosslessSV1', 'jpegLsLossless', 'jpeg2000Lossless', 'explicitLittle']);

async function pixelsOf(frame: StackFrame): Promise<ArrayLike<number>> {
  await imageLoader.loadAndCacheImage(frame.imageId);
  return cache.getImage(frame.imageId)!.getPixelData() as ArrayLike<number>;
}

const byInstanceNumber = (frames: readonly StackFrame[]) => new Map(frames.map((f) => [numberValue(f.metadata, '00200013'), f]));

async function show(el: RadViewport, study: ManifestStudy, series: ManifestSeries): Promise<readonly StackFrame[]> {
  el.seriesUid = series.seriesInstanceUID;
  el.studyUid = study.studyInstanceUID;
  await el.loaded();
  expect(el.frames.length, series.description).to.equal(series.instanceCount * series.framesPerInstance);
  return el.frames;
}

describe('<rad-viewport> transfer syntaxes', () => {
  let el: RadViewport;
  let manifest: Awaited<ReturnType<typeof loadManifest>>;

  before(async function () {
    this.timeout(90_000);
    manifest = await loadManifest();
    el = await viewportFor(manifest.studies.find((s) => s.key === 'ct-compression')!, undefined, 256);
  });

  after(() => el.remove());

  it('decodes RLE, JPEG lossless, JPEG-LS and JPEG 2000 lossless to exactly the uncompressed pixels', async () => {
    const study = manifest.studies.find((s) => s.key === 'ct-compression')!;
    const reference = byInstanceNumber(await show(el, study, study.series[0]));
    const referencePixels = new Map<number | undefined, ArrayLike<number>>();
    for (const [n, frame] of reference) referencePixels.set(n, Array.from(await pixelsOf(frame)));
    for (const series of study.series.slice(1).filter((s) => LOSSLESS.has(s.transferSyntax))) {
      const frames = await show(el, study, series);
      for (const frame of frames) {
        const n = numberValue(frame.metadata, '00200013');
        expect(Array.from(await pixelsOf(frame)), `${series.transferSyntax} instance ${n}`).to.deep.equal(referencePixels.get(n));
      }
    }
  });

  it('decodes the 8-bit JPEG baseline rendition within 3 grey levels on average of the exact window', async () => {
    const study = manifest.studies.find((s) => s.key === 'ct-compression')!;
    const eightBit = study.series.find((s) => s.transferSyntax === 'jpegBaseline')!;
    const reference = byInstanceNumber(await show(el, study, study.series[0]));
    const expected = new Map<number | undefined, number[]>();
    for (const [n, frame] of reference) {
      // The rendition's own formula (scripts/corpus/phantoms.mjs): HU through window 40/400 to 0…255.
      expected.set(n, Array.from(await pixelsOf(frame), (hu) => Math.max(0, Math.min(255, Math.round(((hu + 160) / 400) * 255)))));
    }
    for (const frame of await show(el, study, eightBit)) {
      const n = numberValue(frame.metadata, '00200013');
      const actual = await pixelsOf(frame);
      const truth = expected.get(n)!;
      let sum = 0;
      for (let i = 0; i < truth.length; i++) sum += Math.abs(actual[i] - truth[i]);
      expect(sum / truth.length, `instance ${n}`).to.be.lessThan(3);
    }
  });

  it('decodes the first image of every other series of the corpus to the stored size, with content', async () => {
    const seen = new Set<string>();
    for (const study of manifest.studies.filter((s) => s.key !== 'ct-compression')) {
      for (const series of study.series) {
        const [first] = await show(el, study, series);
        const image = await imageLoader.loadAndCacheImage(first.imageId);
        expect([image.columns, image.rows], series.description).to.deep.equal([series.columns, series.rows]);
        const pixels = image.getPixelData() as ArrayLike<number>;
        let min = Infinity;
        let max = -Infinity;
        for (let i = 0; i < pixels.length; i += 7) [min, max] = [Math.min(min, pixels[i]), Math.max(max, pixels[i])];
        // The display-rule phantoms of one value are uniform on purpose.
        if (!series.description.includes('uniform')) expect(max, `${series.description} is not blank`).to.be.greaterThan(min);
        seen.add(series.transferSyntax);
      }
    }
    expect([...seen].sort()).to.include.members(['deflate', 'explicitBig', 'implicitLittle', 'jpeg2000', 'jpegExtended', 'jpegLsNearLossless', 'rle', 'jpegBaseline']);
  });
});
