// The steps of Cornerstone's one start per page (cornerstone-runtime.ts runs them in order):
// initialisation, forgetting with the frames, the archive frames' loader, the metadata provider
// ahead of Cornerstone's own, quieter logs, and the rendering engines the viewports share.
import { fileFault, stringValue } from '@telerad/core';
import type { CornerstoneModules, EngineSource, RuntimeOptions } from './cornerstone-runtime.js';
import { styleTextBoxesThroughCssom } from './csp-compat.js';
import { initDecodeWorkers } from './decode-workers.js';
import { decodePlainFramesOnPage } from './plain-decode.js';
import { FRAME_SCHEME, loadFrame, type FrameExtractor } from './frame-loader.js';
import { volumeIdOf } from './reformat-viewport.js';
import { frameRegistry } from './frame-registry.js';
import { checkFrame, checkImage, decodable, imageAttributes, jsonReader } from './image-checks.js';
import { isPart10, type Part10Files } from './part10-loader.js';
import type { RetrievedInstance } from './series-retrieve.js';
import type { StackFrame } from './series-stack.js';

type Core = CornerstoneModules['core'];

/** Cornerstone initialised: renderer, WebGL contexts, cache bound, CSP-safe styles, decode workers. */
export function initialise({ core, loader }: CornerstoneModules, options: RuntimeOptions, cacheBytes: number): void {
  if (options.cpuRendering) core.setUseCPURendering(true);
  // Two WebGL contexts per engine, not Cornerstone's seven: a browser keeps about sixteen per page,
  // and a portal with a few engines (rendering groups, a viewer beside a worklist) would lose some.
  core.init({ rendering: { webGlContextCount: 2 } } as Parameters<typeof core.init>[0]);
  core.cache.setMaxCacheSize(cacheBytes);
  styleTextBoxesThroughCssom();
  const workers = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
  initDecodeWorkers(
    () =>
      loader.init({
        maxWebWorkers: workers,
        ...(options.codecBasePath ? { wasmBasePath: options.codecBasePath } : {}),
      }),
    core.getWebWorkerManager() as unknown as Parameters<typeof initDecodeWorkers>[1],
    workers,
  );
  decodePlainFramesOnPage(core.getWebWorkerManager() as unknown as Parameters<typeof decodePlainFramesOnPage>[0]);
}

/** The measurements drawn on the volumes of these images (reformats): their points are the patient's. */
function forgetVolumeAnnotations({ annotation }: CornerstoneModules['tools'], imageIds: readonly string[]): void {
  const volumes = new Set(imageIds.map((imageId) => volumeIdOf([imageId])));
  for (const { metadata, annotationUID } of annotation.state.getAllAnnotations())
    if (annotationUID && volumes.has(metadata?.volumeId ?? '')) annotation.state.removeAnnotation(annotationUID);
}

/**
 * What Cornerstone keeps of a frame no viewport shows goes with it: patient attributes and the
 * measurements on its volume included.
 */
export function forgetWithTheirFrames({ core, loader, tools }: CornerstoneModules, part10: Part10Files): void {
  frameRegistry.whenForgotten((imageIds) => {
    part10.forget(imageIds);
    forgetVolumeAnnotations(tools, imageIds);
    for (const imageId of imageIds) {
      loader.wadors.metaDataManager.remove(imageId);
      // An image still being decoded would be made without its metadata (no window, no spacing)
      // and kept so in the cache: dropped now, made again when shown. Decoded ones stay cached.
      if (core.cache.getImageLoadObject(imageId) && !core.cache.getImage(imageId))
        core.cache.removeImageLoadObject(imageId, { force: true });
    }
  });
}

/**
 * Frames cut from Part 10 instances (a series retrieved at once, an instance asked whole) by Cornerstone's frame
 * readers.
 */
export function frameReaders({ loader: { wadouri }, dicomParser }: CornerstoneModules): {
  extractFrame: FrameExtractor;
  splitInstance(part10: Uint8Array): RetrievedInstance;
} {
  type DataSet = ReturnType<typeof dicomParser.parseDicom>;
  /** A parsed instance's frame `index` (0-based) as the frame readers cut it. */
  const frameOf = (dataSet: DataSet, index: number) =>
    dataSet.elements.x7fe00010?.encapsulatedPixelData
      ? wadouri.getEncapsulatedImageFrame(dataSet, index)
      : wadouri.getUncompressedImageFrame(dataSet, index);
  const syntaxOf = (dataSet: DataSet) => dataSet.string('x00020010') ?? '1.2.840.10008.1.2.1';
  return {
    extractFrame: (part10, frame) => {
      // A copy: the frame readers slice `byteArray.buffer` from offsets relative to the array.
      const dataSet = dicomParser.parseDicom(part10.slice());
      return { bytes: frameOf(dataSet, frame - 1), transferSyntax: syntaxOf(dataSet) };
    },
    splitInstance: (part10) => {
      const dataSet = dicomParser.parseDicom(part10.byteOffset === 0 ? part10 : part10.slice());
      const transferSyntax = syntaxOf(dataSet);
      const count = Math.max(1, dataSet.intString('x00280008') ?? 1);
      return {
        sopInstanceUID: dataSet.string('x00080018') ?? '',
        frames: Array.from({ length: count }, (_, index) => ({ bytes: frameOf(dataSet, index), transferSyntax })),
      };
    },
  };
}

/**
 * Marks a frame's failure as handled where Cornerstone drops it in chains of its own: the error
 * reaches the viewport through the load's own promise (error state, rad-error), so the page never
 * sees an unhandled rejection.
 */
