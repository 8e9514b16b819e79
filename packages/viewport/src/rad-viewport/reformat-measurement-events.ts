// The measurements of one reformat as they change: Cornerstone's annotation events, those drawn on
// this reformat's volume and plane, reported as RadMeasurements (ROIs once Cornerstone has computed
// their statistics; a click that drew no shape removed, not reported).
import { hasStatistics } from './annotation-bridge.js';
import { reformatName } from './messages.js';
import { shownPlane } from './reformat-view.js';
import { isDegenerate, type MeasurementInput, type RadMeasurement } from './measurements.js';
import type { CornerstoneRuntime } from './cornerstone-runtime.js';
import {
  isOnReformat,
  obliquePlaneOf,
  reformatAnnotations,
  reformatMeasurement,
  type MeasuredReformat,
  type VolumeAnnotation,
} from './reformat-measurements.js';
import type { ReformatState } from './reformat-controller.js';
import type { ReformatViewport } from './reformat-viewport.js';
import type { StackFrame } from './series-stack.js';

type Change = 'added' | 'modified' | 'removed';

export interface ReformatMeasurementsPort {
  runtime(): CornerstoneRuntime | undefined;
  /** The reformat shown, if one is. */
  view(): ReformatViewport | undefined;
  state(): ReformatState | undefined;
  frames(): readonly StackFrame[];
  /** A PET volume under the plane, whose SUV an ROI reports. */
  pet(): MeasuredReformat['pet'];
  changed(change: Change, measurement: RadMeasurement): void;
}

export class ReformatMeasurements {
  #stop = () => {};
  /** Clicks that drew no shape, removed on completion: their removal is not news. */
  readonly #discarded = new Set<string>();

  constructor(private readonly port: ReformatMeasurementsPort) {}

  /** What the measurements read of the reformat shown. */
  #reformat(): MeasuredReformat | undefined {
    const view = this.port.view();
    const state = this.port.state();
    if (!view?.volumeId || !state) return undefined;
    return {
      ...state,
      volumeId: view.volumeId,
      planeName: reformatName(shownPlane(state), 'thin', 0),
      frames: this.port.frames(),
      pet: this.port.pet(),
    };
  }

  /** The measurements on the reformat shown. */
  list(): RadMeasurement[] {
    const reformat = this.#reformat();
    const runtime = this.port.runtime();
    const element = this.port.view()?.viewport.element;
    if (!reformat || !runtime || !element) return [];
    return reformatAnnotations(runtime, element, reformat)
      .map((annotation) => reformatMeasurement(annotation, reformat))
      .filter((m): m is RadMeasurement => m !== undefined);
  }

  /**
   * Adds annotations for measurements given by patient-space points on a plane; returns their ids.
   * Cornerstone shows each on its plane, at the slice its points lie in.
   */
  add(inputs: readonly MeasurementInput[]): string[] {
    const runtime = this.port.runtime();
    const viewport = this.port.view()?.viewport;
    const volumeId = this.port.view()?.volumeId;
    if (!runtime || !viewport || !volumeId) return [];
    return inputs.flatMap((input) => {
      if (!input.points || !input.view) return [];
      // Cornerstone's own camera for the plane (its tools match annotations by it), or the points' oblique plane.
      const oblique = this.obliquePlaneOf(input);
      const { viewPlaneNormal, viewUp } = oblique
        ? { viewPlaneNormal: oblique.normal, viewUp: oblique.up }
        : runtime.core.CONSTANTS.MPR_CAMERA_VALUES[input.view];
      const annotation = {
        invalidated: true,
        highlighted: false,
        isLocked: false,
        isVisible: true,
        metadata: {
          toolName: input.tool,
          FrameOfReferenceUID: viewport.getFrameOfReferenceUID(),
          viewPlaneNormal,
          viewUp,
          volumeId,
        },
        data: {
          handles: { points: input.points.map((p) => [...p]), activeHandleIndex: null, textBox: { hasMoved: false } },
          ...(input.text ? { text: input.text, label: input.text } : {}),
          cachedStats: {},
        },
      };
      const uid = runtime.tools.annotation.state.addAnnotation(annotation as never, viewport.element as HTMLDivElement);
      return uid ? [uid] : [];
    });
  }

  /** The oblique plane a measurement given by points lies in, if it is not its view's own. */
  obliquePlaneOf(input: MeasurementInput): ReturnType<typeof obliquePlaneOf> {
    const standard = input.view && this.port.runtime()?.core.CONSTANTS.MPR_CAMERA_VALUES[input.view];
    return standard && input.points ? obliquePlaneOf(input.points, standard) : undefined;
  }

  listen(): void {
    const runtime = this.port.runtime();
    if (!runtime) return;
    const { eventTarget } = runtime.core;
    const events = runtime.tools.Enums.Events;
    const changes = [
      [events.ANNOTATION_COMPLETED, 'added'],
      [events.ANNOTATION_MODIFIED, 'modified'],
      [events.ANNOTATION_REMOVED, 'removed'],
    ] as const;
    const listeners = changes.map(([type, change]) => {
      const listener = (event: Event) =>
        void this.#changed(change, (event as CustomEvent<{ annotation: VolumeAnnotation }>).detail.annotation);
      eventTarget.addEventListener(type, listener);
      return () => eventTarget.removeEventListener(type, listener);
    });
    this.#stop();
    this.#stop = () => listeners.forEach((remove) => remove());
  }

  stop(): void {
    this.#stop();
    this.#stop = () => {};
  }

  async #changed(change: Change, annotation: VolumeAnnotation): Promise<void> {
    const reformat = this.#reformat();
    if (!reformat || !isOnReformat(annotation, reformat) || this.#discarded.has(annotation.annotationUID ?? '')) return;
    let measurement = reformatMeasurement(annotation, reformat);
    if (!measurement) return;
    if (change === 'added' && isDegenerate(measurement.tool, measurement.points ?? [])) {
      this.#discarded.add(measurement.id);
      this.port.runtime()?.tools.annotation.state.removeAnnotation(measurement.id);
      return;
    }
    // ROI statistics are computed when Cornerstone next draws the annotation: wait for them.
    for (let frame = 0; change !== 'removed' && !hasStatistics(measurement) && frame < 30; frame++) {
      await new Promise(requestAnimationFrame);
      measurement = reformatMeasurement(annotation, this.#reformat() ?? reformat) ?? measurement;
    }
    this.port.changed(change, measurement);
  }
}
