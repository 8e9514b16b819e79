// Display checked against the corpus phantoms' truth (HU windows, MONOCHROME1 at the detector,
// PET SUV, VOI LUT functions and sequences, palette colour), run once per rendering mode: each mode
// in its own test file, as Cornerstone's choice of renderer is per page.
import { expect, waitUntil } from '@open-wc/testing';
import { numberValue } from '@telerad/core';
import { windowed, type RadViewport } from '@telerad/viewport';
import { study } from '../support/corpus.js';
import { displayedAt, displayedColourAt, drag, hostViewportFor, rendered, toImage, viewportFor, voiLutOf } from './helpers.js';

interface Region {
  name: string;
  hu: number;
  centerPx: [number, number];
  radiusPx: number;
}

/** PS3.3 C.11.2.1.3: the VOI LUT functions other than LINEAR, as 0…255. */
const VOI_FUNCTIONS: Record<string, (x: number, c: number, w: number) => number> = {
  SIGMOID: (x, c, w) => 255 / (1 + Math.exp((-4 * (x - c)) / w)),
  LINEAR_EXACT: (x, c, w) => Math.max(0, Math.min(255, ((x - c) / w + 0.5) * 255)),
};

export function displayTests(cpuRendering: boolean): void {
  describe(`<rad-viewport> display against the phantoms' truth (${cpuRendering ? 'CPU' : 'WebGL'} rendering)`, function () {
    // The first viewport of a test page waits for the dev server to transform Cornerstone.
    this.timeout(90_000);
    const shown: RadViewport[] = [];
    afterEach(() => shown.splice(0).forEach((el) => el.remove()));

    it('shows HU through the DICOM linear window: water, fat, muscle, bone, lung, air (±1 grey level)', async () => {
      const ct = await study('ct-phantom');
      const regions = ct.series[0].truth.regions as Region[];
      const el = await viewportFor(ct, undefined, 512, { cpuRendering });
      shown.push(el);
      await rendered(el, () => el.showImage(50));
      for (const window of [
        { center: 40, width: 400 },
        { center: -600, width: 1500 },
        { center: 400, width: 1800 },
      ]) {
        await rendered(el, () => el.setWindow(window));
        expect(el.viewState.window).to.deep.equal(window);
        for (const region of regions) {
          expect(displayedAt(el, toImage(region.centerPx)), `${region.name} at W${window.width} L${window.center}`).to.be.closeTo(windowed(region.hu, window), 1);
        }
        expect(displayedAt(el, [5, 5]), 'air').to.be.closeTo(windowed(-1000, window), 1);
      }
    });

    it('shows MONOCHROME1 inverted and measures at the detector (ImagerPixelSpacing), labelled so', async () => {
      const dx = await study('dx-chest');
      const truth = dx.series[0].truth as { backgroundStored: number; markers: { centersPx: [number, number][]; distanceMm: number } };
      const el = await viewportFor(dx, undefined, 512, { cpuRendering });
      shown.push(el);
      // High stored values are dark in MONOCHROME1: the background (3600) is darker than the markers (40).
      expect(displayedAt(el, [10, 10])).to.be.lessThan(40);
      expect(displayedAt(el, toImage(truth.markers.centersPx[0]))).to.be.greaterThan(215);
      expect(el.shadowRoot!.querySelector('[data-field="calibration"]')!.textContent).to.equal('ImagerPixelSpacing (at detector)');
      // At this display scale a pointer cannot hit 0.1 mm: the handles are placed through the API.
      const [measurement] = await el.setMeasurements([
        { tool: 'Length', handles: truth.markers.centersPx.map(toImage), sopInstanceUID: el.frames[0].sopInstanceUID },
      ]);
      expect(measurement.calibration).to.equal('detector');
      expect(measurement.values[0]).to.deep.include({ name: 'length', unit: 'mm' });
      expect(measurement.values[0].value).to.be.closeTo(truth.markers.distanceMm, 0.5 * 0.2);
    });

    it('shows PET in SUVbw computed from the radiopharmaceutical data: background 1, hot lesion 8', async () => {
      const pet = await study('pet-ct');
      const series = pet.series.find((s) => s.modality === 'PT')!;
      const truth = series.truth as { hotSlice: number; regions: { name: string; suvBw: number; centerPx: [number, number] }[] };
      const el = await viewportFor(pet, series, 256, { cpuRendering });
      shown.push(el);
      const hot = el.frames.findIndex((f) => numberValue(f.metadata, '00200013') === truth.hotSlice + 1);
      await rendered(el, () => el.showImage(hot));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[data-field="units"]')!.textContent).to.equal('SUVbw');
      const at = (name: string, offset: [number, number] = [0, 0]) => {
        const [x, y] = truth.regions.find((r) => r.name === name)!.centerPx;
        return [Math.floor(x) + offset[0], Math.floor(y) + offset[1]] as [number, number];
      };
      const probes = await el.setMeasurements([
        { tool: 'Probe', handles: [at('hot lesion')], sopInstanceUID: el.frames[hot].sopInstanceUID },
        { tool: 'Probe', handles: [at('background', [25, 0])], sopInstanceUID: el.frames[hot].sopInstanceUID },
      ]);
      const value = (i: number) => probes.find((p) => p.handles[0][0] === [at('hot lesion'), at('background', [25, 0])][i][0])!.values[0];
      expect(value(0).unit).to.equal('SUVbw');
      expect(value(0).value).to.be.closeTo(8, 0.05);
      expect(value(1).value).to.be.closeTo(1, 0.05);
    });

    for (const fn of Object.keys(VOI_FUNCTIONS)) {
      it(`applies the ${fn} VOI LUT function the file asks for, before MONOCHROME1 inversion (±1)`, async () => {
        const prior = await study('dx-chest-prior');
        const series = prior.series.find((s) => (s.truth as { voi?: { function: string } }).voi?.function === fn)!;
        const truth = series.truth as { backgroundStored: number; voi: { center: number; width: number }; regions: { name: string; stored: number; centerPx: [number, number] }[] };
        const el = await viewportFor(prior, series, 300, { cpuRendering });
        shown.push(el);
        const expected = (x: number) => 255 - VOI_FUNCTIONS[fn](x, truth.voi.center, truth.voi.width);
        for (const region of truth.regions) {
          expect(displayedAt(el, toImage(region.centerPx)), region.name).to.be.closeTo(expected(region.stored), 1);
        }
        expect(displayedAt(el, [5, 5]), 'background').to.be.closeTo(expected(truth.backgroundStored), 1);
      });
    }

    // The archive's frames, and the same file as a host gives it (its LUT Data read from the file).
    for (const source of ['archive', 'host image ids'] as const) {
      it(`maps values through the VOI LUT Sequence when the file has no window; a window, a drag and reset switch away and back (±1) (${source})`, async () => {
        const prior = await study('dx-chest-prior');
        const series = prior.series.find((s) => (s.truth as { voiLut?: unknown }).voiLut)!;
        type Truth = { backgroundStored: number; regions: { name: string; stored: number; centerPx: [number, number] }[]; markers: { stored: number; centersPx: [number, number][] } };
        const truth = series.truth as Truth & { voiLut: { explanation: string; entries: number } };
        const { explanation, entries } = truth.voiLut;
        const throughLut = voiLutOf(series);
        const samples: [string, number, [number, number]][] = [
          ...truth.regions.map((r): [string, number, [number, number]] => [r.name, r.stored, toImage(r.centerPx)]),
          ['background', truth.backgroundStored, [5, 5]],
          ['marker', truth.markers.stored, toImage(truth.markers.centersPx[0])],
        ];
        const expectShown = (el: RadViewport, shown: (stored: number) => number, state: string) => {
          for (const [name, stored, point] of samples) expect(displayedAt(el, point), `${name} (${state})`).to.be.closeTo(shown(stored), 1);
        };
        const el = source === 'archive' ? await viewportFor(prior, series, 300, { cpuRendering }) : await hostViewportFor(series, 300, { cpuRendering });
        shown.push(el);
        // Each screen pixel one image pixel's value: the small markers are not blended with their
        // surroundings, which the renderers resample differently.
        await rendered(el, () => (el.interpolation = 'nearest'));
        expectShown(el, (x) => 255 - throughLut(x), 'VOI LUT');
        expect(el.viewState.voiLut).to.deep.equal({ index: 0, explanation });
        expect(el.shadowRoot!.querySelector('[data-field="window"]')!.textContent!.trim()).to.equal(`VOI LUT: ${explanation}`);
        expect(el.imagePresets.map((p) => p.id)).to.deep.equal(['voi-lut-1']);

        const window = { center: 2000, width: 3000 };
        await rendered(el, () => el.setWindow(window));
        expect(el.viewState.voiLut).to.equal(undefined);
        expectShown(el, (x) => 255 - windowed(x, window), 'window');

        await rendered(el, () => el.applyPreset('voi-lut-1'));
        expectShown(el, (x) => 255 - throughLut(x), 'VOI LUT again');
        await drag(el, [400, 400], [700, 200]);
        await waitUntil(() => el.viewState.voiLut === undefined, "a W/L drag leaves the LUT");
        await new Promise(requestAnimationFrame);
        const dragged = el.viewState.window;
        expect(el.viewState.voiLut, 'after a W/L drag').to.equal(undefined);
        expect(dragged.width).to.not.be.closeTo(entries - 1, 1);
        expectShown(el, (x) => 255 - windowed(x, dragged), 'dragged window');

        await rendered(el, () => el.reset());
        expectShown(el, (x) => 255 - throughLut(x), 'after reset');
      });
    }

    it('shows PALETTE COLOR through its lookup tables (±1 per channel)', async () => {
      const colour = await study('pydicom-colour');
      const series = colour.series.find((s) => s.photometricInterpretation === 'PALETTE COLOR')!;
      const truth = series.truth as { quadrants: { index: number; centerPx: [number, number]; rgb: number[] }[] };
      const el = await viewportFor(colour, series, 256, { cpuRendering });
      shown.push(el);
      for (const quadrant of truth.quadrants) {
        const shown = displayedColourAt(el, toImage(quadrant.centerPx));
        for (const [channel, value] of quadrant.rgb.entries()) expect(shown[channel], `index ${quadrant.index} channel ${channel}`).to.be.closeTo(value, 1);
      }
    });
  });
}
