// Everything that puts a series on the viewport's screen, created with the element and disposed
// with it: the Cornerstone viewport (ViewportController), the early first image, the overlay
// planes, the frames held in the page's cache, the token refresh, and the series as a task.
import { Task } from '@lit/task';
import { DicomWebError, requestDicomWebAgain, ViewerError, type DicomWebService } from '@telerad/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { hasStatistics } from './annotation-bridge.js';
import type { RenderingGroup } from '../rad-rendering-group/rendering-context.js';
import { AuthRefresh } from './auth-refresh.js';
import type { RuntimeOptions } from './cornerstone-runtime.js';
import { FirstImageController, type FirstImageDetail } from './first-image-controller.js';
import { loadBulkData } from './frame-loader.js';
import { HeldFrames } from './frame-registry.js';
import type { MeasurementInput, RadMeasurement } from './measurements.js';
import { OverlayController } from './overlay-controller.js';
import { overlayPlanesOf } from './overlay-planes.js';
import { SeriesShow, type SeriesShowPort, type SeriesSource } from './series-show.js';
import type { SeriesService, StackFrame } from './series-stack.js';
import { ViewportController, type ViewState } from './viewport-controller.js';

/** What the engine needs from the element, and tells it. */
export interface EnginePort extends Omit<SeriesShowPort, 'started' | 'awaitLateService' | 'failed' | 'framesKnown'> {
  host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };
  source(): SeriesSource;
  service(): SeriesService | undefined;
  options(): RuntimeOptions;
  renderingGroup(): RenderingGroup | undefined;
  /** Whether overlay planes are drawn (`overlay-planes`). */
  overlayPlanesOn(): boolean;
  askForFreshToken(operation: string): Promise<void>;
  /** Fires `rad-error`; returns the failure as reported. */
  emitError(error: unknown, operation: string): DicomWebError | ViewerError;
  rendered(view: ViewState, frame: StackFrame | undefined, hasOverlayPlanes: boolean): void;
  firstImage(detail: FirstImageDetail): void;
  measurementChanged(change: 'added' | 'modified' | 'removed', measurement: RadMeasurement): void;
  /** The image area has no size (a host rule such as `height: 0`), or has one again. */
  noSize(none: boolean): void;
  /** An enclosing `<rad-dicomweb>` that answered late gives its service. */
  lateService(service: DicomWebService | undefined): void;
  started(suvUnavailable: string | undefined): void;
}

