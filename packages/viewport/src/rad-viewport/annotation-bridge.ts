// Cornerstone's annotations on one viewport's frames as RadMeasurements, and back: measurements
// given by image-coordinate handles become annotations; annotations drawn, moved or removed
// become measurements with calibrated values, the image they lie on and, for ROIs, statistics in
// the modality's unit.
import type { Types } from '@cornerstonejs/core';
import { numberValue, Tag } from '@telerad/core';
import { calibrationOf } from './calibration.js';
import type { CornerstoneRuntime } from './cornerstone-runtime.js';
import {
  isDegenerate,
  MEASUREMENT_TOOLS,
  measuredImageOf,
  measuredValues,
  type CachedStats,
  type MeasurementInput,
  type MeasurementTool,
  type RadMeasurement,
} from './measurements.js';
import { modalityUnitOf, modalityValueOf, type DecodedImage, type ModalityValue } from './modality-value.js';
import type { StackFrame } from './series-stack.js';

/** A Cornerstone annotation, as far as the bridge reads it. */
export interface Annotation {
  annotationUID?: string;
  /** `volumeId`: drawn on a reformat (reformat-measurements.ts reports it, not the stack). */
  metadata: { toolName: string; referencedImageId?: string; volumeId?: string };
  data: { handles: { points: Types.Point3[] }; cachedStats?: Record<string, CachedStats>; text?: string };
}

/** Tools whose values include image statistics, computed by Cornerstone when it draws them. */
const STATISTICS_TOOLS = new Set<MeasurementTool>(['EllipticalROI', 'RectangleROI', 'CircleROI', 'Probe']);

/** Whether a measurement carries its statistics (always true for geometric tools). */
export const hasStatistics = (m: RadMeasurement) =>
  !STATISTICS_TOOLS.has(m.tool) || m.values.some((v) => v.name === 'mean' || v.name === 'value');

/** The Instance Number of a frame's image, where it has one. */
function instanceNumberOf(frame: StackFrame): { instanceNumber?: number } {
  const instanceNumber = numberValue(frame.metadata, Tag.InstanceNumber);
  return instanceNumber === undefined ? {} : { instanceNumber };
}

/** The viewport the bridge works on, as it is at each call (created and disposed by its controller). */
export interface BridgedViewport {
  runtime(): CornerstoneRuntime | undefined;
  viewport(): Types.IStackViewport | undefined;
  element(): HTMLElement | undefined;
  frames(): readonly StackFrame[];
}

export class AnnotationBridge {
  /** Annotations removed on completion (a click, not a shape), whose removal is not reported. */
  readonly #discarded = new Set<string>();

  constructor(private readonly on: BridgedViewport) {}

