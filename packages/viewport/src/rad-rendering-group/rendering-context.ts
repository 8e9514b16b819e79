import { createContext } from '@lit/context';
import type { CornerstoneRuntime, EngineSource } from '../rad-viewport/cornerstone-runtime.js';
import { Crosshair } from './crosshair.js';
import { ViewSync } from './view-sync.js';

/**
 * A group of viewports drawing with one rendering engine of their own. Its engine is made when
 * the group's first viewport needs it (Cornerstone being loaded lazily) and released with the last.
 * Its reformats share a crosshair point.
 */
export class RenderingGroup {
  #source?: EngineSource;
  /** The point the group's reformats (with `crosshairs`) share. */
  readonly crosshair = new Crosshair();
  /** The window and zoom the group's reformats share, where it asks for that. */
  readonly sync = new ViewSync();

  sourceFor(runtime: CornerstoneRuntime): EngineSource {
    this.#source ??= runtime.createEngineSource();
    return this.#source;
  }
}

/** Provided by `<rad-rendering-group>`; viewports outside any group share the page's engine. */
export const renderingContext = createContext<RenderingGroup | undefined>(Symbol('telerad-rendering-group'));
