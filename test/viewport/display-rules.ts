// Display rules checked grey by grey against the corpus truth, run once per rendering mode (each
// mode in its own test file: Cornerstone's choice of renderer is per page).
import { expect, waitUntil } from '@open-wc/testing';
import type { RadViewport } from '@telerad/viewport';
import { study, type ManifestSeries } from '../support/corpus.js';
import { displayedAt, hostViewportFor, imageArea, rendered, viewportFor } from './helpers.js';

interface GreyRegion {
  name: string;
  stored: number;
  centerPx: [number, number];
  grey: number;
}
interface DisplayRuleTruth {
  kind: 'display-rule';
  photometricInterpretation: string;
  window: { center: number; width: number } | null;
  regions: GreyRegion[];
}

const truthOf = (series: ManifestSeries) => series.truth as unknown as DisplayRuleTruth;

function expectGreys(el: RadViewport, truth: DisplayRuleTruth, state: string): void {
  for (const region of truth.regions) {
    expect(displayedAt(el, region.centerPx), `${region.name}, stored ${region.stored} (${state})`).to.be.closeTo(region.grey, 1);
  }
}

/** The MONOCHROME1/2 phantoms with a uniform image or a degenerate window (PS3.3 C.7.6.3.1.2, C.11.2.1.2). */
export function monochromeDisplayTests(cpuRendering: boolean): void {
  describe(`MONOCHROME1 and MONOCHROME2 edge cases (${cpuRendering ? 'CPU' : 'WebGL'} rendering)`, () => {
    const names = ['MONOCHROME1 uniform, no window', 'MONOCHROME2 uniform, no window', 'MONOCHROME1 window width 1', 'MONOCHROME2 window width 1'];
    for (const name of names) {
      it(`${name}: the standard's greys as loaded, after reset and with the file's window set again (±1)`, async () => {
        const rules = await study('display-rules');
        const series = rules.series.find((s) => s.description === name)!;
        const truth = truthOf(series);
        const el = await viewportFor(rules, series, 128, { cpuRendering });
        try {
          expectGreys(el, truth, 'as loaded');
          await rendered(el, () => el.reset());
          expectGreys(el, truth, 'after reset');
          if (truth.window) {
            await rendered(el, () => el.setWindow({ center: 200, width: 50 }));
            await rendered(el, () => el.setWindow(truth.window!));
            expectGreys(el, truth, 'window set again');
          }
        } finally {
          el.remove();
        }
      });
    }
  });
}

interface OverlayTruth {
  rows: number;
  columns: number;
  frames: number;
  overlays: { group: string; rows: number; columns: number; origin: [number, number]; imageFrameOrigin: number; frames: [number, number, number, number][][] }[];
}

/** Whether image pixel (row, column) of image frame `frame` (1-based) is covered by an overlay bit, per the truth. */
function overlayBitAt(truth: OverlayTruth, frame: number, row: number, column: number): boolean {
  return truth.overlays.some(({ rows, columns, origin, imageFrameOrigin, frames }) => {
    const index = frames.length === 1 && imageFrameOrigin === 1 ? 0 : frame - imageFrameOrigin;
    const [r, c] = [row - (origin[0] - 1), column - (origin[1] - 1)];
    return index >= 0 && index < frames.length && r >= 0 && r < rows && c >= 0 && c < columns && frames[index].some(([r0, c0, r1, c1]) => r >= r0 && r < r1 && c >= c0 && c < c1);
  });
}

const overlayCanvas = (el: RadViewport) => el.shadowRoot!.querySelector<HTMLCanvasElement>('[part~="overlay-planes"]')!;

