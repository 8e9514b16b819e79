// Reformats of the volume phantom (issue 17), read back from the canvas: each plane's pixels are
// the phantom's voxels under nearest-neighbour resampling and the trilinear formula under linear
// resampling; a slab MIP is the maximum over the slab's voxels; a tilted or unevenly spaced scan
// stays on the stack and says why.
import { cache } from '@cornerstonejs/core';
import { expect, oneEvent } from '@open-wc/testing';
import { readPart10 } from '@telerad/core';
import type { RadViewport } from '@telerad/viewport';
import { study, type ManifestStudy } from '../support/corpus.js';
import { nearestValue, slabMaximum, trilinearValue, type VolumePhantomTruth } from '../support/volume-truth.js';
import { viewportFor } from './helpers.js';
import { canvasGrey, cornerstoneHolds, distanceToLine, dragOnReformat, greyOf, linesOf, pixelAt, showPlane, WINDOW } from './reformat-helpers.js';
import type { Point3 } from './reformat-helpers.js';

/** Points of the plane through `through` with normal `axis`: voxel centres on a grid every `step` voxels. */
function planePoints(truth: VolumePhantomTruth, through: Point3, axis: 0 | 1 | 2, step = 3): Point3[] {
  const [origin] = truth.positionsMm;
  const mmOf = (i: number, index: number) => (i === 2 ? origin[2] - index * truth.sliceGapMm : origin[i] + index);
  const [a, b] = [0, 1, 2].filter((i) => i !== axis);
  const points: Point3[] = [];
  for (let i = 1; i < truth.matrix[a] - 1; i += step)
    for (let j = 1; j < truth.matrix[b] - 1; j += step) {
      const point = [...through] as Point3;
      point[a] = mmOf(a, i);
      point[b] = mmOf(b, j);
      points.push(point);
    }
  return points;
}

const AXES = { sagittal: 0, coronal: 1, axial: 2 } as const;

