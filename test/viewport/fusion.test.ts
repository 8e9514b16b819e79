// PET/CT fusion on a reformat (issue 17), read back from the canvases: the fused pixels are the
// blend of the CT grey and the PET colour at the set opacity (±1 per channel), the PET colour is the
// colour map at the PET's SUV, and ROIs on fused and PET views give the hot sphere's SUVmax,
// SUVmean and SUVpeak within 2 % of the corpus truth.
import { cache, CONSTANTS } from '@cornerstonejs/core';
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { readPart10 } from '@telerad/core';
import type { RadMeasurement, RadViewport } from '@telerad/viewport';
import { study, type ManifestSeries, type ManifestStudy } from '../support/corpus.js';
import { viewportFor } from './helpers.js';
import { cornerstoneHolds } from './reformat-helpers.js';

type Point3 = [number, number, number];
interface PetTruth {
  hotSlice: number;
  regions: { name: string; suvBw: number; centerPx: [number, number]; radiusMm: number }[];
}
/** CT window −1000…1000 HU: grey = (HU + 1000) / 2000 · 255. */
const CT_WINDOW = { center: 0.5, width: 2001 };
const ctGrey = (hu: number) => ((hu + 1000) / 2000) * 255;

/** A patient point (LPS, mm) of a PET pixel centre of the phantom's slice `k` (4 mm pixels, centred at 0). */
function petPoint(series: ManifestSeries, [column, row]: readonly number[], k: number): Point3 {
  const spacing = (series.truth.pixelSpacingMm as number[])[0];
  return [(column - series.columns / 2) * spacing, (row - series.rows / 2) * spacing, -k * 4];
}

/** RGB of a canvas's device pixel. */
function rgbAt(canvas: HTMLCanvasElement, [x, y]: readonly number[]): number[] {
  return [...canvas.getContext('2d', { willReadFrequently: true })!.getImageData(x, y, 1, 1).data.slice(0, 3)];
}

/** The device pixel of the fused view showing a patient point. */
function pixelOf(el: RadViewport, point: Point3): number[] {
  const canvas = el.canvas!;
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  return el.reformat.patientToCanvas(point)!.map((v) => Math.floor(v * ratio));
}

/** Shows the PET fused on the CT's axial plane at `point`, fully loaded and blended. */
async function showFusion(el: RadViewport, pet: ManifestSeries, point: Point3, settings: Partial<RadViewport> = {}) {
  if (el.view !== 'axial') {
    const shown = oneEvent(el, 'rad-view-change');
    el.view = 'axial';
    await shown;
  }
  Object.assign(el, { fusionSeriesUid: pet.seriesInstanceUID, ...settings });
  await waitUntil(() => {
    const state = el.fusion.state();
    return state && state.volumeLoaded === state.volumeSlices;
  }, 'PET volume loaded', { timeout: 30_000 });
  el.setWindow(CT_WINDOW);
  await el.reformat.moveTo(point);
  const drawn = el.fusion.drawn();
  el.reformat.render();
  await drawn;
}

