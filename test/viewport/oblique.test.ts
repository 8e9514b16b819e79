// Oblique planes by turning the crosshairs (issue 17): the other planes of a rendering group turn
// about the plane the reader works on, through the crosshair point; an oblique plane shows the
// phantom's trilinear values (±1 grey), is named oblique, and turns by API, keys and pointer.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RadViewport } from '@telerad/viewport';
import { study } from '../support/corpus.js';
import { trilinearValue, type VolumePhantomTruth } from '../support/volume-truth.js';
import { viewportFor } from './helpers.js';
import { canvasGrey, greyOf, linesOf, showPlane, WINDOW, type Point3 } from './reformat-helpers.js';

const degrees = (radians: number) => (radians * 180) / Math.PI;
const angleBetween = (u: readonly number[], v: readonly number[]) =>
  degrees(
    Math.acos(
      Math.max(
        -1,
        Math.min(
          1,
          u.reduce((sum, x, i) => sum + x * v[i], 0),
        ),
      ),
    ),
  );
/** The distance (mm) from a point to a view's plane. */
const offPlane = (el: RadViewport, point: readonly number[]) => {
  const { centreMm, normal } = el.reformat.state()!;
  return Math.abs(centreMm.reduce((sum, v, i) => sum + (point[i] - v) * normal[i], 0));
};
/** A reference line's direction on the canvas, in degrees within [0, 180). */
const lineAngle = (el: RadViewport, plane: string) => {
  const [x1, y1, x2, y2] = linesOf(el).find((line) => line.plane === plane)!.ends;
  return (degrees(Math.atan2(y2 - y1, x2 - x1)) + 180) % 180;
};

