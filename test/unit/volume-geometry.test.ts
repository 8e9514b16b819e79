// Which stacks of slices make a volume to reformat (issue 17), from their geometry alone: even
// axial and oblique stacks do, in any given order; gantry tilt, uneven gaps, duplicates, mixed
// orientation or matrix, multi-frame images and too few slices are refused with the reason.
import { expect } from '@open-wc/testing';
import {
  volumeGeometry,
  volumeRefusalText,
  type SliceGeometry,
} from '../../packages/viewport/src/rad-viewport/volume-geometry.js';

type Vec3 = [number, number, number];

/** `count` slices of a 64×64 matrix (0.8 mm pixels) along `step` from `start`, oriented by `orientation`. */
function stack(count: number, step: Vec3, orientation = [1, 0, 0, 0, 1, 0], start: Vec3 = [-25, -25, 0]) {
  return Array.from({ length: count }, (_, i): SliceGeometry => ({
    position: [start[0] + i * step[0], start[1] + i * step[1], start[2] + i * step[2]],
    orientation: orientation as SliceGeometry['orientation'],
    rows: 64,
    columns: 64,
    pixelSpacing: [0.8, 0.8],
    frames: 1,
  }));
}

const refusalOf = (slices: (SliceGeometry | undefined)[]) => {
  const result = volumeGeometry(slices);
  return result.ok ? undefined : result.refusal;
};

describe('volume geometry', () => {
  it('takes an even axial stack in any order: dimensions, spacing, order along the normal, origin', () => {
    const slices = stack(20, [0, 0, 2.5]);
    const shuffled = [...slices].reverse();
    const result = volumeGeometry(shuffled);
    if (!result.ok) throw new Error(volumeRefusalText(result.refusal));
    expect(result.dimensions).to.deep.equal([64, 64, 20]);
    expect(result.spacingMm).to.deep.equal([0.8, 0.8, 2.5]);
    expect(result.normal).to.deep.equal([0, 0, 1]);
    expect(result.order).to.deep.equal(Array.from({ length: 20 }, (_, i) => 19 - i));
    expect(result.origin).to.deep.equal([-25, -25, 0]);
  });

  it('takes a sagittal and an oblique stack stacked along their normals', () => {
    const sagittal = volumeGeometry(stack(12, [1.5, 0, 0], [0, 1, 0, 0, 0, -1]));
    expect(sagittal.ok && sagittal.spacingMm[2]).to.be.closeTo(1.5, 1e-9);
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    // Rows along (c, s, 0), columns along z: the normal is (s, -c, 0).
    const oblique = volumeGeometry(stack(15, [2 * s, -2 * c, 0], [c, s, 0, 0, 0, 1]));
    expect(oblique.ok && oblique.spacingMm[2]).to.be.closeTo(2, 1e-9);
  });

  it('refuses a gantry tilt, saying the angle', () => {
    const tilt = (12 * Math.PI) / 180;
    const refusal = refusalOf(stack(20, [0, 2.5 * Math.tan(tilt), 2.5]));
    expect(refusal).to.deep.equal({ reason: 'gantry-tilt', degrees: 12 });
    expect(volumeRefusalText(refusal!)).to.equal('Gantry tilt 12°: not reformatted.');
  });

  it('refuses uneven gaps and slices at one position', () => {
    const uneven = stack(20, [0, 0, 2.5]);
    uneven[10].position[2] += 1.25;
    const refusal = refusalOf(uneven);
    expect(refusal?.reason).to.equal('uneven-spacing');
    expect(volumeRefusalText(refusal!)).to.equal('The slices are not evenly spaced (1.25 to 3.75 mm).');
    const twice = stack(20, [0, 0, 2.5]);
    twice[5] = { ...twice[4] };
    expect(refusalOf(twice)).to.deep.equal({ reason: 'duplicate-positions' });
    // Within a tenth of a slice of its place, a slice is where it should be (scanners round positions).
    const jitter = stack(20, [0, 0, 2.5]);
    jitter[7].position[2] += 0.2;
    expect(volumeGeometry(jitter).ok).to.equal(true);
    jitter[7].position[2] += 0.1;
    expect(refusalOf(jitter)?.reason).to.equal('uneven-spacing');
  });

  it('refuses too few slices, mixed orientation or matrix, multi-frame and missing geometry', () => {
    expect(refusalOf(stack(3, [0, 0, 2]))).to.deep.equal({ reason: 'too-few-slices', slices: 3, minimum: 10 });
    expect(volumeRefusalText({ reason: 'too-few-slices', slices: 3, minimum: 10 })).to.equal(
      'Only 3 slices; a reformat needs 10.',
    );
    const turned = stack(12, [0, 0, 2]);
    turned[6] = { ...turned[6], orientation: [0, 1, 0, 0, 0, -1] };
    expect(refusalOf(turned)).to.deep.equal({ reason: 'mixed-orientation' });
    const resized = stack(12, [0, 0, 2]);
    resized[2] = { ...resized[2], pixelSpacing: [0.9, 0.9] };
    expect(refusalOf(resized)).to.deep.equal({ reason: 'mixed-matrix' });
    const frames = stack(12, [0, 0, 2]);
    frames[0] = { ...frames[0], frames: 30 };
    expect(refusalOf(frames)).to.deep.equal({ reason: 'multi-frame' });
    expect(refusalOf([...stack(12, [0, 0, 2]), undefined])).to.deep.equal({ reason: 'missing-geometry' });
  });
});
