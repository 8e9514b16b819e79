// A plane asked for at once is drawn from the slices as they arrive, before Cornerstone3D has
// loaded (early-plane.ts): the phantom's trilinear values at every drawn pixel, the plane, scale
// and place the reformat then shows, and the hand-over from the early canvas to the reformat.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { DicomWebService } from '@telerad/core';
import type { FirstImageDetail, RadViewport } from '@telerad/viewport';
import '@telerad/viewport/rad-viewport.js';
import { EarlyPlane } from '../../packages/viewport/src/rad-viewport/early-plane.js';
import { readMultipart } from '../../packages/viewport/src/rad-viewport/multipart-stream.js';
import type { Plane } from '../../packages/viewport/src/rad-viewport/reformat-viewport.js';
import type { StackFrame } from '../../packages/viewport/src/rad-viewport/series-stack.js';
import { study, type ManifestStudy } from '../support/corpus.js';
import { trilinearValue, type VolumePhantomTruth } from '../support/volume-truth.js';
import { CODEC_BASE_PATH, sizeImageArea } from './helpers.js';
import { showPlane, type Point3 } from './reformat-helpers.js';

/** The phantom files' window (400 / 1500) as a LINEAR ramp: the grey of a value. */
const fileGrey = (value: number) => Math.round(Math.min(1, Math.max(0, (value + 350) / 1499)) * 255);

/** Screen right and up of each plane (Cornerstone's standard orientations), patient LPS. */
const SCREEN: Record<Plane, { right: Point3; up: Point3 }> = {
  axial: { right: [1, 0, 0], up: [0, -1, 0] },
  coronal: { right: [1, 0, 0], up: [0, 0, 1] },
  sagittal: { right: [0, 1, 0], up: [0, 0, 1] },
};

const axisOf = (v: Point3) => v.findIndex((c) => c !== 0);

/**
 * The phantom's volume from its truth: per patient axis the extent of its voxels (half a voxel
 * beyond the centres) and the centre voxel Cornerstone shows first (floor(n / 2) from the lowest).
 */
function phantomVolume(truth: VolumePhantomTruth) {
  const zs = truth.positionsMm.map((p) => p[2]);
  const [origin] = truth.positionsMm;
  const spacing = [truth.pixelSpacingMm[1], truth.pixelSpacingMm[0], truth.sliceGapMm];
  const lowest = [origin[0], origin[1], Math.min(...zs)];
  return {
    extent: [0, 1, 2].map((i) => [lowest[i] - spacing[i] / 2, lowest[i] + (truth.matrix[i] - 0.5) * spacing[i]]),
    centre: [0, 1, 2].map((i) => lowest[i] + Math.floor(truth.matrix[i] / 2) * spacing[i]),
  };
}

/** The patient point at the centre of pixel [x, y] of a plane image of `size` spanning the volume's extent. */
function pointAt(
  truth: VolumePhantomTruth,
  plane: Plane,
  size: { width: number; height: number },
  x: number,
  y: number,
): Point3 {
  const { extent, centre } = phantomVolume(truth);
  const { right, up } = SCREEN[plane];
  const point = [...centre] as Point3;
  const along = (direction: Point3, fraction: number) => {
    const i = axisOf(direction);
    const [low, high] = extent[i];
    point[i] = direction[i] > 0 ? low + fraction * (high - low) : high - fraction * (high - low);
  };
  along(right, (x + 0.5) / size.width);
  along(up, 1 - (y + 0.5) / size.height);
  return point;
}

/** The series' frames (WADO-RS metadata) and its instances' Part 10 bytes, retrieved at once. */
async function seriesFiles(phantom: ManifestStudy) {
  const root = `/dicom-web/studies/${phantom.studyInstanceUID}/series/${phantom.series[0].seriesInstanceUID}`;
  const metadata: StackFrame['metadata'][] = await (await fetch(`${root}/metadata`)).json();
  const frames = metadata.map((m) => ({
    imageId: '',
    sopInstanceUID: String(m['00080018']?.Value?.[0]),
    frame: 1,
    metadata: m,
  }));
  const files: Uint8Array[] = [];
  const response = await fetch(root, {
    headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
  });
  await readMultipart(response, async ({ body }) => void files.push(body));
  return { frames: frames as StackFrame[], files };
}