/** Every image pixel: drawn in the overlay layer exactly where the truth sets a bit, and the layer lies on the image. */
async function expectOverlayBits(el: RadViewport, truth: OverlayTruth, frame: number): Promise<void> {
  const canvas = overlayCanvas(el);
  // Overlay Data arrives after the image (bulk data, fetched once per instance).
  const shownImage = () => el.frames[el.viewState.index].imageId;
  await waitUntil(() => canvas.hasAttribute('data-shown') && canvas.dataset.key === shownImage(), `frame ${frame}: overlay layer shown`);
  expect([canvas.width, canvas.height]).to.deep.equal([truth.columns, truth.rows]);
  const { data } = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, truth.columns, truth.rows);
  let wrong = 0;
  let set = 0;
  for (let r = 0; r < truth.rows; r++) {
    for (let c = 0; c < truth.columns; c++) {
      const expected = overlayBitAt(truth, frame, r, c);
      if (expected) set++;
      if ((data[(r * truth.columns + c) * 4 + 3] === 255) !== expected) wrong++;
    }
  }
  expect(wrong, `frame ${frame}: pixels differing from the overlay bits (${set} set)`).to.equal(0);
  // The layer covers the image as the engine draws it: its corners on the image's corners (±0.5 px).
  const area = el.shadowRoot!.querySelector('.cornerstone')!.getBoundingClientRect();
  const box = canvas.getBoundingClientRect();
  const corners = ([[0, 0], [truth.columns, 0], [0, truth.rows], [truth.columns, truth.rows]] as const).map((p) => el.imageToCanvas(p)!);
  const [left, right] = [Math.min(...corners.map((p) => p[0])), Math.max(...corners.map((p) => p[0]))];
  const [top, bottom] = [Math.min(...corners.map((p) => p[1])), Math.max(...corners.map((p) => p[1]))];
  for (const [actual, wanted, name] of [[box.left - area.left, left, 'left'], [box.top - area.top, top, 'top'], [box.right - area.left, right, 'right'], [box.bottom - area.top, bottom, 'bottom']] as const) {
    expect(actual, `overlay layer ${name}`).to.be.closeTo(wanted, 0.5);
  }
  // And turned as the image is: the layer's pixel centres land on the same image pixels' centres.
  const matrix = new DOMMatrix(getComputedStyle(canvas).transform);
  for (const [c, r] of [[0.5, 0.5], [truth.columns - 0.5, 0.5], [0.5, truth.rows - 0.5], [37.5, 81.5]]) {
    const onCanvas = matrix.transformPoint(new DOMPoint(c, r));
    const [x, y] = el.imageToCanvas([c, r])!;
    expect(onCanvas.x, `image pixel centre ${c}, ${r}: x`).to.be.closeTo(x, 0.6);
    expect(onCanvas.y, `image pixel centre ${c}, ${r}: y`).to.be.closeTo(y, 0.6);
  }
}

/** Overlay planes (PS3.3 C.9.2) of the corpus phantoms, bit by bit. */
export function overlayPlaneTests(cpuRendering: boolean): void {
  describe(`overlay planes (${cpuRendering ? 'CPU' : 'WebGL'} rendering)`, () => {
    for (const name of ['Overlay plane, one group', 'Overlay planes, two groups, origin row 11 column 21']) {
      it(`${name}: each bit on its image pixel, also zoomed and rotated; the toggle hides them`, async () => {
        const rules = await study('display-rules');
        const series = rules.series.find((s) => s.description === name)!;
        const truth = series.truth as unknown as OverlayTruth;
        const el = await viewportFor(rules, series, 256, { cpuRendering });
        try {
          await el.updateComplete;
          await expectOverlayBits(el, truth, 1);
          await rendered(el, () => el.zoomBy(1.5));
          await rendered(el, () => el.rotate(90));
          await expectOverlayBits(el, truth, 1);
          const toggle = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.title.startsWith('Overlay planes'))!;
          expect(toggle.getAttribute('aria-pressed')).to.equal('true');
          toggle.click();
          await el.updateComplete;
          expect(el.hasAttribute('overlay-planes'), 'attribute off').to.equal(false);
          expect(overlayCanvas(el).hasAttribute('data-shown'), 'hidden').to.equal(false);
          el.setAttribute('overlay-planes', '');
          await el.updateComplete;
          await waitUntil(() => overlayCanvas(el).hasAttribute('data-shown'), 'shown again');
        } finally {
          el.remove();
        }
      });
    }

    for (const source of ['archive', 'host image ids'] as const) {
      it(`a multi-frame overlay lies on the frames its Image Frame Origin names, and no other (${source})`, async () => {
        const rules = await study('display-rules');
        const series = rules.series.find((s) => s.description.startsWith('Overlay, multi-frame'))!;
        const truth = series.truth as unknown as OverlayTruth;
        const el = source === 'archive' ? await viewportFor(rules, series, 128, { cpuRendering }) : await hostViewportFor(series, 128, { cpuRendering });
        try {
          for (const frame of [2, 3, 4, 1]) {
            await rendered(el, () => el.showImage(frame - 1));
            await el.updateComplete;
            if (frame === 1 || frame === 4) expect(overlayCanvas(el).hasAttribute('data-shown'), `frame ${frame}: no overlay`).to.equal(false);
            else await expectOverlayBits(el, truth, frame);
          }
        } finally {
          el.remove();
        }
      });
    }

    it('a host\'s files (image ids) show their overlay planes as the archive\'s do: two groups, an origin other than 1\\1', async () => {
      const rules = await study('display-rules');
      const series = rules.series.find((s) => s.description === 'Overlay planes, two groups, origin row 11 column 21')!;
      const el = await hostViewportFor(series, 256, { cpuRendering });
      try {
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('button[title^="Overlay planes"]'), 'the toolbar offers the layer').to.not.equal(null);
        await expectOverlayBits(el, series.truth as unknown as OverlayTruth, 1);
      } finally {
        el.remove();
      }
    });
  });
}

