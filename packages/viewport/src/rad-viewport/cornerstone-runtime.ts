// Cornerstone3D, loaded on first use (a page that only registers other elements never downloads
// it) and initialised once per page: Cornerstone keeps global state, so this module is its single
// owner. Everything Cornerstone-specific the element needs is reached through here.
import {
  engineSources,
  forgetWithTheirFrames,
  frameReaders,
  initialise,
  quietExpectedLogs,
  registerFrameLoader,
  registerMetadataProvider,
} from './cornerstone-setup.js';
import { FRAME_SCHEME } from './frame-loader.js';
import { frameRegistry } from './frame-registry.js';
import { registerCheckedPart10Loader, type Part10Description } from './part10-loader.js';
import type { StackFrame } from './series-stack.js';
import type { RetrievedInstance } from './series-retrieve.js';

export type CornerstoneModules = typeof import('./cornerstone-modules.js');

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
    const modules = await import('./cornerstone-modules.js');
    const { core, tools, loader, metadata, dicomParser } = modules;
    initialise(modules, options, DEFAULT_CACHE_MB * 2 ** 20);
    const part10 = registerCheckedPart10Loader({ core, loader, metadata, dicomParser });
    forgetWithTheirFrames(modules, part10);
    const { extractFrame, splitInstance } = frameReaders(modules);
    registerFrameLoader(modules, extractFrame);
    registerMetadataProvider(core, part10);
    tools.init();
    quietExpectedLogs(core);
    const createEngineSource = engineSources(core);
    return {
      core,
      tools,
      loader,
      splitInstance,
      describeFile: (imageId) => part10.describe(imageId),
      registerFrames(frames) {
        // Other schemes (wadouri: from a host) bring their own metadata provider. A frame let go
        // of while the engine loaded is not given: nothing would forget it.
        for (const frame of frames.filter(
          (f) => f.imageId.startsWith(`${FRAME_SCHEME}:`) && frameRegistry.has(f.imageId),
        )) {
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
