import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FrameSource, LoadedFrame } from './frame-loader.js';
import type { StackFrame } from './series-stack.js';

interface Entry {
  frame: StackFrame;
  /** How to fetch it (frames of ours); host image ids bring their own loader. */
  source?: FrameSource;
  /** Viewports (leases) that show it. */
  users: number;
  /** Its bytes, fetched by other means (a series retrieved at once, the first image fetched early). */
  delivered?: Promise<LoadedFrame | undefined>;
  /** Settles `delivered` while a retrieval of its series is under way (see `expect`). */
  arrive?: (frame: LoadedFrame | undefined) => void;
}

/** One viewport's hold on the frames of its series; released when it shows another or disconnects. */
export interface FrameLease {
  release(): void;
}

/**
 * The frames the page's viewports show, and everything kept about them (how to fetch them, their
 * attributes, bytes delivered ahead): one owner for the page, counting its users. Two viewports of
 * one series share entries; the last one to let go of a frame forgets it, and listeners drop what
 * Cornerstone keeps of it (patient attributes included).
 */
class FrameRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #forgetListeners = new Set<(imageIds: readonly string[]) => void>();

  /**
   * Holds `frames` until the lease is released. A frame held again takes its newest source (a
   * series reloaded with a new token provider fetches with it).
   */
  hold(frames: readonly StackFrame[], sources: ReadonlyMap<string, FrameSource> = new Map()): FrameLease {
    const imageIds = [...new Set(frames.map((f) => f.imageId))];
    const held = new Set<Entry>();
    for (const frame of frames) {
      const entry = this.#entries.get(frame.imageId) ?? { frame, users: 0 };
      entry.frame = frame;
      entry.source = sources.get(frame.imageId) ?? entry.source;
      this.#entries.set(frame.imageId, entry);
      held.add(entry);
    }
    // Once per lease, however often a frame appears in it.
    for (const entry of held) entry.users++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#release(imageIds);
      },
    };
  }

  #release(imageIds: readonly string[]): void {
    const forgotten = imageIds.filter((id) => {
      const entry = this.#entries.get(id);
      if (!entry || --entry.users > 0) return false;
      this.#entries.delete(id);
      return true;
    });
    if (forgotten.length) for (const listener of this.#forgetListeners) listener(forgotten);
  }

  /** Whether a viewport shows the frame. */
  has(imageId: string): boolean {
    return this.#entries.has(imageId);
  }

  /** The frame as loaded (attributes, SUV factor), while shown. */
  frame(imageId: string): StackFrame | undefined {
    return this.#entries.get(imageId)?.frame;
  }

  /** How a frame of ours is fetched (credentials, timeout, Accept), while shown. */
  source(imageId: string): FrameSource | undefined {
    return this.#entries.get(imageId)?.source;
  }

  /** Hands the loader a frame's bytes that arrive by other means; ignored for frames no longer shown. */
  deliver(imageId: string, arriving: Promise<LoadedFrame | undefined>): void {
    const entry = this.#entries.get(imageId);
    if (!entry) return;
    const { arrive } = entry;
    if (arrive) {
      entry.arrive = undefined;
      void arriving.then(arrive, () => arrive(undefined));
      // Expected and already taken: the loader waiting gets the bytes through `arrive`.
      if (!entry.delivered) return;
    }
    entry.delivered = arriving;
  }

  /**
   * Frames a retrieval of their series is bringing: a loader asking for one waits for its bytes (a
   * volume built while the series arrives does not ask the archive for each frame again). Returns
   * the end of the wait: frames that did not arrive are then fetched on their own.
   */
  expect(imageIds: readonly string[]): () => void {
    const waiting = new Map<Entry, { promise: Promise<LoadedFrame | undefined>; resolve: Entry['arrive'] }>();
    for (const imageId of imageIds) {
      const entry = this.#entries.get(imageId);
      if (!entry || entry.delivered || entry.arrive) continue;
      let resolve: Entry['arrive'];
      const promise = new Promise<LoadedFrame | undefined>((settle) => (resolve = settle));
      [entry.delivered, entry.arrive] = [promise, resolve];
      waiting.set(entry, { promise, resolve });
    }
    return () => {
      for (const [entry, { promise, resolve }] of waiting) {
        if (entry.arrive !== resolve) continue;
        entry.arrive = undefined;
        if (entry.delivered === promise) entry.delivered = undefined;
        resolve?.(undefined);
      }
    };
  }

  /** Whether a loader waits for the frame's bytes from a retrieval (see `expect`). */
  awaits(imageId: string): boolean {
    return Boolean(this.#entries.get(imageId)?.arrive);
  }

  /** The bytes delivered for a frame, taken once. */
  takeDelivered(imageId: string): Promise<LoadedFrame | undefined> | undefined {
    const entry = this.#entries.get(imageId);
    const delivered = entry?.delivered;
    if (entry) entry.delivered = undefined;
    return delivered;
  }

  /** Calls `listener` with the frames no viewport shows any more; returns the unsubscribe. */
  whenForgotten(listener: (imageIds: readonly string[]) => void): () => void {
    this.#forgetListeners.add(listener);
    return () => this.#forgetListeners.delete(listener);
  }
}

export const frameRegistry = new FrameRegistry();

/**
 * An element's hold on the frames it shows. A new series is held as soon as it is known (its first
 * frame is fetched ahead) and the last one let go of only once the viewport shows the new one: the
 * image still shown may be drawn again meanwhile (a resize), and needs its metadata. All go on
 * disconnect.
 */
export class HeldFrames implements ReactiveController {
  #leases: FrameLease[] = [];

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Holds a series' frames (the element holds none while out of the page: a load finishing late stops first). */
  hold(frames: readonly StackFrame[], sources?: ReadonlyMap<string, FrameSource>): FrameLease {
    const lease = frameRegistry.hold(frames, sources);
    this.#leases.push(lease);
    return lease;
  }

  /** The viewport shows `lease`'s frames now: every other series held is let go of. */
  keepOnly(lease: FrameLease): void {
    for (const other of this.#leases) if (other !== lease) other.release();
    this.#leases = this.#leases.includes(lease) ? [lease] : [];
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    for (const lease of this.#leases.splice(0)) lease.release();
  }
}
