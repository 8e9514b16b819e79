// PET/CT fusion on a reformat (issue 17): follows `fusion-series-uid`, `fusion-colormap`,
// `fusion-opacity` and `fusion-window`; lays the PET series over the plane shown (FusionLayer) when
// it shares the series' frame of reference and makes a volume, and otherwise says why. Fires
// `rad-fusion-rendered` on each blend.
import { msg } from '@lit/localize';
import { stringValue, type RadEventMap } from '@telerad/core';
import type { ReactiveController } from 'lit';
import { FusionLayer, sampledVolume, type FusionLook } from './fusion-layer.js';
import { modalityUnitOf } from './modality-value.js';
import type { MeasuredReformat } from './reformat-measurements.js';
import type { ReformatViewport } from './reformat-viewport.js';
import type { ReformatController, ReformatPort, ViewPlane } from './reformat-controller.js';
import type { SeriesService, StackFrame } from './series-stack.js';
import { sliceGeometryOf, volumeGeometry, volumeRefusalText } from './volume-geometry.js';

export interface FusionSettings extends FusionLook {
  /** The series laid over the plane (a PET of the same study); empty: no fusion. */
  seriesUid: string;
}

/** The fusion drawn: its series, colour map, opacity and window, and how much of its volume has loaded. */
export interface FusionState extends FusionSettings {
  /** The unit of the window (SUVbw for PET with SUV). */
  unit: string;
  volumeLoaded: number;
  volumeSlices: number;
}

export interface FusionPort extends Pick<ReformatPort, 'host' | 'engine'> {
  reformat: ReformatController;
  settings(): FusionSettings;
  /** The view asked for (`view`): fusion is on a plane. */
  plane(): ViewPlane;
  studyUid(): string;
  service(): SeriesService | undefined;
  emit<K extends keyof RadEventMap>(type: K, detail: RadEventMap[K]): void;
  /** Loading the fused series failed (the archive's fault, or ours). */
  failed(error: unknown): void;
}

const frameOfReference = (frames: readonly StackFrame[]) => stringValue(frames[0]?.metadata ?? {}, '00200052');

let nextId = 0;
/** SUVbw 0 to 5 (a linear window's ramp, PS3.3 C.11.2.1.2.1: centre − 0.5 ± (width − 1) / 2). */
const PET_WINDOW = { center: 3, width: 6 };

export class FusionController implements ReactiveController {
  readonly #id = `rad-fusion-${++nextId}`;
  #layer?: FusionLayer;
  /** What the layer was made for: the plane's viewport and the series laid over it. */
  #madeFor?: { view: unknown; seriesUid: string };
  #abort?: AbortController;
  /** The PET reformats given their SUV window. */
  readonly #windowed = new WeakSet<ReformatViewport>();
  /** Why the series asked for is not fused, if it is not. */
  refusal?: string;

  constructor(private readonly port: FusionPort) {
    port.host.addController(this);
  }

  hostUpdated(): void {
    const settings = this.port.settings();
    const view = this.port.reformat.shownView;
    if (view) this.#windowPet(view);
    if (!settings.seriesUid || !view) {
      const refusal = settings.seriesUid && this.port.plane() === 'stack' ? this.#notOnAPlane() : undefined;
      // Said at once: not whenever the element happens to update next.
      if (refusal !== this.refusal) queueMicrotask(() => this.port.host.requestUpdate());
      this.refusal = refusal;
      return this.#leave();
    }
    if (this.#madeFor?.view !== view || this.#madeFor.seriesUid !== settings.seriesUid) {
      this.#leave();
      this.#madeFor = { view, seriesUid: settings.seriesUid };
      void this.#make(settings);
    } else this.#layer?.setLook(settings);
  }

  hostDisconnected(): void {
    this.#leave();
  }

  /** The fused image, while one is shown. */
  get canvas(): HTMLCanvasElement | undefined {
    return this.#layer?.pet.volumeId ? this.#layer.canvas : undefined;
  }

