// Showing a series, in the order that gets the first image on screen soonest: the series' metadata
// and first frame are fetched before the engine loads, an image that can be drawn early is drawn
// first, the engine starts, the stack is set, and the rest of the series loads ahead (at once when
// the image cache holds it whole) while the first image is decoded.
import { DicomWebError, ViewerError } from '@telerad/core';
import type { AuthRefresh } from './auth-refresh.js';
import type { FirstImageController } from './first-image-controller.js';
import { drawableEarly } from './first-image.js';
import type { HeldFrames } from './frame-registry.js';
import type { Plane } from './reformat-viewport.js';
import { framesThatFit } from './series-prefetch.js';
import { SeriesRetrieval } from './series-retrieve.js';
import { loadSeriesStack, seriesLocationOf, type SeriesService, type StackFrame } from './series-stack.js';
import type { ViewportController, ViewportTool } from './viewport-controller.js';

/** A plane asked for at once, and whether it may be drawn before the engine. */
export interface PlaneAsked {
  plane: Plane;
  early: boolean;
}

/** What is shown: a DICOMweb series, or a host's image ids. */
export type SeriesSource = readonly [
  service: SeriesService | undefined,
  studyUid: string,
  seriesUid: string,
  imageIds: readonly string[] | undefined,
];

/** The viewport's parts a series is shown with. */
export interface SeriesShowParts {
  host: HTMLElement & { readonly updateComplete: Promise<boolean> };
  controller: ViewportController;
  firstImage: FirstImageController;
  heldFrames: HeldFrames;
  authRefresh: AuthRefresh;
}

/** What showing a series needs from the viewport, and tells it. */
export interface SeriesShowPort {
  /** Runs an archive request, asking the host for a fresh token once on 401. */
  request<T>(operation: string, call: () => Promise<T>): Promise<T>;
  /** Waits for an enclosing `<rad-dicomweb>` defined after the viewport connected to answer. */
  awaitLateService(): Promise<void>;
  /** The page's image cache bound, in megabytes. */
  cacheMb(): number;
  activeTool(): ViewportTool;
  /** A new series: cine stops. */
  stopCine(): void;
  /**
   * A plane asked for (`view`): the stack's first image would not be seen, so the engine loads at
   * once, with the series' metadata, and the series' bytes are asked for without it. `early`: the
   * plane may be drawn from the slices as they arrive (a thin plane, not fused, linear).
   */
  planeAsked(): PlaneAsked | undefined;
  /** The series' metadata has come: its frames (the slider and toolbar take their place at once). */
  framesKnown(frames: readonly StackFrame[]): void;
  /** The engine shows the series; PET without SUV says why. */
  started(suvUnavailable: string | undefined): void;
  progress(loaded: number, total: number): void;
  failed(error: unknown, operation: string): void;
}

/** The 1-based frame of a WADO-URI image id (`…&frame=N`), 1 when none is given. */
const frameOf = (imageId: string) => Number(/[?&]frame=(\d+)/.exec(imageId)?.[1] ?? 1);

/** A host's image ids as a stack: their attributes are read from the files as they load. */
const hostStack = (imageIds: readonly string[]) => ({
  frames: imageIds.map((imageId) => ({ imageId, sopInstanceUID: '', frame: frameOf(imageId), metadata: {} })),
  sources: undefined,
  suvUnavailable: undefined,
});

/**
 * Progress said at most once per frame (the latest count), and at once when complete: a series
 * loads a slice every few milliseconds, and each would redraw the element.
 */
function oncePerFrame(report: (loaded: number) => void, total: number): (loaded: number) => void {
  let latest = 0;
  let scheduled = false;
  return (loaded) => {
    latest = loaded;
    if (loaded >= total) return report(loaded);
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      if (latest < total) report(latest);
    });
  };
}

/** A series' retrieval started with its metadata, and what stops it. */
interface RetrievalAtOnce {
  stop: AbortController;
  retrieval: SeriesRetrieval;
}

export class SeriesShow {
  #parts: SeriesShowParts;
  #port: SeriesShowPort;
  #prefetch?: AbortController;
  /** The stack not drawn yet (under a plane drawn early): drawn when the reader goes to it. */
  #hiddenStack?: StackFrame[];
  /** Whether this element's stack was ever drawn (what it shows must then be replaced). */
  #stackDrawn = false;

  constructor(parts: SeriesShowParts, port: SeriesShowPort) {
    this.#parts = parts;
    this.#port = port;
  }

  /** Stops what loads ahead (a disconnect). */
  stop(): void {
    this.#prefetch?.abort();
  }