function spareThePageFrameErrors(core: Core): (failure: object) => void {
  // Cornerstone 5.14's loadAndCacheImage does not wait for cache.putImageLoadObject, which
  // rethrows the load's error: the cache's copy is handled here.
  const putImageLoadObject = core.cache.putImageLoadObject.bind(core.cache);
  core.cache.putImageLoadObject = (imageId, imageLoadObject) => {
    const cached = putImageLoadObject(imageId, imageLoadObject);
    cached.catch(() => undefined);
    return cached;
  };
  const frameErrors = new WeakSet<object>();
  globalThis.addEventListener?.('unhandledrejection', (event) => {
    if (typeof event.reason === 'object' && event.reason !== null && frameErrors.has(event.reason as object))
      event.preventDefault();
  });
  return (failure) => frameErrors.add(failure);
}

/** Longest a decode may take: Cornerstone's image creation never settles on some failures. */
const DECODE_DEADLINE_MS = 30_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error('decoding did not finish')), ms)),
  );
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The archive's frames (`FRAME_SCHEME` ids) fetched by our loader (credentials allowlist,
 * per-series Accept), checked (image-checks.ts) and decoded by Cornerstone's codecs.
 */
export function registerFrameLoader({ core, loader }: CornerstoneModules, extractFrame: FrameExtractor): void {
  const handled = spareThePageFrameErrors(core);
  const urlOf = (imageId: string) => imageId.slice(FRAME_SCHEME.length + 1);
  const checked = (imageId: string, frame: { bytes: Uint8Array; transferSyntax: string }) => {
    const metadata = frameRegistry.frame(imageId)?.metadata;
    if (!metadata) return frame;
    const attributes = imageAttributes(jsonReader(metadata));
    checkImage(attributes);
    checkFrame(attributes, frame.bytes, frame.transferSyntax, urlOf(imageId));
    return decodable(attributes, frame);
  };
  core.registerImageLoader(
    FRAME_SCHEME,
    (imageId: string) =>
      ({
        promise: loadFrame(imageId, extractFrame)
          .then((frame) => checked(imageId, frame))
          .then(({ bytes, transferSyntax }) =>
            withDeadline(loader.createImage(imageId, bytes, transferSyntax, {}), DECODE_DEADLINE_MS),
          )
          .catch((error: unknown) => {
            // What does not parse or decode is the file's fault, not the archive's.
            const failure = fileFault(error, urlOf(imageId));
            handled(failure);
            throw failure;
          }),
      }) as never,
  );
}

/** The VOI LUT module (PS3.3 C.11.2) as Cornerstone's metadata expects it; undefined without a window. */
function voiModule(metadata: StackFrame['metadata']) {
  const numbers = (tag: string) => (metadata[tag]?.Value ?? []).map(Number);
  const windowCenter = numbers('00281050');
  const windowWidth = numbers('00281051');
  if (!windowCenter.length || !windowWidth.length) return undefined;
  // An array, as Cornerstone's image creation takes its first element.
  const voiLUTFunction = stringValue(metadata, '00281056');
  return { windowCenter, windowWidth, ...(voiLUTFunction ? { voiLUTFunction: [voiLUTFunction] } : {}) };
}

/**
 * Ahead of Cornerstone's own providers: SUV factors of PET frames (read when pixel values are
 * scaled), and the VOI module: Cornerstone 5.14's own provider gives VOI LUT Function as a string,
 * of which image creation then takes the first letter. A host's files (Part 10 image ids) are
 * answered from their own attributes alike.
 */
export function registerMetadataProvider(core: Core, part10: Part10Files): void {
  const describe = (imageId: string) =>
    imageId.startsWith(`${FRAME_SCHEME}:`)
      ? frameRegistry.frame(imageId)
      : isPart10(imageId)
        ? part10.describe(imageId)
        : undefined;
  core.metaData.addProvider((type: string, imageId: string) => {
    const described = typeof imageId === 'string' ? describe(imageId) : undefined;
    if (!described) return undefined;
    if (type === core.Enums.MetadataModules.SCALING)
      return described.suvbw === undefined ? undefined : { suvbw: described.suvbw };
    return type === core.Enums.MetadataModules.VOI_LUT ? voiModule(described.metadata) : undefined;
  }, 10_000);
}

/** Cornerstone's warnings for what is expected here, kept to errors. */
export function quietExpectedLogs(core: Core): void {
  // Destroying an engine releases its WebGL context, which Cornerstone logs as "context lost"
  // for every engine we dispose of (one per layout change).
  core.utilities.logger.coreLog.getLogger('RenderingEngine', 'attachWebGLContextEvents').setLevel('error');
  // The cache's warning for an image dropped while it decoded (a frame no viewport shows any more:
  // see forgetWithTheirFrames).
  core.utilities.logger.coreLog.getLogger('cache').setLevel('error');
  // A volume let go of while it loads (a reformat left) warns for each slice it does not take.
  core.utilities.logger.coreLog.getLogger('cache', 'BaseStreamingImageVolume').setLevel('error');
}

/** Makes engine sources: each a rendering engine shared by its viewports (see `EngineSource`). */
export function engineSources(core: Core): () => EngineSource {
  let created = 0;
  return () => {
    let engine: InstanceType<Core['RenderingEngine']> | undefined;
    let users = 0;
    return {
      acquire() {
        users++;
        // A fresh id each time: Cornerstone keeps state under a destroyed engine's id.
        engine ??= new core.RenderingEngine(`telerad-rendering-engine-${++created}`);
        return engine;
      },
      release() {
        users--;
        if (users === 0 && engine) {
          engine.destroy();
          engine = undefined;
        }
      },
    };
  };
}