  /** The fused series' layer (its PET viewport and frames), while one is shown. */
  get layer(): FusionLayer | undefined {
    return this.#layer;
  }

  /** The fusion drawn, if one is. */
  state(): FusionState | undefined {
    const layer = this.#layer;
    if (!layer?.pet.volumeId) return undefined;
    const settings = this.port.settings();
    const [first] = layer.frames;
    const { loaded, total } = layer.pet.loading;
    return {
      ...settings,
      unit: modalityUnitOf(first.metadata, first.suvbw),
      volumeLoaded: loaded,
      volumeSlices: total,
    };
  }

  /** The PET volume under the plane, for SUV: the fused series, or the series shown where it is PET. */
  petUnder(): MeasuredReformat['pet'] {
    const { runtime, frames: own } = this.port.engine.controller;
    const fused = this.#layer?.pet.volumeId;
    const isPet = (frames: readonly StackFrame[]) => stringValue(frames[0]?.metadata ?? {}, '00080060') === 'PT';
    const volumeId = fused ?? (isPet(own) ? this.port.reformat.shownView?.volumeId : undefined);
    const volume = runtime && volumeId ? sampledVolume(runtime, volumeId) : undefined;
    if (!volume) return undefined;
    const frames = fused ? (this.#layer?.frames ?? []) : own;
    return { volume, unit: modalityUnitOf(frames[0].metadata, frames[0].suvbw) };
  }

  /** Resolves once the fusion is drawn as set now. */
  async drawn(): Promise<void> {
    await this.#layer?.drawn();
  }

  /** A PET reformat (with SUV) is first shown in SUVbw 0–5, as PET is read, and as its fusion is. */
  #windowPet(view: ReformatViewport): void {
    const { frames } = this.port.engine.controller;
    if (this.#windowed.has(view) || !view.volumeId || !frames.length || frames.some((f) => f.suvbw === undefined))
      return;
    this.#windowed.add(view);
    view.setWindow(PET_WINDOW);
  }

  #notOnAPlane(): string {
    return msg('Fusion is shown on a plane: choose axial, coronal or sagittal.', { id: 'viewport.fusion.plane' });
  }

  async #make(settings: FusionSettings): Promise<void> {
    const { engine, reformat } = this.port;
    const { runtime, engine: renderingEngine } = engine.controller;
    const view = reformat.shownView;
    const service = this.port.service();
    const area = this.port.host.renderRoot.querySelector<HTMLElement>('[part~="viewport"] .fusion-source');
    if (!runtime || !renderingEngine || !view || !service || !area) return;
    const abort = new AbortController();
    this.#abort = abort;
    const layer = new FusionLayer(runtime, renderingEngine, view, area, this.#id, () => this.#composed());
    this.#layer = layer;
    try {
      const series: [SeriesService, string, string] = [service, this.port.studyUid(), settings.seriesUid];
      await layer.load(series, abort.signal, (frames) => this.#refusalOf(frames));
      layer.setLook(this.port.settings());
      this.refusal = undefined;
    } catch (error) {
      if (abort.signal.aborted) return;
      this.refusal = (error as { refusal?: string }).refusal;
      this.#leave();
      if (!this.refusal) this.port.failed(error);
    }
    this.port.host.requestUpdate();
  }

  /** Why these frames are not fused onto the series shown; undefined if they are. */
  #refusalOf(frames: readonly StackFrame[]): string | undefined {
    const own = frameOfReference(this.port.engine.controller.frames);
    if (!own || own !== frameOfReference(frames))
      return msg('This series is on another frame of reference: not fused.', {
        id: 'viewport.fusion.frame-of-reference',
      });
    const geometry = volumeGeometry(frames.map((frame) => sliceGeometryOf(frame.metadata)));
    return geometry.ok ? undefined : volumeRefusalText(geometry.refusal);
  }

  #composed(): void {
    const state = this.state();
    if (state) this.port.emit('rad-fusion-rendered', state);
  }

  #leave(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#layer?.dispose();
    this.#layer = undefined;
    this.#madeFor = undefined;
  }
}