describe('reformats of the volume phantom', function () {
  this.timeout(120_000);
  let phantom: ManifestStudy;
  let truth: VolumePhantomTruth;
  let el: RadViewport;
  before(async () => {
    phantom = await study('ct-volume-phantom');
    truth = phantom.series[0].truth as unknown as VolumePhantomTruth;
    el = await viewportFor(phantom, phantom.series[0], 256);
  });
  after(() => el.remove());

  for (const plane of ['coronal', 'sagittal', 'axial'] as const) {
    it(`shows the ${plane} plane's voxels under nearest neighbour, and the trilinear formula under linear`, async () => {
      const detail = await showPlane(el, plane, { interpolation: 'nearest', slab: 'thin' });
      expect(detail).to.deep.equal({ requested: plane, shown: plane });
      el.setWindow(WINDOW);
      // Through the sphere's centre voxel (voxel centres lie on half millimetres in x and y).
      const through: Point3 = [6.5, -3.5, truth.positionsMm[20][2]];
      await el.reformat.moveTo(through);
      const points = planePoints(truth, through, AXES[plane]);
      const wrong = points.filter((p) => Math.abs(canvasGrey(el, pixelAt(el, p).pixel) - greyOf(nearestValue(truth, p))) > 1);
      expect(wrong.length, `${wrong.length} of ${points.length} points differ, e.g. ${wrong[0]}`).to.equal(0);
      el.interpolation = 'linear';
      await oneEvent(el, 'rad-reformat-rendered');
      const off = points.filter((p) => {
        const { pixel, centre } = pixelAt(el, p);
        return Math.abs(canvasGrey(el, pixel) - greyOf(trilinearValue(truth, centre))) > 1;
      });
      expect(off.length, `${off.length} of ${points.length} points differ, e.g. ${off[0]}`).to.equal(0);
    });
  }

  it('labels each plane with its patient directions and a scale bar true to the plane', async () => {
    const labels: Record<string, string[]> = {};
    for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
      await showPlane(el, plane, { slab: 'thin' });
      await el.updateComplete;
      const root = el.shadowRoot!;
      labels[plane] = ['left', 'right', 'top', 'bottom'].map((edge) => root.querySelector(`[data-edge="${edge}"]`)!.textContent!);
      expect(root.querySelector('[data-field="plane"]')?.textContent).to.equal(`${plane[0].toUpperCase()}${plane.slice(1)} reformat`);
      // The bar's width over its length in mm is the plane's scale: 10 mm apart on screen, measured.
      const bar = root.querySelector<HTMLElement>('[data-field="scale-bar"]')!;
      // Its outer width includes its two 1 px borders.
      const barPixels = bar.querySelector<HTMLElement>('.bar')!.getBoundingClientRect().width - 2;
      const { centreMm, screenRight } = el.reformat.state()!;
      const [a, b] = [0, 10].map((mm) => el.reformat.patientToCanvas(centreMm.map((v, i) => v + mm * screenRight[i]))!);
      expect(barPixels / Number(bar.dataset.mm)).to.be.closeTo((b[0] - a[0]) / 10, 0.05);
    }
    expect(labels).to.deep.equal({ axial: ['R', 'L', 'A', 'P'], coronal: ['R', 'L', 'H', 'F'], sagittal: ['A', 'P', 'H', 'F'] });
  });

  for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
    it(`measures the sphere on the ${plane} plane in mm of patient space, HU inside it, naming the plane`, async () => {
      await showPlane(el, plane, { slab: 'thin', interpolation: 'linear' });
      const { center, radius } = { center: truth.anatomy.sphere.centerMm, radius: truth.anatomy.sphere.radiusMm };
      await el.reformat.moveTo(center);
      const { screenRight: right, screenUp: up } = el.reformat.state()!;
      const along = (mmRight: number, mmUp = 0) => center.map((v, i) => v + mmRight * right[i] + mmUp * up[i]);
      try {
        el.activeTool = 'Length';
        await el.updateComplete;
        const added = oneEvent(el, 'rad-measurement-added');
        await dragOnReformat(el, along(-radius), along(radius));
        const { measurement } = (await added).detail;
        // Within half a voxel of the diameter (the sphere's edges are drawn at pixel positions).
        expect(measurement.values[0].value).to.be.closeTo(2 * radius, 0.5);
        expect(measurement.values[0].unit).to.equal('mm');
        expect(measurement.image).to.deep.include({ plane: `${plane[0].toUpperCase()}${plane.slice(1)} reformat` });
        // The source image nearest the line: the slice through the sphere's centre (z = -30 mm).
        const slice = truth.positionsMm.findIndex((p) => Math.abs(p[2] - center[2]) < 0.76);
        if (plane !== 'axial') expect(measurement.sopInstanceUID).to.equal(phantom.series[0].sopInstanceUIDs[slice]);
        expect(Math.hypot(...measurement.points![0].map((v: number, i: number) => v - along(-radius)[i]))).to.be.below(0.5);

        el.activeTool = 'EllipticalROI';
        await el.updateComplete;
        const roi = oneEvent(el, 'rad-measurement-added');
        // The ellipse tool draws from the centre outwards: 5 mm around a point 5.5 mm above the line, inside the sphere.
        await dragOnReformat(el, along(0, 5.5), along(5, 10.5));
        const values = Object.fromEntries((await roi).detail.measurement.values.map((v: { name: string }) => [v.name, v]));
        expect(values.mean).to.deep.equal({ name: 'mean', value: 1000, unit: 'HU' });
        // The pointer's positions are whole pixels: the axes may be off by a pixel, the area by its rim.
        const pixelMm = 1 / el.reformat.state()!.pixelsPerMm;
        expect(values.area.value).to.be.closeTo(Math.PI * 5 * 5, 2 * Math.PI * 5 * pixelMm);
        expect(el.getMeasurements().filter((m) => m.image?.plane)).to.have.length(2);
      } finally {
        el.clearMeasurements();
        el.activeTool = 'WindowLevel';
      }
    });
  }

  it('writes reformat measurements to the SR as SCOORD3D and draws them again on their plane', async () => {
    await showPlane(el, 'coronal', { slab: 'thin', interpolation: 'linear' });
    const center = truth.anatomy.sphere.centerMm;
    await el.reformat.moveTo(center);
    const { screenRight: right, screenUp: up } = el.reformat.state()!;
    const along = (mmRight: number, mmUp = 0) => center.map((v, i) => v + mmRight * right[i] + mmUp * up[i]);
    el.activeTool = 'Length';
    await el.updateComplete;
    try {
      const added = oneEvent(el, 'rad-measurement-added');
      await dragOnReformat(el, along(-10, -3), along(10, -3));
      const drawn = (await added).detail.measurement;
      const part10 = await el.exportMeasurementsSR();
      const dataset = (await readPart10(part10)) as { SOPClassUID: string; ContentSequence: unknown };
      const verdict = (await (await fetch('/__test/dciodvfy', { method: 'POST', body: part10 })).json()) as { errors: string[] };
      expect(verdict.errors).to.deep.equal([]);
      expect(dataset.SOPClassUID, 'Comprehensive 3D SR').to.equal('1.2.840.10008.5.1.4.1.1.88.34');
      const scoord = JSON.stringify(dataset.ContentSequence);
      expect(scoord).to.contain('"ValueType":"SCOORD3D"');
      expect(scoord).to.contain(`"ReferencedFrameOfReferenceUID":"${el.frames[0].metadata['00200052']?.Value?.[0]}"`);
      expect(scoord).to.contain('telerad:Length@coronal');
      el.clearMeasurements();
      expect(el.getMeasurements()).to.deep.equal([]);
      // From the stack: the element shows the plane again, at the measurement's slice.
      const back = oneEvent(el, 'rad-view-change');
      el.view = 'stack';
      await back;
      const [loaded] = await el.loadMeasurementsSR(part10);
      expect(el.view).to.equal('coronal');
      // Graphic Data is single precision (FL): a few micrometres.
      expect(loaded.values[0].value).to.be.closeTo(drawn.values[0].value, 1e-3);
      expect(loaded.image?.plane).to.equal('Coronal reformat');
      loaded.points!.flat().forEach((v, i) => expect(v).to.be.closeTo(drawn.points!.flat()[i], 1e-4));
    } finally {
      el.clearMeasurements();
      el.activeTool = 'WindowLevel';
    }
  });

  it("shows a coronal slab MIP as the maximum over the slab's voxels", async () => {
    await showPlane(el, 'coronal', { interpolation: 'nearest', slab: 'mip', slabThickness: 9 });
    el.setWindow(WINDOW);
    // The slab from y = 5.5 to 14.5 mm: its faces on voxel centres, so that which voxels it holds
    // does not hang on how a sample on a face rounds.
    const through: Point3 = [0, 10, 0];
    await el.reformat.moveTo(through);
    const points = planePoints(truth, through, 1, 2);
    const wrong = points.filter((p) => Math.abs(canvasGrey(el, pixelAt(el, p).pixel) - greyOf(slabMaximum(truth, p, 1, 4.5))) > 1);
    expect(wrong.length, `${wrong.length} of ${points.length} points differ, e.g. ${wrong[0]}`).to.equal(0);
    // The x rod (y 12.5 to 15.5) shows in the slab, not in the plane y = 10 alone.
    expect(points.some((p) => slabMaximum(truth, p, 1, 4.5) === 300 && nearestValue(truth, p) === 0)).to.equal(true);
  });
});

