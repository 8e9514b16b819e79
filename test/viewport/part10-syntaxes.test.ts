// Host image ids (WADO-URI) of every series of the corpus: the Part 10 file as the host hands it
// decodes to exactly the pixels the archive's WADO-RS frames decode to, in every transfer syntax
// (deflate, big endian and implicit VR included), with the JS heap not used for what a file does not hold.
import { expect } from '@open-wc/testing';
import { cache, imageLoader } from '@cornerstonejs/core';
import { DicomWebService } from '@telerad/core';
import type { RadViewport } from '@telerad/viewport';
import { loadManifest, type ManifestSeries, type ManifestStudy } from '../support/corpus.js';
import { settledViewport } from './helpers.js';

/** The pixels of the frame of instance `sopInstanceUID` (the first frame when not given: a host's single file). */
async function firstPixels(el: RadViewport, sopInstanceUID?: string): Promise<number[]> {
  const frame = sopInstanceUID ? el.frames.find((f) => f.sopInstanceUID === sopInstanceUID) : el.frames[0];
  if (!frame) throw new Error(`no frame of instance ${sopInstanceUID}`);
  const { imageId } = frame;
  await imageLoader.loadAndCacheImage(imageId);
  return Array.from(cache.getImage(imageId)!.getPixelData() as ArrayLike<number>);
}

const archive = new DicomWebService({ url: '/dicom-web' });

/**
 * The pixels of the series' first file's frame from the archive (the viewport orders a series in
 * space, so that frame need not come first), or the kind of error the element shows instead.
 */
async function archivePixels(study: ManifestStudy, series: ManifestSeries): Promise<number[] | string> {
  const { el, error } = await settledViewport((viewport) => {
    viewport.service = archive;
    [viewport.studyUid, viewport.seriesUid] = [study.studyInstanceUID, series.seriesInstanceUID];
  });
  try {
    return error?.kind ?? (await firstPixels(el, series.sopInstanceUIDs[0]));
  } finally {
    el.remove();
  }
}

describe('<rad-viewport> host image ids of every transfer syntax', () => {
  let manifest: Awaited<ReturnType<typeof loadManifest>>;

  before(async () => {
    manifest = await loadManifest();
  });

  it('decodes the first file of every series to the pixels of its WADO-RS frame', async function () {
    this.timeout(240_000);
    const seen = new Set<string>();
    const failures: string[] = [];
    for (const study of manifest.studies) {
      for (const series of study.series) {
        const label = `${study.key}/${series.seriesNumber} (${series.transferSyntax}, ${series.description})`;
        const expected = await archivePixels(study, series);
        // The file as a host hands it: a `wadouri:` image id.
        const { el, error: failure } = await settledViewport((viewport) => (viewport.imageIds = [`wadouri:${location.origin}/corpus/${series.files[0]}`]));
        const error = failure?.kind;
        try {
          if (typeof expected === 'string' || error) {
            // What the archive path refuses (YBR_FULL_422, documents) is refused here too, alike.
            if (error !== expected) failures.push(`${label}: ${error ?? 'drawn'}, where the archive's ${typeof expected === 'string' ? expected : 'was drawn'}`);
            continue;
          }
          const pixels = await firstPixels(el);
          if (pixels.length !== expected.length || pixels.some((value, i) => value !== expected[i])) failures.push(`${label}: pixels differ`);
          seen.add(series.transferSyntax);
        } finally {
          el.remove();
        }
      }
    }
    expect(failures).to.deep.equal([]);
    expect([...seen]).to.include.members(['deflate', 'explicitBig', 'implicitLittle', 'explicitLittle', 'rle', 'jpegLsLossless', 'jpeg2000Lossless']);
  });
});