describe('oblique planes from the crosshairs', function () {
  this.timeout(180_000);
  let group: HTMLElement;
  let views: RadViewport[];
  let truth: VolumePhantomTruth;
  let centre: Point3;

  before(async () => {
    const phantom = await study('ct-volume-phantom');
    truth = phantom.series[0].truth as unknown as VolumePhantomTruth;
    centre = truth.anatomy.sphere.centerMm as Point3;
    group = document.createElement('rad-rendering-group');
    document.body.append(group);
    views = [];
    for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
      const el = await viewportFor(phantom, phantom.series[0], 192, { parent: group });
      Object.assign(el, { crosshairs: true, activeTool: 'Crosshairs' });
      await showPlane(el, plane);
      el.setWindow(WINDOW);
      views.push(el);
    }
    // The crosshair point at the sphere's centre: pressed on the axial plane, then the axial plane moved to it.
    const [axial] = views;
    const area = axial.shadowRoot!.querySelector<HTMLElement>('.reformat')!;
    const box = area.getBoundingClientRect();
    const [x, y] = axial.reformat.patientToCanvas([centre[0], centre[1], axial.reformat.state()!.centreMm[2]])!;
    area.dispatchEvent(
      new PointerEvent('pointerdown', {
        bubbles: true,
        composed: true,
        buttons: 1,
        clientX: box.left + x,
        clientY: box.top + y,
      }),
    );
    await axial.reformat.moveTo(centre);
    await waitUntil(() => views.every((el) => offPlane(el, centre) < 0.05), 'every plane through the sphere centre');
  });
  after(() => group.remove());

  it('turns the coronal and sagittal planes 30° about the axial normal, through the point', async () => {
    const [axial, coronal, sagittal] = views;
    const before = [coronal, sagittal].map((el) => el.reformat.state()!.normal);
    const linesBefore = ['coronal', 'sagittal'].map((plane) => lineAngle(axial, plane));
    await axial.reformat.rotateCrosshairs(30);
    await Promise.all(views.map((el) => el.updateComplete));
    const axialNormal = axial.reformat.state()!.normal;
    for (const [i, el] of [coronal, sagittal].entries()) {
      const { normal } = el.reformat.state()!;
      expect(angleBetween(normal, before[i]), 'turned 30°').to.be.closeTo(30, 0.01);
      expect(angleBetween(normal, axialNormal), 'about the axial normal').to.be.closeTo(90, 0.01);
      expect(offPlane(el, centre), 'through the point').to.be.below(0.05);
      const overlay = el.shadowRoot!.querySelector('[part~="overlay"]')!.textContent!;
      expect(overlay).to.contain('Oblique reformat');
    }
    // On the axial view the two lines turned with their planes.
    for (const [i, plane] of ['coronal', 'sagittal'].entries()) {
      const turned = Math.abs(lineAngle(axial, plane) - linesBefore[i]);
      expect(Math.min(turned, 180 - turned), `${plane} line`).to.be.closeTo(30, 0.5);
    }
    expect(axial.shadowRoot!.querySelector('[part~="overlay"]')!.textContent).to.contain('Axial reformat');
  });

  it("shows the phantom's trilinear values on the oblique plane, ±1 grey", async () => {
    const coronal = views[1];
    const { normal } = coronal.reformat.state()!;
    // Where the anatomy changes across the plane, the renderer's sample may lie up to half a sample
    // step off it, and a few hundredths of a mm beside the pixel centre: the value must lie within
    // the formula's values 0.5 mm either side, 0.05 mm about.
    const offsets = [-0.5, 0, 0.5].flatMap((d) =>
      [
        [0, 0, 0],
        [0.05, 0, 0],
        [-0.05, 0, 0],
        [0, 0.05, 0],
        [0, -0.05, 0],
        [0, 0, 0.05],
        [0, 0, -0.05],
      ].map((e) => e.map((v, i) => v + d * normal[i])),
    );
    const expected = (point: Point3) =>
      offsets.map((o) => greyOf(trilinearValue(truth, point.map((v, i) => v + o[i]) as Point3)));
    const canvas = coronal.canvas!;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    let checked = 0;
    for (let y = 2; y < canvas.height; y += 7)
      for (let x = 2; x < canvas.width; x += 7) {
        const point = coronal.reformat.canvasToPatient([(x + 0.5) / ratio, (y + 0.5) / ratio])!;
        const inside = point.every(
          (v, i) => v > truth.positionsMm.at(-1)![i] + 1 && v < truth.positionsMm[0][i] + 63 - 1,
        );
        if (!inside || point[2] > -1 || point[2] < -69.5) continue;
        const [lowest, highest] = [Math.min(...expected(point)), Math.max(...expected(point))];
        expect(canvasGrey(coronal, [x, y]), `at ${point.map((v) => v.toFixed(1))}`).to.be.within(
          lowest - 1,
          highest + 1,
        );
        checked++;
      }
    expect(checked).to.be.greaterThan(200);
  });

  it('turns them back by keys (Alt+←/→, 5° a press) and by dragging a line about the crossing', async () => {
    const [axial, coronal] = views;
    const start = coronal.reformat.state()!.normal;
    axial.shadowRoot!.querySelector<HTMLElement>('[part~="viewport"]')!.focus();
    await sendKeys({ press: 'Alt+ArrowRight' });
    await waitUntil(
      () => Math.abs(angleBetween(coronal.reformat.state()!.normal, start) - 5) < 0.01,
      'turned 5° by a key',
    );
    for (let press = 0; press < 5; press++) await sendKeys({ press: 'Alt+ArrowRight' });
    await waitUntil(
      () => Math.abs(angleBetween(coronal.reformat.state()!.normal, start) - 30) < 0.01,
      'turned back 30°',
    );
    const unturned = coronal.reformat.state()!.normal;
    expect(Math.abs(unturned[1]), 'coronal again').to.be.closeTo(1, 1e-6);

    // A press on the coronal line 50 px from the crossing, dragged 20° around it: the line follows the pointer.
    const area = axial.shadowRoot!.querySelector<HTMLElement>('.reformat')!;
    const box = area.getBoundingClientRect();
    const [cx, cy] = axial.reformat.patientToCanvas(centre)!;
    const start2 = lineAngle(axial, 'coronal');
    const at = (deg: number) => {
      const a = ((start2 + deg) * Math.PI) / 180;
      return { clientX: box.left + cx + 50 * Math.cos(a), clientY: box.top + cy + 50 * Math.sin(a) };
    };
    const options = { bubbles: true, composed: true, buttons: 1 };
    area.dispatchEvent(new PointerEvent('pointerdown', { ...options, ...at(0) }));
    for (let deg = 5; deg <= 20; deg += 5) {
      area.dispatchEvent(new PointerEvent('pointermove', { ...options, ...at(deg) }));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    area.dispatchEvent(new PointerEvent('pointerup', { ...options, buttons: 0, ...at(20) }));
    await waitUntil(
      () => Math.abs(lineAngle(axial, 'coronal') - ((start2 + 20) % 180)) < 0.5,
      `line at ${lineAngle(axial, 'coronal')}`,
    );
    expect(angleBetween(coronal.reformat.state()!.normal, unturned)).to.be.closeTo(20, 0.5);
    expect(offPlane(coronal, centre)).to.be.below(0.05);
  });

  it('measures on the oblique plane and draws the measurement again on it from the SR', async () => {
    const coronal = views[1];
    const { screenRight: right, screenUp: up, normal } = coronal.reformat.state()!;
    const at = (mmRight: number, mmUp: number) => centre.map((v, i) => v + mmRight * right[i] + mmUp * up[i]) as Point3;
    const ellipse = { tool: 'EllipticalROI' as const, sopInstanceUID: '', handles: [], points: [at(0, 5), at(0, -5), at(-8, 0), at(8, 0)], view: 'coronal' as const };
    try {
      const [drawn] = await coronal.setMeasurements([ellipse]);
      const area = drawn.values.find((v) => v.name === 'area')!.value;
      expect(area).to.be.closeTo(Math.PI * 8 * 5, 1e-3);
      expect(drawn.values.find((v) => v.name === 'mean')!.value, 'inside the sphere').to.be.closeTo(truth.anatomy.sphere.hu, 1);
      expect(drawn.image?.plane).to.equal('Oblique reformat');
      const part10 = await coronal.exportMeasurementsSR();
      coronal.clearMeasurements();
      // From the stack: the SR shows the coronal view again, turned to the measurement's plane.
      const back = oneEvent(coronal, 'rad-view-change');
      coronal.view = 'stack';
      await back;
      const [loaded] = await coronal.loadMeasurementsSR(part10);
      expect(angleBetween(coronal.reformat.state()!.normal, normal), 'the oblique plane again').to.be.below(0.01);
      expect(loaded.values.find((v) => v.name === 'area')!.value).to.be.closeTo(area, 1e-2);
      expect(loaded.values.find((v) => v.name === 'mean')!.value).to.be.closeTo(truth.anatomy.sphere.hu, 1);
      expect(loaded.image?.plane).to.equal('Oblique reformat');
    } finally {
      coronal.clearMeasurements();
    }
  });
});
