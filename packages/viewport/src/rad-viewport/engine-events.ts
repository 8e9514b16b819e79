// The Cornerstone events a viewport listens to, on its element (an image drawn, a new image of the
// stack, a window set by a tool) and on Cornerstone's event target (annotations completed,
// modified, removed); each listener comes with its removal.
import type { Types } from '@cornerstonejs/core';
import type { Annotation } from './annotation-bridge.js';
import type { CornerstoneRuntime } from './cornerstone-runtime.js';
import type { RadMeasurement } from './measurements.js';
import type { ViewState } from './view-geometry.js';

/** What the viewport controller tells its element. */
export interface ViewportListener {
  rendered(state: ViewState): void;
  /** Image `index` could not be loaded; `first` the first time it failed. */
  imageFailed(index: number, error: unknown, first: boolean): void;
  measurementChanged(change: 'added' | 'modified' | 'removed', measurement: RadMeasurement): void;
  /** The image area's size in CSS pixels, whenever it changes (0 when the host's CSS gives it none). */
  sized(width: number, height: number): void;
}

/** What the controller does on the engine's events. */
export interface EngineHandlers {
  rendered(): void;
  /** Image `index` of the stack was set (and drawn, or failed again). */
  newImage(index: number): void;
  /** A window set by a tool (a W/L drag). */
  voiModified(range: Types.VOIRange): void;
  annotation(change: 'added' | 'modified' | 'removed', annotation: Annotation): void;
}

/** Listens to the engine's events for one viewport element; returns the listeners' removals. */
export function listenToEngine(
  element: HTMLElement,
  { core, tools }: CornerstoneRuntime,
  handlers: EngineHandlers,
): (() => void)[] {
  const cleanups: (() => void)[] = [];
  const on = (target: EventTarget, type: string, listener: (event: Event) => void) => {
    target.addEventListener(type, listener);
    cleanups.push(() => target.removeEventListener(type, listener));
  };
  const detail = <T>(event: Event) => (event as CustomEvent<T>).detail;
  on(element, core.Enums.Events.IMAGE_RENDERED, () => handlers.rendered());
  on(element, core.Enums.Events.STACK_NEW_IMAGE, (e) =>
    handlers.newImage(detail<{ imageIdIndex: number }>(e).imageIdIndex),
  );
  on(element, core.Enums.Events.VOI_MODIFIED, (e) => handlers.voiModified(detail<{ range: Types.VOIRange }>(e).range));
  const events = tools.Enums.Events;
  const changes = [
    [events.ANNOTATION_COMPLETED, 'added'],
    [events.ANNOTATION_MODIFIED, 'modified'],
    [events.ANNOTATION_REMOVED, 'removed'],
  ] as const;
  for (const [type, change] of changes)
    on(core.eventTarget, type, (e) => handlers.annotation(change, detail<{ annotation: Annotation }>(e).annotation));
  return cleanups;
}