  /** Shows the series; resolves with its frames once the first image is shown. */
  async show([service, studyUid, seriesUid, imageIds]: SeriesSource, signal: AbortSignal) {
    const fromHost = Boolean(imageIds?.length);
    if (!fromHost && (!studyUid || !seriesUid)) return undefined;
    if (!fromHost && !service) {
      // An answer runs the series again (its service changed), superseding this run.
      await this.#port.awaitLateService();
      if (signal.aborted) return undefined;
      throw new DicomWebError('not-configured', 0, '');
    }
    const archive = fromHost ? undefined : service;
    const { host, controller, firstImage, heldFrames, authRefresh } = this.#parts;
    this.#port.stopCine();
    this.#prefetch?.abort();
    firstImage.reset();
    const options = { signal, reauthorize: authRefresh };
    const stack = archive
      ? this.#port.request('load-series', () => loadSeriesStack(archive, studyUid, seriesUid, options))
      : Promise.resolve(hostStack(imageIds ?? []));
    await host.updateComplete;
    // Whatever loads ahead stops with the next series, a disconnect or a failed start.
    const prefetch = new AbortController();
    this.#prefetch = prefetch;
    const both = AbortSignal.any([prefetch.signal, signal]);
    const atOnce =
      archive && this.#port.planeAsked() ? this.#retrieveAtOnce(archive, studyUid, seriesUid, both) : undefined;
    // A failure to start is reported where the engine is awaited (#startEngine).
    if (this.#port.planeAsked()) controller.ready().catch(() => {});
    const { frames, sources, suvUnavailable } = await stack.catch((error: unknown) => {
      prefetch.abort();
      throw error;
    });
    // Removed from the page meanwhile: nothing is held or shown (a reconnect loads again).
    if (!host.isConnected) {
      prefetch.abort();
      throw new DicomWebError('aborted', 0, '');
    }
    const held = heldFrames.hold(frames, sources);
    this.#port.framesKnown(frames);
    const { retrieval } = await this.#startEngine(frames, archive, [studyUid, seriesUid], { prefetch, both, atOnce });
    // A tool set before the viewport existed (an `active-tool` attribute) takes effect now.
    controller.setPrimaryTool(this.#port.activeTool());
    controller.setCacheSize(this.#port.cacheMb());
    controller.runtime?.registerFrames(frames);
    this.#port.started(suvUnavailable);
    const shown = this.#setStack(frames);
    // The rest of the series loads while the first image is decoded and drawn.
    this.#loadAhead(prefetch, await retrieval);
    // A series whose first image cannot be shown is not loaded further.
    const stopLoading = (error: unknown) => {
      prefetch.abort();
      throw error;
    };
    await shown.catch(stopLoading).finally(() => heldFrames.keepOnly(held));
    return frames;
  }

  /**
   * Gives the engine the series' stack. Under a plane drawn early, the reader sees neither the stack
   * nor its first drawing, which would cost as much of the page's time as the reformat's: the stack
   * is drawn once the reader goes to it (`drawHiddenStack`).
   */
  #setStack(frames: StackFrame[]): Promise<void> {
    const hidden = !this.#stackDrawn && this.#parts.firstImage.followsPlane;
    this.#hiddenStack = hidden ? frames : undefined;
    this.#stackDrawn ||= !hidden;
    return this.#parts.controller.setStack(frames, 0, !hidden);
  }

  /** Draws the stack kept hidden under a plane drawn early, if any (the view is the stack now). */
  drawHiddenStack(): void {
    const frames = this.#hiddenStack;
    if (!frames) return;
    this.#hiddenStack = undefined;
    this.#stackDrawn = true;
    this.#parts.controller.setStack(frames, 0).catch((error: unknown) => this.#port.failed(error, 'load-image'));
  }

  /**
   * The first frame fetched alone (the quickest way to a first image) and drawn early when it can
   * be, then the engine started. Gives the series' retrieval (after the first frame) when the cache
   * holds the series whole.
   */
  async #startEngine(
    frames: StackFrame[],
    service: SeriesService | undefined,
    [studyUid, seriesUid]: [string, string],
    // `both`: the prefetch's signal or the series task's, whichever stops first.
    { prefetch, both, atOnce }: { prefetch: AbortController; both: AbortSignal; atOnce?: RetrievalAtOnce },
  ): Promise<{ retrieval?: Promise<SeriesRetrieval | undefined> }> {
    const asked = this.#port.planeAsked();
    const first = service && !asked ? this.#parts.firstImage.fetch(frames[0]) : undefined;
    // An image drawn early comes first: the engine's download and start would delay it.
    if (first && drawableEarly(frames[0].metadata)) await first;
    // What fails here is the viewer's (Cornerstone's loading and start), never the archive's.
    const engine = this.#parts.controller.ready().catch((error: unknown) => {
      prefetch.abort();
      throw ViewerError.client(error);
    });
    // At once only what the image cache holds whole (a longer series is loaded ahead as far as it fits).
    const whole = frames.length > 1 && framesThatFit(frames, this.#port.cacheMb() * 2 ** 20) >= frames.length;
    const location = service && whole ? seriesLocationOf(service, studyUid, seriesUid) : undefined;
    if (atOnce && !location) atOnce.stop.abort();
    const retrieval =
      location && service
        ? // After the first frame: the series' bytes would otherwise compete with it.
          (first ?? Promise.resolve()).then(() => {
            const series = atOnce?.retrieval ?? new SeriesRetrieval(location, service, both);
            if (asked?.early) this.#parts.firstImage.followPlane(asked.plane, frames, series);
            return series;
          })
        : undefined;
    await engine;
    // Not awaited here: the stack is set as soon as the engine is ready.
    return { retrieval };
  }

  /**
   * A plane asked for at once needs the whole series: its bytes are asked for with its metadata, not
   * after it. Stopped if the series turns out not to fit the image cache (or not to be wanted).
   */
  #retrieveAtOnce(service: SeriesService, studyUid: string, seriesUid: string, signal: AbortSignal) {
    const location = seriesLocationOf(service, studyUid, seriesUid);
    if (!location) return undefined;
    const stop = new AbortController();
    return { stop, retrieval: new SeriesRetrieval(location, service, AbortSignal.any([stop.signal, signal])) };
  }

  #loadAhead(controller: AbortController, retrieval?: SeriesRetrieval): void {
    const total = this.#parts.controller.loadAheadCount();
    this.#port.progress(0, total);
    const progress = oncePerFrame((loaded: number) => this.#port.progress(loaded, total), total);
    void this.#parts.controller
      .prefetch(progress, controller.signal, retrieval)
      .catch((error: unknown) => this.#port.failed(error, 'prefetch'));
  }
}
