// modalityValueAt(): decoded values under a point, against the phantoms' truth in every transfer
// syntax the phantoms are stored in, and public files of one image in several syntaxes against
// their uncompressed original.
import { expect } from '@open-wc/testing';
import type { RadViewport } from '@telerad/viewport';
import { study, type ManifestSeries, type ManifestStudy } from '../support/corpus.js';
import { rendered, viewportFor } from './helpers.js';

interface Region {
  name: string;
  hu: number;
  centerPx: [number, number];
  slices: [number, number];
}

/** A viewport on `series` showing image `index`; the caller removes it. */
async function showing(target: ManifestStudy, series: ManifestSeries, index = 0): Promise<RadViewport> {
  const el = await viewportFor(target, series, 128);
  if (index) await rendered(el, () => el.showImage(index));
  return el;
}

describe('modalityValueAt()', () => {
  it('reads the CT phantom inserts in HU, exactly, in every lossless transfer syntax; the 8-bit JPEG rendition in its greys', async function () {
    this.timeout(120_000);
    const ct = await study('ct-compression');
    for (const series of ct.series) {
      const truth = series.truth as { kind: string; airHu: number; regions: Region[]; window?: { center: number; width: number } };
      const slice = 5;
      const el = await showing(ct, series, slice);
      try {
        const rendition = truth.window && ((hu: number) => Math.max(0, Math.min(255, Math.round(((hu - (truth.window!.center - truth.window!.width / 2)) / truth.window!.width) * 255))));
        const samples = [...truth.regions.filter((r) => slice >= r.slices[0] && slice <= r.slices[1]), { name: 'air', hu: truth.airHu, centerPx: [3, 3] as [number, number] }];
        for (const { name, hu, centerPx } of samples) {
          const read = el.modalityValueAt(centerPx)!;
          const label = `${series.description}: ${name}`;
          if (rendition) {
            expect(read.unit, label).to.equal('US');
            // JPEG baseline is lossy: within 3 grey levels of the rendition's value.
            expect(read.value, label).to.be.closeTo(rendition(hu), 3);
          } else {
            expect(read, label).to.deep.equal({ value: hu, unit: 'HU' });
          }
        }
        expect(el.modalityValueAt([-1, 0]), 'outside the image').to.equal(undefined);
      } finally {
        el.remove();
      }
    }
  });

  it('reads the same values from one MR image in implicit VR, big endian, RLE, JPEG-LS and JPEG 2000 as from its explicit VR original', async function () {
    this.timeout(120_000);
    const files = await study('pydicom-transfer-syntaxes');
    const grid = Array.from({ length: 64 }, (_, i) => [(i % 8) * 8 + 3, Math.floor(i / 8) * 8 + 5] as [number, number]);
    const valuesOf = async (series: ManifestSeries) => {
      const el = await showing(files, series);
      try {
        return grid.map((point) => el.modalityValueAt(point));
      } finally {
        el.remove();
      }
    };
    const mr = files.series.filter((s) => s.description.startsWith('MR '));
    const reference = await valuesOf(mr.find((s) => s.transferSyntax === 'explicitLittle')!);
    expect(new Set(reference.map((v) => v!.value)).size, 'the reference has structure').to.be.greaterThan(10);
    for (const series of mr.filter((s) => s.transferSyntax !== 'explicitLittle')) {
      expect(await valuesOf(series), series.description).to.deep.equal(reference);
    }
  });

  it('reads PET in SUVbw (hot lesion 8, background 1) and a DX in stored units', async function () {
    this.timeout(60_000);
    const pet = await study('pet-ct');
    const series = pet.series.find((s) => s.modality === 'PT')!;
    const truth = series.truth as { hotSlice: number; regions: { name: string; suvBw: number; centerPx: [number, number] }[] };
    const el = await showing(pet, series);
    try {
      const hot = el.frames.findIndex((f) => Number(f.metadata['00200013']?.Value?.[0]) === truth.hotSlice + 1);
      await rendered(el, () => el.showImage(hot));
      const lesion = truth.regions.find((r) => r.name === 'hot lesion')!;
      const read = el.modalityValueAt(lesion.centerPx)!;
      expect(read.unit).to.equal('SUVbw');
      expect(read.value).to.be.closeTo(lesion.suvBw, 0.05);
    } finally {
      el.remove();
    }
    const dx = await study('dx-chest');
    const bone = (dx.series[0].truth as { regions: { name: string; stored: number; centerPx: [number, number] }[] }).regions.find((r) => r.name === 'bone')!;
    const chest = await showing(dx, dx.series[0]);
    try {
      expect(chest.modalityValueAt(bone.centerPx)).to.deep.equal({ value: bone.stored, unit: 'US' });
    } finally {
      chest.remove();
    }
  });
});