describe('crosshairs across a rendering group', function () {
  this.timeout(120_000);
  it('puts the point clicked on the axial plane at the crossing of every view, and follows a scroll', async () => {
    const phantom = await study('ct-volume-phantom');
    const group = document.createElement('rad-rendering-group');
    document.body.append(group);
    const planes = ['axial', 'coronal', 'sagittal'] as const;
    const views: RadViewport[] = [];
    try {
      for (const plane of planes) {
        const el = await viewportFor(phantom, phantom.series[0], 192, { parent: group });
        Object.assign(el, { crosshairs: true, activeTool: 'Crosshairs' });
        await showPlane(el, plane);
        views.push(el);
      }
      const [axial, coronal, sagittal] = views;
      const point: [number, number, number] = [-13.5, 9.5, axial.reformat.state()!.centreMm[2]];
      const area = axial.shadowRoot!.querySelector<HTMLElement>('.reformat')!;
      const box = area.getBoundingClientRect();
      const [x, y] = axial.reformat.patientToCanvas(point)!;
      const moved = Promise.all([coronal, sagittal].map((el) => oneEvent(el, 'rad-reformat-rendered')));
      area.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, buttons: 1, clientX: box.left + x, clientY: box.top + y }));
      await moved;
      await Promise.all(views.map((el) => el.updateComplete));
      for (const [i, el] of views.entries()) {
        const { centreMm, normal } = el.reformat.state()!;
        const off = centreMm.reduce((sum, v, k) => sum + (point[k] - v) * normal[k], 0);
        expect(Math.abs(off), `${planes[i]} plane through the point`).to.be.below(0.05);
        const lines = linesOf(el);
        expect(lines.map((l) => l.plane).sort(), planes[i]).to.deep.equal(planes.filter((p) => p !== planes[i]).sort());
        const centre = el.reformat.patientToCanvas(point)!;
        for (const line of lines) expect(distanceToLine(centre, line.ends), `${line.plane} line on ${planes[i]}`).to.be.below(1);
      }
      // The axial plane's line on the coronal view is horizontal; scrolling the axial view 4 slices moves it 6 mm.
      const axialLine = () => linesOf(coronal).find((l) => l.plane === 'axial')!.ends;
      const before = axialLine();
      expect(before[1]).to.be.closeTo(before[3], 0.01);
      await axial.stepImage(4);
      await coronal.updateComplete;
      const shift = Math.abs(axialLine()[1] - before[1]) / coronal.reformat.state()!.pixelsPerMm;
      expect(shift).to.be.closeTo(6, 0.05);

      // Where the group asks for it, a window and a zoom set on one view are every view's.
      Object.assign(group, { syncWindow: true, syncZoom: true });
      await group.updateComplete;
      axial.setWindow({ center: 100, width: 301 });
      axial.zoomBy(2);
      await Promise.all(views.map((el) => el.updateComplete));
      const windows = views.map((el) => el.reformat.state()!.window);
      for (const window of windows) expect(window.width).to.be.closeTo(windows[0].width, 1e-6);
      expect(views.map((el) => Number(el.reformat.state()!.zoom.toFixed(3)))).to.deep.equal([2, 2, 2]);
      axial.reset();
      expect(views.map((el) => Number(el.reformat.state()!.zoom.toFixed(3)))).to.deep.equal([1, 1, 1]);
    } finally {
      group.remove();
    }
  });
});