describe('a plane drawn from the slices as they arrive', function () {
  this.timeout(120_000);

  it('shows each standard plane of the volume phantom: its trilinear values, in the window of its files', async () => {
    const phantom = await study('ct-volume-phantom');
    const truth = phantom.series[0].truth as unknown as VolumePhantomTruth;
    const { frames, files } = await seriesFiles(phantom);
    for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
      const early = EarlyPlane.of(plane, frames)!;
      expect(early, plane).to.exist;
      // Half the slices first: the rest is not drawn (transparent), not guessed.
      for (const file of files.slice(0, files.length / 2)) early.add(file);
      const half = early.image();
      for (const file of files.slice(files.length / 2)) early.add(file);
      const image = early.image();
      const { width, height } = early.size;
      // Square pixels in mm: the image has the volume's aspect.
      const { extent } = phantomVolume(truth);
      const mm = [SCREEN[plane].right, SCREEN[plane].up].map((d) => extent[axisOf(d)][1] - extent[axisOf(d)][0]);
      expect(width / height, `${plane} aspect`).to.be.closeTo(mm[0] / mm[1], 0.02);
      let checked = 0;
      for (let y = 0; y < height; y += 3)
        for (let x = 0; x < width; x += 3) {
          const expected = fileGrey(trilinearValue(truth, pointAt(truth, plane, early.size, x, y)));
          expect(image.data[(y * width + x) * 4], `${plane} at ${x},${y}`).to.be.closeTo(expected, 1);
          checked++;
        }
      expect(checked).to.be.greaterThan(200);
      const alpha = (data: ImageData) => Array.from({ length: width * height }, (_, i) => data.data[i * 4 + 3]);
      const halfDrawn = alpha(half).filter((a) => a === 255).length;
      expect(
        alpha(image).every((a) => a === 255),
        `${plane}: every pixel drawn once all slices are in`,
      ).to.be.true;
      // The axial plane comes from one slice (in the second half or not); the others from every slice.
      if (plane !== 'axial')
        expect(halfDrawn / (width * height), `${plane}: half the slices, about half the plane`).to.be.within(0.4, 0.6);
    }
  });

  it('draws the plane, scale and place the reformat then shows', async () => {
    const phantom = await study('ct-volume-phantom');
    const truth = phantom.series[0].truth as unknown as VolumePhantomTruth;
    const { extent, centre } = phantomVolume(truth);
    const el = document.createElement('rad-viewport');
    sizeImageArea(el, 300, 240);
    el.service = new DicomWebService({ url: '/dicom-web' });
    el.codecBasePath = CODEC_BASE_PATH;
    [el.studyUid, el.seriesUid] = [phantom.studyInstanceUID, phantom.series[0].seriesInstanceUID];
    document.body.append(el);
    try {
      for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
        await showPlane(el, plane);
        const state = el.reformat.state()!;
        const normalAxis = 3 - axisOf(SCREEN[plane].right) - axisOf(SCREEN[plane].up);
        expect(state.centreMm[normalAxis], `${plane}: the centre voxel's plane`).to.be.closeTo(
          centre[normalAxis],
          1e-3,
        );
        // Fitted as the early image is (object-fit: contain of the volume's extent in mm).
        const mm = [SCREEN[plane].right, SCREEN[plane].up].map((d) => extent[axisOf(d)][1] - extent[axisOf(d)][0]);
        expect(state.pixelsPerMm, `${plane} scale`).to.be.closeTo(Math.min(300 / mm[0], 240 / mm[1]), 1e-3);
        for (const i of [axisOf(SCREEN[plane].right), axisOf(SCREEN[plane].up)])
          expect(state.centreMm[i], `${plane}: centred`).to.be.closeTo((extent[i][0] + extent[i][1]) / 2, 1e-3);
      }
    } finally {
      el.remove();
    }
  });

  it('is on screen while the reformat of a 100-slice CT asked for at once loads, with its greys, then gives way', async () => {
    const ct = await study('ct-phantom');
    const el = document.createElement('rad-viewport');
    sizeImageArea(el, 256);
    el.service = new DicomWebService({ url: '/dicom-web' });
    el.codecBasePath = CODEC_BASE_PATH;
    el.view = 'coronal';
    [el.studyUid, el.seriesUid] = [ct.studyInstanceUID, ct.series[0].seriesInstanceUID];
    const canvas = () => el.shadowRoot!.querySelector<HTMLCanvasElement>('[part~="first-image"]')!;
    const visible = () => getComputedStyle(canvas()).visibility === 'visible';
    const firsts: FirstImageDetail[] = [];
    /** Whether the volume was still incomplete when the early plane was drawn. */
    let beforeTheVolume = false;
    el.addEventListener('rad-first-image', (e) => {
      firsts.push(e.detail);
      const state = el.reformat.state();
      beforeTheVolume ||= !state || state.volumeLoaded < state.volumeSlices;
    });
    const whileLoading: boolean[] = [];
    el.addEventListener('rad-reformat-rendered', (e) => {
      // From the early plane's first drawing on: the reformat may draw its empty volume before.
      if (firsts.length && e.detail.volumeLoaded < e.detail.volumeSlices) whileLoading.push(visible());
    });
    let stackDrawings = 0;
    el.addEventListener('rad-image-rendered', () => stackDrawings++);
    document.body.append(el);
    try {
      const loaded = () =>
        el.reformat.state() && el.reformat.state()!.volumeLoaded === el.reformat.state()!.volumeSlices;
      await waitUntil(() => loaded() && !visible(), 'the early plane gives way once the volume has loaded', {
        timeout: 60_000,
      });
      expect(firsts.map((f) => [f.early, f.plane])).to.deep.equal([[true, 'coronal']]);
      expect(el.frames.map((f) => f.sopInstanceUID)).to.include(firsts[0].sopInstanceUID);
      expect(beforeTheVolume, 'the early plane drawn before the volume was complete').to.be.true;
      // The series is read in a worker: its slices may all be in before the reformat draws again.
      expect(whileLoading.every(Boolean), 'any drawing of the reformat while loading is under the early plane').to.be
        .true;
      expect(canvas().dataset.plane).to.equal(undefined);
      // Where the early plane is flat (its 5 × 5 neighbourhood alike), the reformat shows its grey.
      const early = canvas().getContext('2d')!.getImageData(0, 0, canvas().width, canvas().height);
      const box = el.canvas!.getBoundingClientRect();
      const scale = Math.min(box.width / early.width, box.height / early.height);
      const [left, top] = [(box.width - early.width * scale) / 2, (box.height - early.height * scale) / 2];
      const ratio = el.canvas!.width / box.width;
      const engine = el
        .canvas!.getContext('2d', { willReadFrequently: true })!
        .getImageData(0, 0, el.canvas!.width, el.canvas!.height);
      const at = (image: ImageData, x: number, y: number) => image.data[(y * image.width + x) * 4];
      const greys = new Set<number>();
      let compared = 0;
      for (let y = 4; y < early.height - 4; y += 7)
        for (let x = 4; x < early.width - 4; x += 7) {
          const grey = at(early, x, y);
          const around = [-2, -1, 0, 1, 2].flatMap((dy) =>
            [-2, -1, 0, 1, 2].map((dx) => (y + dy) * early.width + x + dx),
          );
          if (around.some((i) => early.data[i * 4 + 3] !== 255 || Math.abs(early.data[i * 4] - grey) > 1)) continue;
          const [cx, cy] = [left + (x + 0.5) * scale, top + (y + 0.5) * scale].map((v) => Math.floor(v * ratio));
          expect(at(engine, cx, cy), `grey at early ${x},${y}`).to.be.closeTo(grey, 2);
          greys.add(grey);
          compared++;
        }
      expect(compared, 'flat points compared').to.be.greaterThan(100);
      expect(greys.size, 'air and water compared').to.be.at.least(2);
      // The stack under the plane is not drawn (its first drawing costs the page as much as the
      // reformat's) until the reader goes to it: then its first image, in the file's window.
      expect(stackDrawings, 'stack drawings while the plane is shown').to.equal(0);
      const stackDrawn = oneEvent(el, 'rad-image-rendered');
      el.view = 'stack';
      const { detail } = await stackDrawn;
      const file = (tag: string) => Number(el.frames[0].metadata[tag]!.Value![0]);
      expect([detail.index, detail.window]).to.deep.equal([0, { center: file('00281050'), width: file('00281051') }]);
      expect(el.reformat.plane).to.equal(undefined);
    } finally {
      el.remove();
    }
  });

  it('leaves slabs and nearest-neighbour planes to the engine', async () => {
    const phantom = await study('ct-volume-phantom');
    for (const settings of [{ slab: 'mip' }, { interpolation: 'nearest' }] as Partial<RadViewport>[]) {
      const el = document.createElement('rad-viewport');
      sizeImageArea(el, 128);
      el.service = new DicomWebService({ url: '/dicom-web' });
      Object.assign(el, { view: 'coronal', ...settings });
      [el.studyUid, el.seriesUid] = [phantom.studyInstanceUID, phantom.series[0].seriesInstanceUID];
      const first = oneEvent(el, 'rad-first-image');
      document.body.append(el);
      try {
        expect((await first).detail.plane, JSON.stringify(settings)).to.equal(undefined);
      } finally {
        el.remove();
      }
    }
  });
});