  /** Annotations of the viewport's frames. */
  #annotations(): Annotation[] {
    const tools = this.on.runtime()?.tools;
    const element = this.on.element();
    if (!tools || !element) return [];
    const ours = new Set(this.on.frames().map((f) => f.imageId));
    return MEASUREMENT_TOOLS.flatMap(
      (tool) =>
        (tools.annotation.state.getAnnotations(tool, element as HTMLDivElement) ?? []) as unknown as Annotation[],
    ).filter(
      (a) =>
        !a.metadata.volumeId && a.metadata.referencedImageId !== undefined && ours.has(a.metadata.referencedImageId),
    );
  }

  measurements(): RadMeasurement[] {
    return this.#annotations()
      .map((a) => this.#toMeasurement(a))
      .filter((m): m is RadMeasurement => m !== undefined);
  }

  /**
   * The measurement an annotation event reports, once it has its statistics; undefined where
   * nothing is reported (another viewport's, or a click that drew no shape: removed at once).
   */
  async changed(change: 'added' | 'modified' | 'removed', annotation: Annotation): Promise<RadMeasurement | undefined> {
    if (this.#discarded.has(annotation.annotationUID ?? '')) return undefined;
    let measurement = this.#toMeasurement(annotation);
    if (change === 'added' && measurement && isDegenerate(measurement.tool, measurement.handles)) {
      this.#discarded.add(measurement.id);
      this.remove(measurement.id);
      return undefined;
    }
    // ROI statistics are computed when Cornerstone next draws the annotation: wait for them.
    for (let frame = 0; change !== 'removed' && measurement && !hasStatistics(measurement) && frame < 30; frame++) {
      await new Promise(requestAnimationFrame);
      measurement = this.#toMeasurement(annotation);
    }
    return measurement;
  }

  /** Adds annotations for measurements given by tool and image-coordinate handles; renders. */
  add(items: readonly MeasurementInput[]): void {
    const runtime = this.on.runtime();
    const viewport = this.on.viewport();
    const element = this.on.element();
    if (!runtime || !viewport || !element) return;
    const { viewPlaneNormal, viewUp } = viewport.getCamera();
    for (const item of items) {
      const frame = this.on
        .frames()
        .find((f) => f.sopInstanceUID === item.sopInstanceUID && f.frame === (item.frame ?? 1));
      if (!frame) continue;
      const points = item.handles.map((h) => runtime.core.utilities.imageToWorldCoords(frame.imageId, [h[0], h[1]]));
      runtime.tools.annotation.state.addAnnotation(
        {
          invalidated: true,
          highlighted: false,
          isLocked: false,
          isVisible: true,
          metadata: {
            toolName: item.tool,
            referencedImageId: frame.imageId,
            FrameOfReferenceUID: viewport.getFrameOfReferenceUID(),
            viewPlaneNormal,
            viewUp,
          },
          data: {
            handles: { points, activeHandleIndex: null, textBox: { hasMoved: false } },
            ...(item.text ? { text: item.text, label: item.text } : {}),
            cachedStats: {},
          },
        } as never,
        element as HTMLDivElement,
      );
    }
    viewport.render();
  }

  remove(id: string): void {
    this.on.runtime()?.tools.annotation.state.removeAnnotation(id);
    this.on.viewport()?.render();
  }

  /** Removes the measurements the user selected (clicked); returns how many. */
  removeSelected(): number {
    const selected = new Set(this.on.runtime()?.tools.annotation.selection.getAnnotationsSelected() ?? []);
    const ours = this.#annotations().filter((a) => a.annotationUID && selected.has(a.annotationUID));
    for (const a of ours) this.remove(a.annotationUID as string);
    return ours.length;
  }

  /** Removes every annotation of the viewport's frames without drawing (the viewport is going). */
  removeAll(): void {
    const state = this.on.runtime()?.tools.annotation.state;
    for (const annotation of this.#annotations())
      if (annotation.annotationUID) state?.removeAnnotation(annotation.annotationUID);
  }

  /** Maps a Cornerstone annotation on one of the frames to a RadMeasurement. */
  #toMeasurement(annotation: Annotation): RadMeasurement | undefined {
    const tool = annotation.metadata.toolName as MeasurementTool;
    const frames = this.on.frames();
    const frame = frames.find((f) => f.imageId === annotation.metadata.referencedImageId);
    const runtime = this.on.runtime();
    if (!frame || !MEASUREMENT_TOOLS.includes(tool) || !runtime || annotation.metadata.volumeId) return undefined;
    const { worldToImageCoords } = runtime.core.utilities;
    const handles = annotation.data.handles.points
      .map((p) => worldToImageCoords(frame.imageId, p) as [number, number])
      .map(([x, y]) => [x, y] as [number, number]);
    // Values in the unit the overlay names (SUVbw, HU…), the same in both renderers: Cornerstone's
    // CPU path calls PET SUV 'raw'.
    const stats = {
      ...Object.values(annotation.data.cachedStats ?? {})[0],
      modalityUnit: modalityUnitOf(frame.metadata, frame.suvbw),
    };
    // Cornerstone 5.14's Probe reads the wrong slice of a stack past its first image: read the value here.
    if (tool === 'Probe') stats.value = this.#modalityValue(frame, handles[0]);
    return {
      id: annotation.annotationUID ?? '',
      tool,
      values: measuredValues(tool, handles, frame, stats),
      calibration: calibrationOf(frame.metadata).kind,
      ...measuredImageOf(frame),
      image: { position: frames.indexOf(frame) + 1, count: frames.length, ...instanceNumberOf(frame) },
      handles,
      ...(annotation.data.text ? { text: annotation.data.text } : {}),
    };
  }

  /** The modality value and its unit of the pixel at image point [column, row] of image `index`. */
  modalityValueAt(index: number, point: readonly [number, number]): ModalityValue | undefined {
    const frame = this.on.frames()[index];
    const value = frame && this.#modalityValue(frame, point);
    return value === undefined ? undefined : { value, unit: modalityUnitOf(frame.metadata, frame.suvbw) };
  }

  #modalityValue(frame: StackFrame, point: readonly number[]): number | undefined {
    const image = this.on.runtime()?.core.cache.getImage(frame.imageId);
    return image ? modalityValueOf(image as unknown as DecodedImage, point) : undefined;
  }
}
