// <rad-viewport> against Orthanc and the corpus phantoms: displayed values, measurements,
// calibration, lifecycle. Rendering: WebGL through SwiftShader (GPU mode).
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import { DicomWebService, setRadLocale } from '@telerad/core';
import { type MeasurementDetail, type RadMeasurement, type RadViewport } from '@telerad/viewport';
import { study, type ManifestStudy } from '../support/corpus.js';
import { studyAsListed } from '../support/qido.js';
import { CODEC_BASE_PATH, drag, errorState, failingViewport, hasContent, rendered, sizeImageArea, toImage, viewportFor } from './helpers.js';

interface Region {
  name: string;
  hu: number;
  centerPx: [number, number];
  radiusPx: number;
}

describe('<rad-viewport> CT phantom', () => {
  let el: RadViewport;
  let ct: ManifestStudy;

  before(async function () {
    // The first viewport of a test page waits for the dev server to transform Cornerstone.
    this.timeout(90_000);
    ct = await study('ct-phantom');
    el = await viewportFor(ct);
    await el.showImage(50);
  });

  after(() => el.remove());

  it('measures the markers 100 mm apart with Length, in mm from PixelSpacing', async () => {
    const markers = ct.series[0].truth.markers as { centersPx: [number, number][]; distanceMm: number };
    el.activeTool = 'Length';
    await el.updateComplete;
    const added = oneEvent(el, 'rad-measurement-added') as Promise<CustomEvent<MeasurementDetail>>;
    await drag(el, toImage(markers.centersPx[0]), toImage(markers.centersPx[1]));
    const { measurement } = (await added).detail;
    expect(measurement.tool).to.equal('Length');
    expect(measurement.calibration).to.equal('patient');
    expect(measurement.values[0].unit).to.equal('mm');
    expect(measurement.values[0].value).to.be.closeTo(markers.distanceMm, 0.5 * 0.625);
    expect(measurement.sopInstanceUID).to.equal(el.frames[50].sopInstanceUID);
    expect(el.getMeasurements().map((m) => m.id)).to.include(measurement.id);
  });

  it('reports ROI mean and SD in HU for each insert (±0.1)', async () => {
    el.activeTool = 'EllipticalROI';
    await el.updateComplete;
    for (const region of (ct.series[0].truth.regions as Region[]).slice(1)) {
      const [x, y] = toImage(region.centerPx);
      const r = region.radiusPx * 0.5;
      // The ellipse tool draws from the centre outwards.
      const added = oneEvent(el, 'rad-measurement-added') as Promise<CustomEvent<MeasurementDetail>>;
      await drag(el, [x, y], [x + r, y + r]);
      const { values } = (await added).detail.measurement;
      const value = (name: string) => values.find((v) => v.name === name)!;
      expect(value('mean').value, region.name).to.be.closeTo(region.hu, 0.1);
      expect(value('mean').unit).to.equal('HU');
      expect(value('stdDev').value, region.name).to.be.closeTo(0, 0.1);
      expect(value('area').unit).to.equal('mm²');
    }
  });

  it('exports the measurements as a TID 1500 SR that dciodvfy accepts, and reloads them exactly', async () => {
    const before = el.getMeasurements();
    expect(before.map((m) => m.tool)).to.include.members(['Length', 'EllipticalROI']);
    const sr = await el.exportMeasurementsSR();
    const verdict = (await (await fetch('/__test/dciodvfy', { method: 'POST', body: sr })).json()) as { errors: string[] };
    expect(verdict.errors).to.deep.equal([]);
    // Stored, it leaves the study as the worklist lists it (priority, description, patient).
    const listed = await studyAsListed(ct.studyInstanceUID);
    const { stored } = await new DicomWebService({ url: '/dicom-web' }).storeInstances([sr], ct.studyInstanceUID);
    expect(await studyAsListed(ct.studyInstanceUID)).to.deep.equal(listed);
    await fetch(`/__test/forget/${stored[0]}`, { method: 'POST' });
    el.clearMeasurements();
    expect(el.getMeasurements()).to.have.length(0);
    const after = await el.loadMeasurementsSR(sr);
    expect(after).to.have.length(before.length);
    for (const original of before) {
      const restored = after.find((m) => m.tool === original.tool && Math.abs(m.handles[0][0] - original.handles[0][0]) < 1e-3 && Math.abs(m.handles[0][1] - original.handles[0][1]) < 1e-3)!;
      expect(restored, original.tool).to.exist;
      expect(restored.sopInstanceUID).to.equal(original.sopInstanceUID);
      expect(restored.calibration).to.equal(original.calibration);
      for (const [i, h] of original.handles.entries()) expect(restored.handles[i][0]).to.be.closeTo(h[0], 1e-3), expect(restored.handles[i][1]).to.be.closeTo(h[1], 1e-3);
      for (const value of original.values) {
        const again = restored.values.find((v) => v.name === value.name)!;
        expect(again.unit, `${original.tool} ${value.name}`).to.equal(value.unit);
        expect(again.value, `${original.tool} ${value.name}`).to.be.closeTo(value.value, 1e-3);
      }
    }
  });

  it('marks the screen edges with patient directions, following flips, and draws a true mm scale bar', async () => {
    await el.updateComplete;
    const edge = (name: string) => el.shadowRoot!.querySelector(`[data-edge="${name}"]`)!.textContent;
    expect(['left', 'right', 'top', 'bottom'].map(edge)).to.deep.equal(['R', 'L', 'A', 'P']);
    await rendered(el, () => el.flip('horizontal'));
    await el.updateComplete;
    expect(['left', 'right', 'top', 'bottom'].map(edge)).to.deep.equal(['L', 'R', 'A', 'P']);
    await rendered(el, () => el.flip('horizontal'));
    await el.updateComplete;
    const bar = el.shadowRoot!.querySelector<HTMLElement>('[data-field="scale-bar"]')!;
    const mm = Number(bar.dataset.mm);
    expect(bar.textContent).to.contain(`${mm} mm`);
    // The bar's outer width includes its two 1 px borders.
    const drawn = bar.querySelector('.bar')!.getBoundingClientRect().width - 2;
    expect(drawn).to.be.closeTo((mm / 0.625) * el.viewState.scale, 1);
  });

  it('changes the window from the keyboard and toolbar (no drag needed)', async () => {
    const area = el.shadowRoot!.querySelector<HTMLElement>('[part~="viewport"]')!;
    await rendered(el, () => el.setWindow({ center: 40, width: 400 }));
    await rendered(el, () => area.dispatchEvent(new KeyboardEvent('keydown', { key: ']', bubbles: true })));
    expect(el.viewState.window.width).to.be.closeTo(480, 1e-6);
    await rendered(el, () => area.dispatchEvent(new KeyboardEvent('keydown', { key: ',', bubbles: true })));
    expect(el.viewState.window.center).to.be.closeTo(-8, 1e-6);
    const button = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="toolbar"] button')].find((b) => b.textContent!.trim() === 'Level +')!;
    await rendered(el, () => button.click());
    expect(el.viewState.window.center).to.be.closeTo(40, 1e-6);
  });

  it('deletes a selected measurement with Delete and undoes a new one with Ctrl+Z', async () => {
    const { annotation } = await import('@cornerstonejs/tools');
    const area = el.shadowRoot!.querySelector<HTMLElement>('[part~="viewport"]')!;
    const count = el.getMeasurements().length;
    el.activeTool = 'Length';
    await el.updateComplete;
    const added = oneEvent(el, 'rad-measurement-added') as Promise<CustomEvent<MeasurementDetail>>;
    await drag(el, [100, 100], [200, 100]);
    const { measurement } = (await added).detail;
    expect(el.getMeasurements()).to.have.length(count + 1);
    const undone = oneEvent(el, 'rad-measurement-removed');
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));
    expect(((await undone) as CustomEvent<MeasurementDetail>).detail.measurement.id).to.equal(measurement.id);
    expect(el.getMeasurements()).to.have.length(count);

    const [first] = el.getMeasurements();
    annotation.selection.setAnnotationSelected(first.id, true);
    const removed = oneEvent(el, 'rad-measurement-removed');
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }));
    expect(((await removed) as CustomEvent<MeasurementDetail>).detail.measurement.id).to.equal(first.id);
    expect(el.getMeasurements()).to.have.length(count - 1);
  });

  it('speaks German when the page switches locale', async () => {
    try {
      await setRadLocale('de');
      await el.updateComplete;
      const buttons = [...el.shadowRoot!.querySelectorAll('[part~="toolbar"] button')].map((b) => b.textContent!.trim());
      expect(buttons).to.include.members(['Länge', 'Ellipsen-ROI', 'Fenster +', 'Zurücksetzen']);
      expect(el.shadowRoot!.querySelector('[data-field="calibration"]')!.textContent).to.equal('PixelSpacing (Patient)');
      expect(el.shadowRoot!.querySelector('[part~="viewport"]')!.getAttribute('aria-label')).to.match(/^Bild \d+ von 100$/);
    } finally {
      await setRadLocale('en');
    }
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-field="calibration"]')!.textContent).to.equal('PixelSpacing (patient)');
  });

  it('scrolls by keys and reports image n/N', async () => {
    const area = el.shadowRoot!.querySelector<HTMLElement>('[part~="viewport"]')!;
    area.focus();
    await rendered(el, () => area.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    await waitUntil(() => el.viewState.index === 51);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-field="image"]')!.textContent).to.contain('Im 52/100');
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await waitUntil(() => el.viewState.index === 99);
  });

  it('ignores a click with a drawing tool: no zero-length or sub-pixel measurement is reported or kept', async () => {
    const area = el.shadowRoot!.querySelector<HTMLElement>('.cornerstone')!;
    const box = area.getBoundingClientRect();
    const [x, y] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 3)];
    await el.showImage(30);
    const before = el.getMeasurements().length;
    const added: RadMeasurement[] = [];
    const record = (e: Event) => added.push((e as CustomEvent<MeasurementDetail>).detail.measurement);
    el.addEventListener('rad-measurement-added', record);
    try {
      el.activeTool = 'Length';
      await el.updateComplete;
      // Cornerstone draws a line click-move-click too: a click, a wobble back to the same point
      // and a second click complete a line of zero length.
      await sendMouse({ type: 'click', position: [x, y] });
      await sendMouse({ type: 'move', position: [x + 6, y + 6] });
      await sendMouse({ type: 'click', position: [x, y] });
      for (const tool of ['Length', 'EllipticalROI', 'RectangleROI'] as const) {
        el.activeTool = tool;
        await el.updateComplete;
        // Pressed, wobbled and released where it started.
        await sendMouse({ type: 'move', position: [x, y] });
        await sendMouse({ type: 'down' });
        await sendMouse({ type: 'move', position: [x + 6, y + 6] });
        await sendMouse({ type: 'move', position: [x, y] });
        await sendMouse({ type: 'up' });
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(added, 'no rad-measurement-added').to.have.length(0);
      expect(el.getMeasurements(), JSON.stringify(el.getMeasurements().slice(before).map((m) => [m.tool, m.handles]))).to.have.length(before);
      // A real line drawn the same way is measured (the click test is not vacuous).
      el.activeTool = 'Length';
      await el.updateComplete;
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [x + 20, y] });
      await sendMouse({ type: 'move', position: [x + 40, y] });
      await sendMouse({ type: 'up' });
      await waitUntil(() => added.length === 1, 'a line is measured');
      const [measurement] = added;
      expect(measurement.values[0].value).to.be.greaterThan(1);
      expect(measurement.image, 'the position the counter shows').to.deep.include({ position: 31, count: 100 });
    } finally {
      el.removeEventListener('rad-measurement-added', record);
      el.activeTool = 'WindowLevel';
      await el.updateComplete;
    }
  });

  it('wheel down, drag down with Scroll and ArrowDown all go to the next image (real input from Chromium)', async () => {
    const area = el.shadowRoot!.querySelector<HTMLElement>('.cornerstone')!;
    const box = area.getBoundingClientRect();
    const [x, y] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
    const wheel = async (deltaY: number, from: number) => {
      await el.showImage(from);
      await executeServerCommand('wheel', { x, y, deltaY });
      await waitUntil(() => el.viewState.index !== from, 'wheel scrolled', { timeout: 3000 });
      return el.viewState.index;
    };
    expect(await wheel(100, 11), 'wheel down from image 12').to.equal(12);
    expect(await wheel(-100, 11), 'wheel up from image 12').to.equal(10);
    expect(await wheel(100, 0), 'wheel down at image 1').to.equal(1);
    el.activeTool = 'StackScroll';
    await el.updateComplete;
    await el.showImage(11);
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    for (let dy = 10; dy <= 60; dy += 10) await sendMouse({ type: 'move', position: [x, y + dy] });
    await sendMouse({ type: 'up' });
    await waitUntil(() => el.viewState.index !== 11, 'dragged', { timeout: 3000 });
    expect(el.viewState.index, 'drag down: later images').to.be.greaterThan(11);
    el.activeTool = 'WindowLevel';
    await el.updateComplete;
  });
});

