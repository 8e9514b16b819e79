import { LitElement } from 'lit';
import { asFailure, DicomWebError, failureSource, type FailureSource, type ViewerError } from '../dicomweb/errors.js';

/** `detail` of `rad-error`: the failure, safe to show and to log (no patient data). */
export interface RadErrorDetail {
  /**
   * The failure: a `DicomWebError` when the archive failed (HTTP status, kind) or sent what could
   * not be read, a `ViewerError` when the viewer itself did (its code, the engine, the layout).
   */
  error: DicomWebError | ViewerError;
  /** Whose failure it is: `archive` for a `DicomWebError`, `viewer` for a `ViewerError`. */
  source: FailureSource;
  /** What the element was doing, e.g. "search-studies". */
  operation: string;
  /** `<rad-report-panel>` only: the reader's text is still on screen (nothing typed is lost). */
  draftKept?: boolean;
}

/**
 * `detail` of `rad-auth-required`: a request was refused with 401. The host refreshes its token
 * (the token provider is asked again on retry) and may pass the refresh to `waitUntil`; the
 * element then retries once.
 */
export interface AuthRequiredDetail {
  operation: string;
  waitUntil(refresh: Promise<unknown>): void;
}

/**
 * Every `rad-*` event and the type of its `detail`: the one contract between the elements and
 * their hosts. Each package adds its elements' events to it (`declare module '@telerad/core'`);
 * `emit` takes only a name of this map with its detail, and `addEventListener` on any element or
 * the document knows the detail (`RadEvents`, in `GlobalEventHandlersEventMap`).
 */
export interface RadEventMap {
  'rad-error': RadErrorDetail;
  'rad-auth-required': AuthRequiredDetail;
}

/** The `rad-*` events as the DOM dispatches them. */
export type RadEvents = { [K in keyof RadEventMap]: CustomEvent<RadEventMap[K]> };

/** A `rad-*` event, bubbling out of shadow roots (composed), ready to dispatch. */
export function radEvent<K extends keyof RadEventMap>(
  type: K,
  detail: RadEventMap[K],
  options: { cancelable?: boolean } = {},
): RadEvents[K] {
  return new CustomEvent(type, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: options.cancelable ?? false,
  }) as RadEvents[K];
}

/** Base class of Telerad elements: typed, bubbling, composed `rad-*` events. */
export class RadElement extends LitElement {
  /** Dispatches a `rad-*` event of the event map with its detail; returns false if cancelled. */
  protected emit<K extends keyof RadEventMap>(
    type: K,
    detail: RadEventMap[K],
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(radEvent(type, detail, options));
  }

  /**
   * Runs `request`; on 401 fires `rad-auth-required`, waits for the host's refresh, and runs it
   * once more.
   */
  protected async withAuthRetry<T>(operation: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof DicomWebError && error.kind === 'unauthorized')) throw error;
      await this.askForFreshToken(operation);
      return request();
    }
  }

  /** Fires `rad-auth-required` and resolves once the refreshes the host passed to `waitUntil` have settled. */
  protected async askForFreshToken(operation: string): Promise<void> {
    const refreshes: Promise<unknown>[] = [];
    this.emit('rad-auth-required', { operation, waitUntil: (refresh) => void refreshes.push(refresh) });
    await Promise.allSettled(refreshes);
  }

  /**
   * Fires `rad-error` with the failure: a `DicomWebError` or `ViewerError` as it is, anything else
   * as data that could not be read (`bad-response`; a caller that knows the viewer failed passes a
   * `ViewerError`).
   */
  protected emitError(error: unknown, operation: string): DicomWebError | ViewerError {
    const failure = asFailure(error);
    this.emit('rad-error', { error: failure, operation, source: failureSource(failure) });
    return failure;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the map's events, merged into the DOM's
  interface GlobalEventHandlersEventMap extends RadEvents {}
}