describe('reformat lifecycle', function () {
  this.timeout(120_000);
  it('switching stack and planes ten times, then disconnecting, leaves no volume, viewport or tool group', async () => {
    const phantom = await study('ct-volume-phantom');
    const el = await viewportFor(phantom, phantom.series[0], 128);
    const before = cornerstoneHolds();
    for (let round = 0; round < 10; round++) {
      await showPlane(el, (['axial', 'coronal', 'sagittal'] as const)[round % 3], { slab: round % 2 ? 'mip' : 'thin' });
      expect(cache.getVolumes().length, `round ${round}`).to.equal(1);
      const back = oneEvent(el, 'rad-view-change');
      el.view = 'stack';
      expect((await back).detail.shown).to.equal('stack');
      expect(cache.getVolumes().length, `round ${round}, back on the stack`).to.equal(0);
    }
    await showPlane(el, 'coronal');
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // One viewport and its tool group fewer: the element's stack's.
    expect(cornerstoneHolds()).to.deep.equal({ volumes: 0, viewports: before.viewports - 1, toolGroups: before.toolGroups - 1 });
  });
});

describe('reformats refused', function () {
  this.timeout(60_000);
  for (const [index, said] of [
    [1, 'Gantry tilt 12°: not reformatted.'],
    [2, 'The slices are not evenly spaced (1.5 to 3 mm).'],
  ] as const)
    it(`keeps series ${index + 1} of the volume phantom on the stack: "${said}"`, async () => {
      const phantom = await study('ct-volume-phantom');
      const el = await viewportFor(phantom, phantom.series[index], 128);
      try {
        const changed = oneEvent(el, 'rad-view-change');
        el.view = 'coronal';
        expect((await changed).detail).to.deep.equal({ requested: 'coronal', shown: 'stack', refusal: said });
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('[part~="refusal"]')?.textContent).to.equal(said);
        expect(el.reformat.state()).to.equal(undefined);
      } finally {
        el.remove();
      }
    });
});
