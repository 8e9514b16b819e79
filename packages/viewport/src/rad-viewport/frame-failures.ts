// Which images of a stack failed to load, and why: each image's failure as first reported (the
// file's fault unless it says otherwise), reported once, forgotten when the image draws after all.
import { DicomWebError, fileFault, type ViewerError } from '@telerad/core';

export class FrameFailures {
  /** Images (by index) whose last load failed. */
  readonly #failed = new Set<number>();
  /** Each failed image's failure as first reported (an image that failed at once fails its series with it). */
  readonly #first = new Map<number, DicomWebError | ViewerError>();
  readonly #report: (index: number, failure: DicomWebError | ViewerError, first: boolean) => void;

  constructor(report: (index: number, failure: DicomWebError | ViewerError, first: boolean) => void) {
    this.#report = report;
  }

  has(index: number): boolean {
    return this.#failed.has(index);
  }

  /** A new stack: nothing has failed. */
  clear(): void {
    this.#failed.clear();
    this.#first.clear();
  }

  /** Image `index` drew after all (a retry that worked). */
  drawn(index: number): void {
    this.#failed.delete(index);
  }

  /** Image `index` (of `imageId`) failed with `error`: reported, the first time as new. */
  mark(index: number, imageId: string, error: unknown): void {
    const first = !this.#first.has(index);
    // A file that cannot be parsed or decoded is the file's fault, not the archive's (Cornerstone's
    // own loaders reject with { error }).
    const cause = error instanceof Error ? error : ((error as { error?: unknown } | undefined)?.error ?? error);
    const failure = fileFault(cause, imageId);
    this.#failed.add(index);
    if (first) this.#first.set(index, failure);
    this.#report(index, failure, first);
  }

  /**
   * Why image `index` was not drawn: its load's failure (asked again through `load` where the
   * engine kept it to itself), else unsupported.
   */
  async whyNotShown(index: number, imageId: string | undefined, load: (imageId: string) => Promise<unknown>) {
    const known = this.#first.get(index);
    if (known || !imageId) return known ?? new DicomWebError('unsupported', 0, '', 'no image');
    const failure: unknown = await load(imageId).then(
      () => undefined,
      (error: unknown) => error ?? new Error('the image did not load'),
    );
    if (failure === undefined) return new DicomWebError('unsupported', 0, imageId, 'the image could not be drawn');
    this.mark(index, imageId, failure);
    return this.#first.get(index) as DicomWebError | ViewerError;
  }
}

/**
 * Resolves when the image at `index` is next drawn (`event` on `element`), or after a second (a
 * scroll that moved on, a lost frame); `cancel` resolves it at once.
 */
export function nextDrawing(
  element: HTMLElement | undefined,
  event: string | undefined,
  isShown: () => boolean,
): { promise: Promise<void>; cancel(): void } {
  let cancel = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    if (!element || !event) return resolve();
    const timer = setTimeout(() => cancel(), 1_000);
    const onRendered = () => {
      if (isShown()) cancel();
    };
    cancel = () => {
      clearTimeout(timer);
      element.removeEventListener(event, onRendered);
      resolve();
    };
    element.addEventListener(event, onRendered);
  });
  return { promise, cancel: () => cancel() };
}