describe('<rad-viewport> projection radiography and errors', () => {
  it('reports pixels for an image without spacing, and scrolls the frames of a multi-frame instance', async () => {
    const xa = await study('xa-angio');
    const el = await viewportFor(xa, undefined, 256);
    after(() => el.remove());
    expect(el.frames).to.have.length(xa.series[0].framesPerInstance);
    expect(el.frames.map((f) => f.frame).slice(0, 3)).to.deep.equal([1, 2, 3]);
    expect(el.shadowRoot!.querySelector('[data-field="calibration"]')!.textContent).to.equal('Uncalibrated (pixels)');
    const [measurement] = await el.setMeasurements([{ tool: 'Length', handles: [[10, 20], [110, 20]], sopInstanceUID: el.frames[0].sopInstanceUID, frame: 1 }]);
    expect(measurement.calibration).to.equal('uncalibrated');
    expect(measurement.values[0]).to.deep.equal({ name: 'length', value: 100, unit: 'px' });
    await el.showImage(40);
    expect(el.viewState.index).to.equal(40);
    expect(el.frames[40].frame).to.equal(41);
  });

  it('says so, instead of a black image, when Cornerstone cannot draw a decoded image (YBR_FULL_422)', async () => {
    const colour = await study('pydicom-colour');
    const ybr422 = colour.series.find((s) => s.photometricInterpretation === 'YBR_FULL_422')!;
    const { el, errors } = failingViewport('/dicom-web', colour.studyInstanceUID, ybr422.seriesInstanceUID);
    after(() => el.remove());
    expect((await errorState(el)).dataset.kind).to.equal('unsupported');
    expect(errors.map((e) => e.error.kind)).to.include('unsupported');
  });

  it('shows WADO-URI image ids given by the host, calibrated from the files themselves', async () => {
    const head = await study('ct-head-garcia');
    const [series] = head.series;
    const markers = series.truth.markers as { centersPx: [number, number][]; distanceMm: number };
    const el = document.createElement('rad-viewport');
    sizeImageArea(el, 256);
    el.codecBasePath = CODEC_BASE_PATH;
    el.imageIds = series.files.map((file) => `wadouri:${location.origin}/corpus/${file}`);
    const first = oneEvent(el, 'rad-image-rendered');
    document.body.append(el);
    after(() => el.remove());
    await el.loaded();
    await first;
    expect(el.frames).to.have.length(series.instanceCount);
    expect(el.frames[0].sopInstanceUID).to.be.oneOf(series.sopInstanceUIDs);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-field="calibration"]')!.textContent).to.equal('PixelSpacing (patient)');
    const [length] = await el.setMeasurements([{ tool: 'Length', handles: markers.centersPx.map(toImage), sopInstanceUID: el.frames[0].sopInstanceUID }]);
    expect(length.calibration).to.equal('patient');
    expect(length.values[0].value).to.be.closeTo(markers.distanceMm, 0.5 * 0.9375);
  });

  it('shows an error state (the file at fault, not the archive), not an exception in the page, when frames do not decode', async () => {
    const head = await study('ct-head-garcia');
    const unhandled: unknown[] = [];
    // Reported to the page (console, host handlers) unless a handler before ours took it.
    const onUnhandled = (e: PromiseRejectionEvent) => void (e.defaultPrevented || unhandled.push(e.reason));
    window.addEventListener('unhandledrejection', onUnhandled);
    const { el, errors } = failingViewport('/__quirks/corrupt-frames/dicom-web', head.studyInstanceUID, head.series[0].seriesInstanceUID);
    try {
      expect((await errorState(el, 15_000)).dataset.kind).to.equal('bad-file');
      expect(errors.map((e) => [e.error.kind, e.source])).to.deep.include(['bad-file', 'file']);
      await new Promise((r) => setTimeout(r, 300));
      expect(unhandled, 'no unhandled rejection reached the page').to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
      el.remove();
    }
  });

  it('marks an image that fails after the first one (rad-error once, no stale image) and scrolls on past it', async () => {
    const head = await study('ct-head-garcia');
    const [series] = head.series;
    const broken = series.sopInstanceUIDs[5];
    const unhandled: unknown[] = [];
    const onUnhandled = (e: PromiseRejectionEvent) => void (e.defaultPrevented || unhandled.push(e.reason));
    window.addEventListener('unhandledrejection', onUnhandled);
    const { el, errors } = failingViewport(`/__quirks/corrupt-frames~${broken}/dicom-web`, head.studyInstanceUID, series.seriesInstanceUID);
    try {
      await el.loaded();
      const index = el.frames.findIndex((f) => f.sopInstanceUID === broken);
      expect(index).to.be.greaterThan(0);
      await waitUntil(() => errors.length > 0 && !el.shadowRoot!.querySelector('[part~="progress"]'), 'prefetch settled', { timeout: 15_000 });
      expect(errors.map((e) => [e.operation, e.error.kind])).to.deep.equal([['load-image', 'bad-file']]);
      const area = el.shadowRoot!.querySelector<HTMLElement>('.cornerstone')!;

      await el.showImage(index);
      await el.updateComplete;
      expect([el.viewState.index, el.viewState.failed]).to.deep.equal([index, true]);
      const banner = el.shadowRoot!.querySelector('[part~="image-error"]');
      expect(banner?.textContent).to.contain(`Image ${index + 1} of ${series.instanceCount} could not be shown.`);
      expect(getComputedStyle(area).visibility, 'the previous image is hidden').to.equal('hidden');
      expect(errors, 'reported once').to.have.length(1);

      await rendered(el, () => el.stepImage(1));
      await el.updateComplete;
      expect([el.viewState.index, el.viewState.failed]).to.deep.equal([index + 1, false]);
      expect(el.shadowRoot!.querySelector('[part~="image-error"]')).to.equal(null);
      expect(getComputedStyle(area).visibility).to.equal('visible');
      expect(hasContent(el)).to.equal(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(unhandled, 'no unhandled rejection reached the page').to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
      el.remove();
    }
  });

  it('shows a clear error and fires rad-error for a series the archive does not have', async () => {
    const ct = await study('ct-phantom');
    const { el, errors } = failingViewport('/dicom-web', ct.studyInstanceUID, '2.25.1');
    after(() => el.remove());
    expect((await errorState(el)).getAttribute('role')).to.equal('alert');
    expect(errors[0]?.error.kind).to.equal('not-found');
    expect(errors[0]?.operation).to.equal('load-series');
  });
});
