// Cornerstone3D, loaded on first use (a page that only registers other elements never downloads
// it) and initialised once per page: Cornerstone keeps global state, so this module is its single
// owner. Everything Cornerstone-specific the element needs is reached through here.
import { styleTextBoxesThroughCssom } from './csp-compat.js';
import { initDecodeWorkers } from './decode-workers.js';
import { FRAME_SCHEME, loadFrame, type FrameExtractor } from './frame-loader.js';
import { frameRegistry } from './frame-registry.js';
import { fileFault, stringValue } from '@telerad/core';
import { checkFrame, checkImage, decodable, imageAttributes, jsonReader } from './image-checks.js';
import { isPart10, registerCheckedPart10Loader, type Part10Description } from './part10-loader.js';
import type { StackFrame } from './series-stack.js';
import type { RetrievedInstance } from './series-retrieve.js';

type CornerstoneModules = typeof import('./cornerstone-modules.js');

export interface CornerstoneRuntime {
  core: CornerstoneModules['core'];
  tools: CornerstoneModules['tools'];
  loader: CornerstoneModules['loader'];
  /**
   * What a loaded Part 10 image (a host's `wadouri:` id) says of itself: its attributes as DICOM
   * JSON and its SUV factor; undefined until loaded.
   */
  describeFile(imageId: string): Part10Description | undefined;
  /** Cuts a Part 10 file of a series retrieved at once into its frames. */
  splitInstance(part10: Uint8Array): RetrievedInstance;
  /** Hands Cornerstone the metadata of frames before they are shown (those still held: frame-registry.ts). */
  registerFrames(frames: readonly StackFrame[]): void;
  /** The page's shared engine: used by viewports outside any `<rad-rendering-group>`. */
  pageEngine: EngineSource;
  /** A new, independent engine source (for a `<rad-rendering-group>`). */
  createEngineSource(): EngineSource;
}

/**
 * A rendering engine shared by the viewports that use it: created by the first `acquire`,
 * destroyed (with its WebGL contexts) by the last `release`.
 */
export interface EngineSource {
  acquire(): import('@cornerstonejs/core').RenderingEngine;
  release(): void;
}

export interface RuntimeOptions {
  /** Where the codecs' .wasm files are served, when a bundler did not emit them. */
  codecBasePath?: string;
  /** Render on the CPU instead of WebGL. */
  cpuRendering?: boolean;
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

/** Longest a decode may take: Cornerstone's image creation never settles on some failures. */
const DECODE_DEADLINE_MS = 30_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('decoding did not finish')), ms)));
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

let runtime: Promise<CornerstoneRuntime> | undefined;

/**
 * Megabytes of decoded images a page keeps by default: a 1,000-slice 512² CT and its prior. Beyond
 * the bound, the images shown least recently are dropped (and loaded again when shown).
 */
export const DEFAULT_CACHE_MB = 1024;

/** How full the page's image cache is, in bytes; zero before Cornerstone is loaded. */
export async function imageCacheUsage(): Promise<{ usedBytes: number; maxBytes: number }> {
  if (!runtime) return { usedBytes: 0, maxBytes: DEFAULT_CACHE_MB * 2 ** 20 };
  const { cache } = (await runtime).core;
  return { usedBytes: cache.getCacheSize(), maxBytes: cache.getMaxCacheSize() };
}

/** Drops every decoded image from Cornerstone's cache, if Cornerstone was ever loaded (e.g. on idle logoff). */
export async function purgeImageCache(): Promise<void> {
  if (runtime) (await runtime).core.cache.purgeCache();
}

