// Frames decoded on the page's thread (plain-decode.ts) equal what Cornerstone's decode worker
// gives for them: its own decodeImageFrame, run here on the same task.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { decodeImageFrame } from '../../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js';
import { decodeOnPage, decodesOnPage, type DecodeTask } from '../../packages/viewport/src/rad-viewport/plain-decode.js';

type Decoded = Record<string, unknown> & { pixelData: ArrayLike<number> };

const syntaxes = ['1.2.840.10008.1.2', '1.2.840.10008.1.2.1'];

/** A plain greyscale frame with its scaling, as Cornerstone's createImage hands it to a worker. */
const tasks = fc
  .record({
    bits: fc.constantFrom(8, 16),
    signed: fc.boolean(),
    bitsStored: fc.integer({ min: 8, max: 16 }),
    rows: fc.integer({ min: 1, max: 12 }),
    columns: fc.integer({ min: 1, max: 12 }),
    syntax: fc.constantFrom(...syntaxes),
    scale: fc.boolean(),
    slope: fc.constantFrom(1, 2, -1, 0.5, 1.5, 0.001),
    intercept: fc.constantFrom(0, -1024, 100, 3.25),
    modality: fc.constantFrom('CT', 'MR', 'CR'),
    seed: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 144, maxLength: 144 }),
    odd: fc.boolean(),
  })
  .map((t): DecodeTask => {
    const bits = t.bits;
    const signed = bits === 16 && t.signed;
    const count = t.rows * t.columns;
    // An odd offset in a larger buffer, as a frame cut from a Part 10 file may lie.
    const bytes = new Uint8Array(count * (bits / 8) + 1).subarray(t.odd ? 1 : 0, undefined);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    for (let i = 0; i < count; i++)
      if (bits === 8) view.setUint8(i, t.seed[i] & 0xff);
      else view.setUint16(2 * i, t.seed[i], true);
    return {
      imageFrame: {
        samplesPerPixel: 1,
        photometricInterpretation: 'MONOCHROME2',
        bitsAllocated: bits,
        bitsStored: bits === 8 ? 8 : t.bitsStored,
        pixelRepresentation: signed ? 1 : 0,
        rows: t.rows,
        columns: t.columns,
      },
      transferSyntax: t.syntax,
      pixelData: bytes.subarray(0, count * (bits / 8)),
      options: {
        preScale: t.scale
          ? {
              enabled: true,
              scalingParameters: { rescaleSlope: t.slope, rescaleIntercept: t.intercept, modality: t.modality },
            }
          : { enabled: false },
        allowFloatRendering: true,
      },
    };
  });

/** What Cornerstone's worker answers for the task (on copies: it decodes in place). */
async function workerAnswer(task: DecodeTask): Promise<Decoded> {
  const bytes = task.pixelData.slice();
  return (await decodeImageFrame(
    structuredClone(task.imageFrame),
    task.transferSyntax,
    bytes,
    {},
    structuredClone(task.options),
    undefined,
  )) as Decoded;
}

/** The stored values (PS3.5 8.1.1): little endian, sign-extended from Bits Stored where signed. */
function storedValues({ imageFrame, pixelData }: DecodeTask): number[] {
  const view = new DataView(pixelData.buffer, pixelData.byteOffset, pixelData.byteLength);
  if (imageFrame.bitsAllocated === 8) return Array.from(pixelData);
  const shift = 32 - (imageFrame.bitsStored ?? 16);
  return Array.from({ length: pixelData.length / 2 }, (_, i) => {
    const value = view.getUint16(2 * i, true);
    return imageFrame.pixelRepresentation === 1 ? (value << shift) >> shift : value;
  });
}

/** The modality values (PS3.3 C.11.1: stored × slope + intercept), as the array type of `like` holds them. */
function modalityValues(task: DecodeTask, like: ArrayLike<number>): number[] {
  const { enabled, scalingParameters } = task.options?.preScale ?? {};
  const { rescaleSlope: slope = 1, rescaleIntercept: intercept = 0 } = enabled ? (scalingParameters ?? {}) : {};
  const values = storedValues(task).map((v) => v * slope + intercept);
  return Array.from(new (like.constructor as new (values: number[]) => ArrayLike<number>)(values));
}

const summary = (frame: Decoded) => ({
  type: frame.pixelData.constructor.name,
  length: frame.pixelDataLength,
  smallest: frame.smallestPixelValue,
  largest: frame.largestPixelValue,
  scaled: (frame.preScale as { scaled?: boolean } | undefined)?.scaled ?? false,
});

describe('plain frames decoded on the page', () => {
  // The worker copies the stored values into the array type of the rescaled range before rescaling,
  // so stored values beyond that type (unsigned ones over 32767 with a slope below 1) wrap there;
  // the page computes the modality values. Everywhere else the two give the same values.
  it('equal the decode worker: array type, value range, scaling, and the values where it does not wrap', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(tasks, async (task) => {
        expect(decodesOnPage(task)).to.equal(true);
        const before = Array.from(task.pixelData);
        const page = decodeOnPage(task) as Decoded;
        expect(Array.from(task.pixelData), 'the bytes given are not changed').to.deep.equal(before);
        const worker = await workerAnswer(task);
        expect(summary(page)).to.deep.equal(summary(worker));
        const truth = modalityValues(task, page.pixelData);
        expect(Array.from(page.pixelData), 'modality values').to.deep.equal(truth);
        const workerWraps = storedValues(task).some(
          (v) => Array.from(new (page.pixelData.constructor as Int32ArrayConstructor)([v]))[0] !== v,
        );
        if (!workerWraps) {
          compared++;
          expect(Array.from(worker.pixelData), 'as the worker gives them').to.deep.equal(truth);
        }
      }),
      { numRuns: 400 },
    );
    expect(compared, 'frames compared value by value with the worker').to.be.greaterThan(300);
  });

  it('leaves to the workers what they decode differently or better', () => {
    const base = fc.sample(tasks, { numRuns: 1, seed: 7 })[0];
    const variants: [string, DecodeTask][] = [
      ['JPEG 2000', { ...base, transferSyntax: '1.2.840.10008.1.2.4.90' }],
      ['big endian', { ...base, transferSyntax: '1.2.840.10008.1.2.2' }],
      ['colour', { ...base, imageFrame: { ...base.imageFrame, samplesPerPixel: 3, photometricInterpretation: 'RGB' } }],
      [
        'PET (SUV)',
        {
          ...base,
          options: {
            preScale: { enabled: true, scalingParameters: { rescaleSlope: 1, rescaleIntercept: 0, modality: 'PT' } },
          },
        },
      ],
      ['a target buffer', { ...base, options: { ...base.options, targetBuffer: { type: 'Float32Array' } } }],
      [
        'a float rescale without float textures',
        {
          ...base,
          options: {
            allowFloatRendering: false,
            preScale: { enabled: true, scalingParameters: { rescaleSlope: 0.5, rescaleIntercept: 0, modality: 'CT' } },
          },
        },
      ],
      [
        'a frame of more than 1024 × 1024 pixels',
        {
          ...base,
          imageFrame: { ...base.imageFrame, bitsAllocated: 16, rows: 2048, columns: 1024 },
          pixelData: new Uint8Array(2048 * 1024 * 2),
        },
      ],
      ['pixels of the wrong length', { ...base, pixelData: base.pixelData.subarray(1) }],
    ];
    for (const [what, task] of variants) expect(decodesOnPage(task), what).to.equal(false);
  });
});
