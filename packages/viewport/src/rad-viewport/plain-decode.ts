// Uncompressed greyscale frames are decoded on the page's thread, not in Cornerstone's decode
// workers. Their "decoding" is a copy and the modality LUT (about a millisecond for 512 × 512);
// a worker costs more than that: it is started (its script fetched and compiled) only once the
// engine has loaded, and every frame is copied to it and back. A CT series of 100 such slices
// thus reaches its volume as fast as its bytes arrive. The result is what the worker gives
// (@cornerstonejs/dicom-image-loader's postProcessDecodedPixels for these frames): the same
// typed array for the same value range, the same scaling, the same smallest and largest values,
// the same values; except where the worker copies stored values into a type too small for them
// before rescaling (unsigned values over 32767, a slope below 1) and they wrap: here they don't.
// Anything else (compressed, colour, PET SUV, RT dose, big endian, a target buffer, a float
// rescale without float textures, very large frames) goes to the workers.

/** The frame description Cornerstone's loader sends with a decode task (only what is read here). */
interface ImageFrame {
  samplesPerPixel?: number;
  photometricInterpretation?: string;
  bitsAllocated?: number;
  bitsStored?: number;
  pixelRepresentation?: number;
  rows?: number;
  columns?: number;
  [key: string]: unknown;
}

interface ScalingParameters {
  rescaleSlope?: number;
  rescaleIntercept?: number;
  modality?: string;
  [key: string]: unknown;
}

/** The arguments of the loader's `decodeTask`. */
export interface DecodeTask {
  imageFrame: ImageFrame;
  transferSyntax: string;
  pixelData: Uint8Array;
  options?: {
    preScale?: { enabled?: boolean; scalingParameters?: ScalingParameters };
    allowFloatRendering?: boolean;
    targetBuffer?: unknown;
  };
}

interface WorkerManager {
  executeTask(worker: string, method: string, args: unknown, options?: unknown): Promise<unknown>;
}

const LITTLE_ENDIAN_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);
/** Frames up to this many pixels are decoded on the page (a 1024 × 1024 frame takes a few ms). */
const MAX_PIXELS = 1024 * 1024;

type Values = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Float32Array;

/** The smallest array type holding every value from `min` to `max` (integers), else Float32Array. */
function arrayTypeFor(min: number, max: number) {
  if (!Number.isInteger(min) || !Number.isInteger(max)) return Float32Array;
  if (min >= 0) return max <= 0xff ? Uint8Array : max <= 0xffff ? Uint16Array : Uint32Array;
  if (min >= -128 && max <= 127) return Int8Array;
  return min >= -32768 && max <= 32767 ? Int16Array : Float32Array;
}

/** The rescale the frame gets, if any: slope and intercept (PS3.3 C.11.1), numbers both. */
function rescaleOf(task: DecodeTask): { slope: number; intercept: number } | undefined {
  const preScale = task.options?.preScale;
  const { rescaleSlope: slope, rescaleIntercept: intercept } = preScale?.scalingParameters ?? {};
  if (!preScale?.enabled || typeof slope !== 'number' || typeof intercept !== 'number') return undefined;
  return { slope, intercept };
}

/** Whether the frame is one this module decodes as the worker would. */
export function decodesOnPage(task: DecodeTask): boolean {
  const { imageFrame: frame, transferSyntax, pixelData, options = {} } = task;
  const pixels = (frame.rows ?? 0) * (frame.columns ?? 0);
  const modality = options.preScale?.scalingParameters?.modality;
  const rescale = rescaleOf(task);
  const floatRescale = rescale && !(Number.isInteger(rescale.slope) && Number.isInteger(rescale.intercept));
  return (
    LITTLE_ENDIAN_SYNTAXES.has(transferSyntax) &&
    frame.samplesPerPixel === 1 &&
    /^MONOCHROME[12]$/.test(frame.photometricInterpretation ?? '') &&
    ((frame.bitsAllocated === 16 && pixelData.length === 2 * pixels) ||
      (frame.bitsAllocated === 8 && frame.pixelRepresentation === 0 && pixelData.length === pixels)) &&
    pixels > 0 &&
    pixels <= MAX_PIXELS &&
    options.targetBuffer === undefined &&
    modality !== 'PT' &&
    modality !== 'RTDOSE' &&
    !(floatRescale && options.allowFloatRendering === false)
  );
}

/** The stored values (PS3.5 8.1.1), sign-extended from Bits Stored where signed; a copy, never the bytes given. */
function storedValues({ imageFrame: frame, pixelData }: DecodeTask): Values {
  if (frame.bitsAllocated === 8) return pixelData;
  const signed = frame.pixelRepresentation === 1;
  const aligned =
    pixelData.byteOffset % 2
      ? pixelData.slice()
      : new Uint8Array(pixelData.buffer, pixelData.byteOffset, pixelData.length);
  const values = signed
    ? new Int16Array(aligned.buffer, aligned.byteOffset, aligned.length / 2)
    : new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.length / 2);
  const shift = 32 - (frame.bitsStored ?? 16);
  if (!signed || shift <= 16) return values;
  const extended = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) extended[i] = (values[i] << shift) >> shift;
  return extended;
}

/** Decodes the frame on this thread: the worker's answer for it (the frame, with its pixels and value range). */
export function decodeOnPage(task: DecodeTask): ImageFrame {
  const started = Date.now();
  const stored = storedValues(task);
  let [min, max] = [stored[0], stored[0]];
  for (let i = 1; i < stored.length; i++) {
    const value = stored[i];
    if (value < min) min = value;
    else if (value > max) max = value;
  }
  const rescale = rescaleOf(task);
  // As the worker orders them: slope × min + intercept is "smallest" even for a negative slope.
  if (rescale) [min, max] = [rescale.slope * min + rescale.intercept, rescale.slope * max + rescale.intercept];
  const pixels = new (arrayTypeFor(min, max))(stored.length);
  if (rescale) {
    const { slope, intercept } = rescale;
    for (let i = 0; i < stored.length; i++) pixels[i] = stored[i] * slope + intercept;
  } else pixels.set(stored);
  const preScale = task.options?.preScale;
  return {
    ...task.imageFrame,
    pixelData: pixels,
    pixelDataLength: pixels.length,
    smallestPixelValue: min,
    largestPixelValue: max,
    ...(rescale ? { preScale: { ...preScale, scaled: true } } : {}),
    decodeTimeInMS: Date.now() - started,
  };
}

/** Routes the loader's decode tasks for plain frames to this thread; the rest go to the workers. */
export function decodePlainFramesOnPage(manager: WorkerManager): void {
  const execute = manager.executeTask.bind(manager);
  manager.executeTask = (worker, method, args, options) => {
    if (worker === 'dicomImageLoader' && method === 'decodeTask' && decodesOnPage(args as DecodeTask)) {
      try {
        return Promise.resolve(decodeOnPage(args as DecodeTask));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return execute(worker, method, args, options);
  };
}