export function loadCornerstone(options: RuntimeOptions = {}): Promise<CornerstoneRuntime> {
  runtime ??= (async () => {
    const { core, tools, loader, metadata, dicomParser } = await import('./cornerstone-modules.js');
    if (options.cpuRendering) core.setUseCPURendering(true);
    // Two WebGL contexts per engine, not Cornerstone's seven: a browser keeps about sixteen per page,
    // and a portal with a few engines (rendering groups, a viewer beside a worklist) would lose some.
    core.init({ rendering: { webGlContextCount: 2 } } as Parameters<typeof core.init>[0]);
    core.cache.setMaxCacheSize(DEFAULT_CACHE_MB * 2 ** 20);
    styleTextBoxesThroughCssom();
    const workers = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
    initDecodeWorkers(
      () => loader.init({ maxWebWorkers: workers, ...(options.codecBasePath ? { wasmBasePath: options.codecBasePath } : {}) }),
      core.getWebWorkerManager() as unknown as Parameters<typeof initDecodeWorkers>[1],
      workers,
    );
    const part10 = registerCheckedPart10Loader({ core, loader, metadata, dicomParser });
    // What Cornerstone keeps of a frame no viewport shows goes with it: patient attributes included.
    frameRegistry.whenForgotten((imageIds) => {
      part10.forget(imageIds);
      for (const imageId of imageIds) {
        loader.wadors.metaDataManager.remove(imageId);
        // An image still being decoded would be made without its metadata (no window, no spacing)
        // and kept so in the cache: dropped now, made again when shown. Decoded ones stay cached.
        if (core.cache.getImageLoadObject(imageId) && !core.cache.getImage(imageId)) core.cache.removeImageLoadObject(imageId, { force: true });
      }
    });
    // Frames are fetched by our loader (credentials allowlist, per-series Accept) and decoded by
    // Cornerstone's codecs.
    const { wadouri } = loader;
    /** A parsed instance's frame `index` (0-based) as the frame readers cut it. */
    const frameOf = (dataSet: ReturnType<typeof dicomParser.parseDicom>, index: number) =>
      dataSet.elements.x7fe00010?.encapsulatedPixelData ? wadouri.getEncapsulatedImageFrame(dataSet, index) : wadouri.getUncompressedImageFrame(dataSet, index);
    const syntaxOf = (dataSet: ReturnType<typeof dicomParser.parseDicom>) => dataSet.string('x00020010') ?? '1.2.840.10008.1.2.1';
    const extractFrame: FrameExtractor = (part10, frame) => {
      // A copy: the frame readers slice `byteArray.buffer` from offsets relative to the array.
      const dataSet = dicomParser.parseDicom(part10.slice());
      return { bytes: frameOf(dataSet, frame - 1), transferSyntax: syntaxOf(dataSet) };
    };
    const splitInstance = (part10: Uint8Array): RetrievedInstance => {
      const dataSet = dicomParser.parseDicom(part10.byteOffset === 0 ? part10 : part10.slice());
      const transferSyntax = syntaxOf(dataSet);
      const count = Math.max(1, dataSet.intString('x00280008') ?? 1);
      return {
        sopInstanceUID: dataSet.string('x00080018') ?? '',
        frames: Array.from({ length: count }, (_, index) => ({ bytes: frameOf(dataSet, index), transferSyntax })),
      };
    };
    // Cornerstone 5.14 leaves a chain of its own on every failed image load without a handler:
    // loadAndCacheImage does not wait for cache.putImageLoadObject, which rethrows the load's error.
    // That error reaches the viewport through the load's own promise (error state, rad-error), so
    // the cache's copy is handled here and the page never sees an unhandled rejection.
    const putImageLoadObject = core.cache.putImageLoadObject.bind(core.cache);
    core.cache.putImageLoadObject = (imageId, imageLoadObject) => {
      const cached = putImageLoadObject(imageId, imageLoadObject);
      cached.catch(() => undefined);
      return cached;
    };
    // Other chains of Cornerstone's that may drop a frame error: spared the page as well.
    const frameErrors = new WeakSet<object>();
    globalThis.addEventListener?.('unhandledrejection', (event) => {
      if (typeof event.reason === 'object' && event.reason !== null && frameErrors.has(event.reason as object)) event.preventDefault();
    });
    const frameFailure = (imageId: string, error: unknown) => {
      // What does not parse or decode is the file's fault, not the archive's.
      const failure = fileFault(error, imageId.slice(FRAME_SCHEME.length + 1));
      frameErrors.add(failure);
      return failure;
    };
    /** The frame's attributes and bytes checked before decoding (image-checks.ts). */
    const checked = (imageId: string, frame: { bytes: Uint8Array; transferSyntax: string }) => {
      const metadata = frameRegistry.frame(imageId)?.metadata;
      if (!metadata) return frame;
      const attributes = imageAttributes(jsonReader(metadata));
      checkImage(attributes);
      checkFrame(attributes, frame.bytes, frame.transferSyntax, imageId.slice(FRAME_SCHEME.length + 1));
      return decodable(attributes, frame);
    };
    core.registerImageLoader(FRAME_SCHEME, (imageId: string) => ({
      promise: loadFrame(imageId, extractFrame)
        .then((frame) => checked(imageId, frame))
        .then(({ bytes, transferSyntax }) => withDeadline(loader.createImage(imageId, bytes, transferSyntax, {}), DECODE_DEADLINE_MS))
        .catch((error: unknown) => {
          throw frameFailure(imageId, error);
        }),
    }) as never);
    // Ahead of Cornerstone's own providers: SUV factors of PET frames (read when pixel values are
    // scaled), and the VOI module: Cornerstone 5.14's own provider gives VOI LUT Function as a
    // string, of which image creation then takes the first letter.
    // A host's files (Part 10 image ids) are answered from their own attributes alike.
    const describe = (imageId: string) => (imageId.startsWith(`${FRAME_SCHEME}:`) ? frameRegistry.frame(imageId) : isPart10(imageId) ? part10.describe(imageId) : undefined);
    core.metaData.addProvider((type: string, imageId: string) => {
      const described = typeof imageId === 'string' ? describe(imageId) : undefined;
      if (!described) return undefined;
      if (type === core.Enums.MetadataModules.SCALING) return described.suvbw === undefined ? undefined : { suvbw: described.suvbw };
      return type === core.Enums.MetadataModules.VOI_LUT ? voiModule(described.metadata) : undefined;
    }, 10_000);
    tools.init();
    // Destroying an engine releases its WebGL context, which Cornerstone logs as "context lost"
    // for every engine we dispose of (one per layout change): expected, so not a warning.
    core.utilities.logger.coreLog.getLogger('RenderingEngine', 'attachWebGLContextEvents').setLevel('error');
    // Likewise the cache's warning for an image dropped while it decoded (a frame no viewport shows
    // any more: see the registry's forget listener above).
    core.utilities.logger.coreLog.getLogger('cache').setLevel('error');
    let created = 0;
    const createEngineSource = (): EngineSource => {
      let engine: import('@cornerstonejs/core').RenderingEngine | undefined;
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
    return {
      core,
      tools,
      loader,
      splitInstance,
      describeFile: (imageId) => part10.describe(imageId),
      registerFrames(frames) {
        // Other schemes (wadouri: from a host) bring their own metadata provider. A frame let go
        // of while the engine loaded is not given: nothing would forget it.
        for (const frame of frames.filter((f) => f.imageId.startsWith(`${FRAME_SCHEME}:`) && frameRegistry.has(f.imageId))) {
          loader.wadors.metaDataManager.add(frame.imageId, frame.metadata as never);
        }
      },
      pageEngine: createEngineSource(),
      createEngineSource,
    };
  })();
  // A failed start (a module that did not load, an engine that did not initialise) is not kept:
  // the next viewport tries again.
  const attempt = runtime;
  attempt.catch(() => {
    if (runtime === attempt) runtime = undefined;
  });
  return attempt;
}