describe('PET/CT fusion', function () {
  this.timeout(120_000);
  let petCt: ManifestStudy;
  let el: RadViewport;
  let hot: Point3;
  let background: Point3;
  let truth: PetTruth;

  before(async () => {
    petCt = await study('pet-ct');
    const [ct, pet] = petCt.series;
    expect(ct.frameOfReferenceUID, 'one frame of reference').to.equal(pet.frameOfReferenceUID);
    truth = pet.truth as unknown as PetTruth;
    const lesion = truth.regions.find((r) => r.name === 'hot lesion')!;
    hot = petPoint(pet, lesion.centerPx, truth.hotSlice);
    background = petPoint(pet, [lesion.centerPx[0] + 16, lesion.centerPx[1]], truth.hotSlice);
    el = await viewportFor(petCt, ct, 256);
    await showFusion(el, pet, hot, { fusionOpacity: 0.4 });
  });
  after(() => el.remove());

  it('blends the PET colour onto the CT grey at the set opacity, ±1 per channel', async () => {
    const fused = el.canvas!;
    const ct = el.reformat.shownView!.viewport.canvas;
    const pet = el.fusion.layer!.pet.viewport.canvas;
    expect(fused).not.to.equal(ct);
    let checked = 0;
    for (let y = 4; y < fused.height; y += 12)
      for (let x = 4; x < fused.width; x += 12) {
        const [c, p, f] = [ct, pet, fused].map((canvas) => rgbAt(canvas, [x, y]));
        const expected = c.map((grey, i) => 0.6 * grey + 0.4 * p[i]);
        f.forEach((value, i) => expect(Math.abs(value - expected[i]), `(${x}, ${y}) channel ${i}`).to.be.at.most(1));
        checked++;
      }
    expect(checked).to.be.greaterThan(400);
  });

  it('shows the PET in Hot Iron over 0–5 SUVbw and the CT through its window', async () => {
    const hotIron = CONSTANTS.CPU_COLORMAPS.hotIron.colors as number[][];
    const pet = el.fusion.layer!.pet.viewport.canvas;
    const ct = el.reformat.shownView!.viewport.canvas;
    expect(el.fusion.state()).to.include({ colormap: 'hot-iron', opacity: 0.4, unit: 'SUVbw' });
    // SUV 8 is past the window's top: the map's last colour; SUV 1 is a fifth of the way up.
    rgbAt(pet, pixelOf(el, hot)).forEach((v, i) => expect(v, `hot, channel ${i}`).to.be.closeTo(hotIron[255][i], 2));
    rgbAt(pet, pixelOf(el, background)).forEach((v, i) =>
      expect(v, `background, channel ${i}`).to.be.closeTo(hotIron[51][i], 3),
    );
    // Water (0 HU) under the lesion's neighbour.
    expect(rgbAt(ct, pixelOf(el, background))[0]).to.be.closeTo(ctGrey(0), 1);
    const fused = rgbAt(el.canvas!, pixelOf(el, hot));
    fused.forEach((v, i) => expect(v).to.be.closeTo(0.6 * ctGrey(0) + 0.4 * hotIron[255][i], 2));
  });

  it('changes colour map, window and opacity', async () => {
    const pet = el.fusion.layer!.pet.viewport.canvas;
    const drawn = oneEvent(el, 'rad-fusion-rendered');
    Object.assign(el, { fusionColormap: 'grey', fusionWindow: [0, 10], fusionOpacity: 1 });
    expect((await drawn).detail).to.deep.include({ colormap: 'grey', opacity: 1, window: { lower: 0, upper: 10 } });
    await waitUntil(() => Math.abs(rgbAt(pet, pixelOf(el, hot))[0] - 204) <= 2, 'SUV 8 of 10 in grey');
    expect(rgbAt(el.canvas!, pixelOf(el, hot))).to.deep.equal(rgbAt(pet, pixelOf(el, hot)));
    Object.assign(el, { fusionColormap: 'hot-iron', fusionWindow: [0, 5], fusionOpacity: 0.4 });
    await el.fusion.drawn();
  });

  it("reports the hot sphere's SUVmax, SUVmean and SUVpeak within 2 % on the fused view", async () => {
    const lesion = truth.regions.find((r) => r.name === 'hot lesion')!;
    const [measurement] = await el.setMeasurements([ellipseAround(hot, 10)]);
    expectSuv(measurement, { max: lesion.suvBw, mean: lesion.suvBw, peak: lesion.suvBw });
    // An ellipse reaching past the lesion: its mean falls, its max and peak stay the lesion's.
    el.clearMeasurements();
    const [wide] = await el.setMeasurements([ellipseAround(hot, 24)]);
    expectSuv(wide, { max: lesion.suvBw, peak: lesion.suvBw });
    expect(value(wide, 'mean')).to.be.within(1.5, lesion.suvBw * 0.9);
    el.clearMeasurements();
  });

  it('writes the SUV statistics to the SR (SUVpeak as Peak Value Within ROI, in {SUVbw}g/ml) and reads them again', async () => {
    const lesion = truth.regions.find((r) => r.name === 'hot lesion')!;
    await el.setMeasurements([ellipseAround(hot, 10)]);
    try {
      const part10 = await el.exportMeasurementsSR();
      const verdict = (await (await fetch('/__test/dciodvfy', { method: 'POST', body: part10 })).json()) as { errors: string[] };
      expect(verdict.errors).to.deep.equal([]);
      const content = JSON.stringify(((await readPart10(part10)) as { ContentSequence: unknown }).ContentSequence);
      expect(content).to.contain('"CodeValue":"126031"');
      expect(content).to.contain('"CodeValue":"{SUVbw}g/ml"');
      el.clearMeasurements();
      const [loaded] = await el.loadMeasurementsSR(part10);
      expectSuv(loaded, { max: lesion.suvBw, mean: lesion.suvBw, peak: lesion.suvBw });
    } finally {
      el.clearMeasurements();
    }
  });
});

