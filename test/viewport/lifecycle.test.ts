// Embedding quality: connect/disconnect leaves nothing behind, reconnecting works, several
// viewports share one rendering engine, cine plays at the data's frame rate.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { eventTarget, getEnabledElements, getRenderingEngines } from '@cornerstonejs/core';
import { ToolGroupManager } from '@cornerstonejs/tools';
import { sendMouse } from '@web/test-runner-commands';
import type { CineChangeDetail, MeasurementDetail, RadViewport } from '@telerad/viewport';
import { loadManifest } from '../support/corpus.js';
import { displayedAt, errorState, failingViewport, hasContent, rendered, viewportFor } from './helpers.js';

const listenerCount = () => Object.values((eventTarget as unknown as { listeners: Record<string, unknown[]> }).listeners).reduce((n, list) => n + list.length, 0);

describe('<rad-viewport> lifecycle', () => {
  it('connects and disconnects 50 times leaving no engine, viewport, tool group or listener behind', async function () {
    this.timeout(180_000);
    const manifest = await loadManifest();
    const study = manifest.studies.find((s) => s.key === 'ct-head-garcia')!;
    // Cornerstone's one-time initialisation registers listeners of its own: count after it.
    (await viewportFor(study, undefined, 128)).remove();
    const baseline = listenerCount();
    for (let i = 0; i < 50; i++) {
      const el = await viewportFor(study, undefined, 128);
      expect(getRenderingEngines()).to.have.length(1);
      el.remove();
    }
    expect(getRenderingEngines(), 'engine (and its WebGL context) released').to.have.length(0);
    expect(getEnabledElements()).to.have.length(0);
    expect(ToolGroupManager.getAllToolGroups()).to.have.length(0);
    expect(listenerCount()).to.equal(baseline);
  });

  it('works again after being moved in the page (reconnect)', async () => {
    const manifest = await loadManifest();
    const el = await viewportFor(manifest.studies.find((s) => s.key === 'ct-head-garcia')!, undefined, 256);
    const host = document.createElement('section');
    document.body.append(host);
    const rendered = oneEvent(el, 'rad-image-rendered');
    host.append(el);
    await rendered;
    await waitUntil(() => hasContent(el), 'image drawn after reconnect');
    expect(el.viewState.count).to.equal(24);
    host.remove();
  });

  it('renders four viewports at once on one shared engine', async () => {
    const manifest = await loadManifest();
    const keys = ['ct-phantom', 'mr-brain', 'dx-chest', 'pet-ct'];
    const viewports = await Promise.all(keys.map((key) => viewportFor(manifest.studies.find((s) => s.key === key)!, undefined, 200)));
    try {
      expect(getRenderingEngines()).to.have.length(1);
      expect(getEnabledElements()).to.have.length(4);
      for (const [i, el] of viewports.entries()) await waitUntil(() => hasContent(el), `${keys[i]} drawn`);
    } finally {
      for (const el of viewports) el.remove();
    }
  });

  it('gives the viewports of a <rad-rendering-group> an engine of their own (through context)', async () => {
    const manifest = await loadManifest();
    const head = manifest.studies.find((s) => s.key === 'ct-head-garcia')!;
    const outside = await viewportFor(head, undefined, 128);
    const group = document.createElement('rad-rendering-group');
    document.body.append(group);
    const inGroup = await Promise.all([viewportFor(head, undefined, 128), viewportFor(head, undefined, 128)]);
    for (const el of inGroup) group.append(el);
    await Promise.all(inGroup.map((el) => oneEvent(el, 'rad-image-rendered')));
    try {
      expect(getRenderingEngines()).to.have.length(2);
      const engineOf = (el: RadViewport) => getEnabledElements().find((e) => e.viewport.element === el.shadowRoot!.querySelector('.cornerstone'))!.renderingEngineId;
      expect(engineOf(inGroup[0])).to.equal(engineOf(inGroup[1]));
      expect(engineOf(inGroup[0])).to.not.equal(engineOf(outside));
    } finally {
      group.remove();
      outside.remove();
    }
    expect(getRenderingEngines()).to.have.length(0);
  });

  it('keeps the image fitted, or zoomed as the reader chose, when its viewport is resized (1×1 → 1×2 and back)', async () => {
    const manifest = await loadManifest();
    const head = manifest.studies.find((s) => s.key === 'ct-head-garcia')!;
    const el = await viewportFor(head, undefined, 256);
    // A viewport on the same engine that shows no image (its series is missing) is resized too.
    const { el: empty } = failingViewport('/dicom-web', head.studyInstanceUID, '1.2.3.404');
    await errorState(empty);
    const pageErrors: string[] = [];
    const onError = (event: ErrorEvent) => pageErrors.push(event.message);
    window.addEventListener('error', onError);
    try {
      const [rows, columns] = ['00280010', '00280011'].map((tag) => el.frames[0].metadata[tag]!.Value![0] as number);
      /** Canvas pixels per image pixel when the whole image just fits the image area. */
      const fit = () => {
        const { width, height } = el.canvas!.getBoundingClientRect();
        return Math.min(width / columns, height / rows);
      };
      const resizeTo = (width: number) => rendered(el, () => (el.style.width = `${width + 2}px`));
      const wide = fit();
      await resizeTo(128);
      expect(fit(), 'a narrower image area').to.be.below(wide * 0.9);
      expect(el.viewState.zoom, 'still fitted').to.be.closeTo(1, 0.01);
      expect(el.viewState.scale, 'the whole image in the narrower area').to.be.closeTo(fit(), 0.01);
      await rendered(el, () => el.zoomBy(2));
      await resizeTo(256);
      expect(el.viewState.zoom, 'the reader’s zoom').to.be.closeTo(2, 0.01);
      expect(el.viewState.scale).to.be.closeTo(fit() * 2, 0.01);
      empty.style.width = '200px';
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pageErrors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      el.remove();
      empty.remove();
    }
  });

  it('zooms with a two-finger pinch', async () => {
    const manifest = await loadManifest();
    const el = await viewportFor(manifest.studies.find((s) => s.key === 'ct-head-garcia')!, undefined, 256);
    try {
      const area = el.shadowRoot!.querySelector<HTMLElement>('.cornerstone')!;
      const box = area.getBoundingClientRect();
      const [cx, cy] = [box.left + box.width / 2, box.top + box.height / 2];
      const touches = (spread: number) => [
        new Touch({ identifier: 1, target: area, clientX: cx - spread, clientY: cy, pageX: cx - spread, pageY: cy }),
        new Touch({ identifier: 2, target: area, clientX: cx + spread, clientY: cy, pageX: cx + spread, pageY: cy }),
      ];
      // On touchend the lifted fingers are no longer among `touches`: left there, Cornerstone keeps
      // a touch in progress and ignores the mouse in the tests after this one.
      const send = (type: string, list: Touch[]) => {
        const down = type === 'touchend' ? [] : list;
        area.dispatchEvent(new TouchEvent(type, { bubbles: true, composed: true, cancelable: true, touches: down, targetTouches: down, changedTouches: list }));
      };
      const before = el.viewState.zoom;
      send('touchstart', touches(20));
      for (let spread = 25; spread <= 80; spread += 5) {
        send('touchmove', touches(spread));
        await new Promise((r) => setTimeout(r, 20));
      }
      send('touchend', touches(80));
      await waitUntil(() => el.viewState.zoom > before * 1.5, 'pinch zoomed in', { timeout: 3000 });
    } finally {
      el.remove();
    }
  });

  it('plays ultrasound cine at the frame time of the data and measures with the region calibration', async () => {
    const manifest = await loadManifest();
    const us = manifest.studies.find((s) => s.key === 'us-abdomen')!;
    const truth = us.series[0].truth as { framesPerSecond: number; markers: { centersPx: [number, number][]; distanceMm: number } };
    const el = await viewportFor(us, undefined, 480);
    try {
      expect(el.viewState.count).to.equal(24);
      const start = performance.now();
      el.play();
      await waitUntil(() => el.viewState.index >= 6, 'cine advanced', { timeout: 5000 });
      const fps = el.viewState.index / ((performance.now() - start) / 1000);
      // 25 fps from Frame Time 40 ms; timers in a busy test browser only run late.
      expect(fps).to.be.within(8, 27);
      el.pause();
      const paused = el.viewState.index;
      await new Promise((r) => setTimeout(r, 200));
      expect(el.viewState.index).to.equal(paused);
      const [length] = await el.setMeasurements([
        { tool: 'Length', handles: truth.markers.centersPx.map(([x, y]) => [x - 0.5, y - 0.5]), sopInstanceUID: el.frames[paused].sopInstanceUID, frame: el.frames[paused].frame },
      ]);
      expect(length.calibration).to.equal('ultrasound-region');
      expect(length.values[0].value).to.be.closeTo(truth.markers.distanceMm, 0.5 * 0.2);
      expect(displayedAt(el, [150, 60])).to.be.a('number');
    } finally {
      el.remove();
    }
  });

  it('pauses cine when a measuring tool is pressed on the image, and measures on the frame it was drawn on', async () => {
    const manifest = await loadManifest();
    const us = manifest.studies.find((s) => s.key === 'us-abdomen')!;
    const el = await viewportFor(us, undefined, 480);
    const changes: CineChangeDetail[] = [];
    el.addEventListener('rad-cine-change', (e) => changes.push(e.detail));
    try {
      // Cornerstone ignores the mouse for 2 s after a touch (ghost clicks): the pinch test's.
      await new Promise((r) => setTimeout(r, 2100));
      el.cineFps = 12;
      el.play();
      expect(changes).to.deep.equal([{ playing: true, fps: 12 }]);
      await waitUntil(() => el.viewState.index >= 3, 'cine advanced', { timeout: 5000 });
      const toolbarFps = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="toolbar"] .fps input')!;
      expect(toolbarFps.value).to.equal('12');
      el.activeTool = 'Length';
      await el.updateComplete;
      const box = el.shadowRoot!.querySelector('.cornerstone')!.getBoundingClientRect();
      // Away from the phantom's marker line, where a press would pick up a measurement made there.
      const [x, y] = [Math.round(box.left + box.width / 4), Math.round(box.top + box.height / 4)];
      const added = oneEvent(el, 'rad-measurement-added') as Promise<CustomEvent<MeasurementDetail>>;
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      expect(el.playing, 'paused by the press').to.equal(false);
      const shown = el.viewState.index;
      // Moved the way a hand does: in steps, a few milliseconds apart.
      for (let dx = 10; dx <= 60; dx += 10) {
        await sendMouse({ type: 'move', position: [x + dx, y] });
        await new Promise((r) => setTimeout(r, 30));
      }
      await sendMouse({ type: 'up' });
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no measurement: playing ${el.playing}, index ${el.viewState.index} (pressed on ${shown}), kept ${JSON.stringify(el.getMeasurements().map((m) => [m.tool, m.handles.map((h) => h.map(Math.round)), el.frames.findIndex((f) => f.sopInstanceUID === m.sopInstanceUID && f.frame === m.frame)]))}`)), 8000),
      );
      const { measurement } = (await Promise.race([added, timeout])).detail;
      expect(measurement.sopInstanceUID).to.equal(el.frames[shown].sopInstanceUID);
      expect(measurement.frame).to.equal(el.frames[shown].frame);
      expect(measurement.values[0].value).to.be.greaterThan(1);
      expect(el.viewState.index, 'still on the frame drawn on').to.equal(shown);
      expect(changes.at(-1)).to.deep.equal({ playing: false, fps: 12 });
    } finally {
      el.remove();
    }
  });
});