/** A promise and its resolution (Promise.withResolvers, for the browsers before it). */
const started = () => {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

/** Resolves after the next frame has been drawn (or at once in a page that draws none, hidden). */
const afterAFrame = () =>
  new Promise<void>((resolve) =>
    document.visibilityState === 'hidden' ? setTimeout(resolve) : requestAnimationFrame(() => setTimeout(resolve)),
  );

export class ViewportEngine implements ReactiveController {
  readonly controller: ViewportController;
  readonly series: Task<SeriesSource, StackFrame[] | undefined>;
  /** Why images of the series failed to load, by index. */
  readonly imageErrors = new Map<number, DicomWebError | ViewerError>();
  /** The frames of the series being shown, once its metadata has come (before the engine shows any). */
  knownFrames: readonly StackFrame[] = [];
  readonly #firstImage: FirstImageController;
  readonly #overlayPlanes: OverlayController;
  readonly #show: SeriesShow;
  readonly #port: EnginePort;
  #wasDisconnected = false;
  #noSize = false;
  /** Unsubscribes from a provider that answered late (see `requestDicomWebAgain`). */
  #stopLateService = () => {};
  /** Resolves once the series run now asked for has its frames on the stack (its first image not yet drawn). */
  #stackStarted = started();

  constructor(port: EnginePort) {
    this.#port = port;
    const { host } = port;
    const part =
      <T extends Element>(name: string) =>
      () =>
        host.renderRoot.querySelector<T>(`[part~="${name}"]`);
    this.controller = new ViewportController(
      host,
      () => host.renderRoot.querySelector<HTMLElement>('[part~="viewport"] .cornerstone'),
      {
        rendered: (view) => this.#rendered(view),
        imageFailed: (index, error, first) => {
          const failure = first ? port.emitError(error, 'load-image') : this.imageErrors.get(index);
          if (failure) this.imageErrors.set(index, failure);
        },
        measurementChanged: (change, measurement) => port.measurementChanged(change, measurement),
        sized: (width, height) => this.#sized(width, height),
      },
      () => port.options(),
      () => port.renderingGroup(),
    );
    // After the controller: the Cornerstone viewport is gone before its frames are let go of.
    const heldFrames = new HeldFrames(host);
    this.#firstImage = new FirstImageController(host, part<HTMLCanvasElement>('first-image'), port.firstImage);
    this.#overlayPlanes = new OverlayController(host, part<HTMLCanvasElement>('overlay-planes'), {
      imageToCanvas: (point) => this.controller.imageToCanvas(point),
      loadBulkData: (uri) => {
        const service = port.service();
        return service ? loadBulkData(uri, service.auth, service.timeoutMs) : Promise.resolve(new Uint8Array());
      },
    });
    // A token that expires while frames load is refreshed once, then the frames are asked again.
    const authRefresh = new AuthRefresh(() => port.askForFreshToken('load-image'));
    const parts = { host, controller: this.controller, firstImage: this.#firstImage, heldFrames, authRefresh };
    const awaitLateService = () => this.#awaitLateService();
    const failed = (error: unknown, operation: string) => void port.emitError(error, operation);
    const shown = (suv: string | undefined) => this.#started(suv);
    const framesKnown = (frames: readonly StackFrame[]) => {
      this.knownFrames = frames;
      host.requestUpdate();
    };
    this.#show = new SeriesShow(parts, { ...port, awaitLateService, failed, started: shown, framesKnown });
    this.series = new Task(host, {
      task: (source: SeriesSource, { signal }) => {
        this.#stackStarted = started();
        this.knownFrames = [];
        return this.#show.show(source, signal);
      },
      args: () => port.source(),
      onError: (error) => {
        // A series that fails shows its error, without a slider to images it does not show.
        this.knownFrames = [];
        // An image that failed was announced as it failed: its series failing with it is not news.
        const announced = [...this.imageErrors.values()].includes(error as DicomWebError);
        if (!announced && !(error instanceof DicomWebError && error.kind === 'aborted'))
          port.emitError(error, 'load-series');
      },
    });
    host.addEventListener('rad-view-change', ({ detail }) => {
      if (detail.shown === 'stack') this.#show.drawHiddenStack();
    });
    // Last: connected after the parts above, so the viewport exists before the series runs again.
    host.addController(this);
  }

  hostConnected(): void {
    // Disconnecting disposed the Cornerstone viewport: build it again and show the same series.
    if (this.#wasDisconnected) void this.series.run();
  }

  hostDisconnected(): void {
    this.#stopLateService();
    this.#wasDisconnected = true;
    this.#show.stop();
  }

  /**
   * Replaces the measurements with these; resolves once they are drawn with their values (the
   * engine computes ROI statistics when it draws the annotations, a frame or two later).
   */
  async drawMeasurements(measurements: readonly MeasurementInput[]): Promise<RadMeasurement[]> {
    const { controller, host } = { controller: this.controller, host: this.#port.host };
    const { annotations } = controller;
    for (const m of annotations.measurements()) annotations.remove(m.id);
    const drawn = new Promise((resolve) => host.addEventListener('rad-image-rendered', resolve, { once: true }));
    annotations.add(measurements);
    await drawn;
    for (let frame = 0; frame < 60 && !annotations.measurements().every(hasStatistics); frame++)
      await new Promise(requestAnimationFrame);
    return annotations.measurements();
  }

  /** An enclosing <rad-dicomweb> defined after this element connected: asked again after a frame. */
  async #awaitLateService(): Promise<void> {
    await afterAFrame();
    this.#stopLateService();
    this.#stopLateService = requestDicomWebAgain(this.#port.host, (late) => this.#port.lateService(late));
    await this.#port.host.updateComplete;
  }

  /**
   * The image area's size: without one, said in the element and with one `rad-error` each time it
   * happens; the image appears once the area has a size. From a ResizeObserver, so the change waits
   * for the next frame (no resize loop).
   */
  #sized(width: number, height: number): void {
    // A host that is not rendered at all (display: none, in a hidden tab) is waiting, not mis-sized.
    const none = (width < 1 || height < 1) && this.#port.host.getClientRects().length > 0;
    requestAnimationFrame(() => {
      if (none && !this.#noSize)
        this.#port.emitError(new ViewerError('no-size', `${Math.round(width)} × ${Math.round(height)} px`), 'layout');
      this.#noSize = none;
      this.#port.noSize(none);
    });
  }

  /** Draws (or clears, with `overlay-planes` off) the overlay planes of the image shown. */
  showOverlayPlanes(frame: StackFrame | undefined): boolean {
    if (this.#port.overlayPlanesOn()) void this.#overlayPlanes.show(frame);
    else this.#overlayPlanes.clear();
    return Boolean(frame && overlayPlanesOf(frame.metadata).length);
  }

  #rendered(view: ViewState): void {
    const frame = this.controller.frames[view.index];
    this.#firstImage.engineDrew(frame);
    this.#port.rendered(view, frame, this.showOverlayPlanes(frame));
  }

  #started(suvUnavailable: string | undefined): void {
    this.imageErrors.clear();
    this.#port.started(suvUnavailable);
    // After the stack is given its frames (at once, after this): a reformat need not wait for the first image.
    queueMicrotask(() => this.#stackStarted.resolve());
  }

  /**
   * Resolves once the series shown has its frames on the stack, before its first image is drawn: a
   * reformat asked for at once builds its volume while the stack draws (or never, if the series fails).
   */
  stackStarted(): Promise<void> {
    return this.#stackStarted.promise;
  }
}