/** An axial ellipse ROI (a circle of `radius` mm) about a point: its handles at the ends of its axes. */
function ellipseAround([x, y, z]: Point3, radius: number) {
  const points: Point3[] = [
    [x, y + radius, z],
    [x, y - radius, z],
    [x - radius, y, z],
    [x + radius, y, z],
  ];
  return { tool: 'EllipticalROI' as const, sopInstanceUID: '', handles: [], points, view: 'axial' as const };
}

const value = (m: RadMeasurement, name: string) => m.values.find((v) => v.name === name)?.value;

function expectSuv(m: RadMeasurement, expected: Partial<Record<'max' | 'mean' | 'peak', number>>): void {
  for (const [name, truth] of Object.entries(expected)) {
    const found = m.values.find((v) => v.name === name);
    expect(found?.unit, name).to.equal('SUVbw');
    expect(found!.value, name).to.be.closeTo(truth, truth * 0.02);
  }
}

describe('PET measured on its own reformat', function () {
  this.timeout(60_000);
  it('gives the same SUVmax and SUVpeak as on the fused view', async () => {
    const petCt = await study('pet-ct');
    const pet = petCt.series[1];
    const truth = pet.truth as unknown as PetTruth;
    const lesion = truth.regions.find((r) => r.name === 'hot lesion')!;
    const el = await viewportFor(petCt, pet, 192);
    try {
      const [measurement] = await el.setMeasurements([ellipseAround(petPoint(pet, lesion.centerPx, truth.hotSlice), 10)]);
      expectSuv(measurement, { max: lesion.suvBw, mean: lesion.suvBw, peak: lesion.suvBw });
    } finally {
      el.remove();
    }
  });
});

describe('fusion refused', function () {
  this.timeout(60_000);
  it('says a series of another frame of reference is not fused, and that fusion needs a plane', async () => {
    const phantom = await study('ct-volume-phantom');
    const el = await viewportFor(phantom, phantom.series[0], 128);
    try {
      el.fusionSeriesUid = phantom.series[1].seriesInstanceUID;
      await el.updateComplete;
      const refusal = () => el.shadowRoot!.querySelector('[part~="refusal"]')?.textContent;
      await waitUntil(() => refusal() === 'Fusion is shown on a plane: choose axial, coronal or sagittal.');
      el.view = 'axial';
      await waitUntil(() => refusal() === 'This series is on another frame of reference: not fused.', 'refused', {
        timeout: 20_000,
      });
      expect(el.fusion.state()).to.equal(undefined);
      expect(el.canvas).to.equal(el.reformat.shownView!.viewport.canvas);
    } finally {
      el.remove();
    }
  });
});

describe('fusion lifecycle', function () {
  this.timeout(240_000);
  it('switching stack, plane and fusion ten times, then disconnecting, leaves no volume, viewport or tool group', async () => {
    const petCt = await study('pet-ct');
    const [ct, pet] = petCt.series;
    const el = await viewportFor(petCt, ct, 128);
    const before = cornerstoneHolds();
    for (let round = 0; round < 10; round++) {
      await showFusion(el, pet, [0, 0, -80]);
      expect(cache.getVolumes().length, `round ${round}: CT and PET`).to.equal(2);
      el.fusionSeriesUid = '';
      await el.updateComplete;
      expect(cache.getVolumes().length, `round ${round}: the CT's`).to.equal(1);
      const back = oneEvent(el, 'rad-view-change');
      el.view = 'stack';
      await back;
      expect(cache.getVolumes().length, `round ${round}, back on the stack`).to.equal(0);
    }
    await showFusion(el, pet, [0, 0, -80]);
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // One viewport and its tool group fewer: the element's stack's.
    expect(cornerstoneHolds()).to.deep.equal({ volumes: 0, viewports: before.viewports - 1, toolGroups: before.toolGroups - 1 });
  });
});