/** The 64 × 64 pattern at 4× (a 256 px image area), every displayed pixel. */
export function interpolationTests(cpuRendering: boolean): void {
  describe(`interpolation (${cpuRendering ? 'CPU' : 'WebGL'} rendering)`, () => {
    it('interpolation="nearest" shows a 64 × 64 image at 4× as blocks of its exact greys; linear blends them', async () => {
      const rules = await study('display-rules');
      const series = rules.series.find((s) => (s.truth as { kind?: string }).kind === 'small-matrix')!;
      const pattern = (r: number, c: number) => (r * 37 + c * 101 + ((r + c) % 2) * 128) % 256;
      const el = await viewportFor(rules, series, 256, { cpuRendering });
      try {
        const differing = () => {
          const canvas = el.canvas!;
          const ratio = canvas.width / canvas.getBoundingClientRect().width;
          // Where the image lies on the canvas (the element's own mapping), in canvas pixels.
          const [left, top] = el.imageToCanvas([0, 0])!.map((v) => v * ratio);
          const [right] = el.imageToCanvas([64, 64])!.map((v) => v * ratio);
          const perPixel = (right - left) / 64;
          const { data } = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);
          let count = 0;
          for (let y = 0; y < canvas.height; y++) {
            for (let x = 0; x < canvas.width; x++) {
              const [column, row] = [Math.floor((x + 0.5 - left) / perPixel), Math.floor((y + 0.5 - top) / perPixel)];
              if (column < 0 || row < 0 || column > 63 || row > 63) continue;
              if (Math.abs(data[(y * canvas.width + x) * 4] - pattern(row, column)) > 1) count++;
            }
          }
          return count;
        };
        expect(el.interpolation).to.equal('linear');
        expect(differing(), 'linear: blended pixels').to.be.greaterThan(1000);
        await rendered(el, () => el.setAttribute('interpolation', 'nearest'));
        expect(differing(), 'nearest: pixels not of their image pixel').to.equal(0);
        await rendered(el, () => el.reset());
        expect(differing(), 'nearest kept after reset').to.equal(0);
        expect(el.viewState.zoom, 'the fitted image is zoom 1').to.be.closeTo(1, 0.01);
        // A measurement's line is drawn from pixel centre to pixel centre, as the element maps them.
        const handles: [number, number][] = [[10.5, 20.5], [50.5, 40.5]];
        await el.setMeasurements([{ tool: 'Length', handles, sopInstanceUID: el.frames[0].sopInstanceUID }]);
        await waitUntil(() => imageArea(el).querySelector('svg line'), 'the line drawn');
        const line = imageArea(el).querySelector('svg line')!;
        const drawn = [[line.getAttribute('x1'), line.getAttribute('y1')], [line.getAttribute('x2'), line.getAttribute('y2')]].map((p) => p.map(Number));
        handles.forEach((handle, i) => {
          const [x, y] = el.imageToCanvas(handle)!;
          expect(drawn[i][0], `handle ${i} x`).to.be.closeTo(x, 0.5);
          expect(drawn[i][1], `handle ${i} y`).to.be.closeTo(y, 0.5);
        });
      } finally {
        el.remove();
      }
    });
  });
}
