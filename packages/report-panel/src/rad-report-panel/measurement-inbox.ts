import { MEASUREMENT_EVENTS, type MeasurementDetail } from '@telerad/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReportMeasurement } from './report-model.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The measurements viewports announce to one report panel: from its own tree (the enclosing
 * viewer's shadow root, or the page when it stands alone) or from the source the host names, and
 * only those of the panel's study. A measurement drawn on a prior, or in another viewer on the
 * page, never reaches the draft.
 */
export class MeasurementInbox implements ReactiveController {
  readonly #host: Host;
  readonly #source: () => EventTarget | undefined;
  readonly #studyUid: () => string;
  readonly #received = new Map<string, ReportMeasurement & { id: string }>();
  #listeningOn?: EventTarget;

  constructor(host: Host, source: () => EventTarget | undefined, studyUid: () => string) {
    this.#host = host;
    this.#source = source;
    this.#studyUid = studyUid;
    host.addController(this);
  }

  /** The study's measurements received, in the order they were first announced. */
  get measurements(): (ReportMeasurement & { id: string })[] {
    return [...this.#received.values()].filter((m) => m.studyInstanceUID === this.#studyUid());
  }

  hostConnected(): void {
    this.#listen();
  }

  /** A new source (the host set `measurementSource`) is listened to from the next update on. */
  hostUpdated(): void {
    if (this.#host.isConnected && this.#wanted() !== this.#listeningOn) this.#listen();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #wanted(): EventTarget {
    return this.#source() ?? this.#host.getRootNode();
  }

  #listen(): void {
    this.#stop();
    this.#listeningOn = this.#wanted();
    for (const type of MEASUREMENT_EVENTS) this.#listeningOn.addEventListener(type, this.#onMeasurement);
  }

  #stop(): void {
    for (const type of MEASUREMENT_EVENTS) this.#listeningOn?.removeEventListener(type, this.#onMeasurement);
    this.#listeningOn = undefined;
  }

  #onMeasurement = (event: Event): void => {
    const { measurement } = (event as CustomEvent<MeasurementDetail>).detail;
    if (measurement.studyInstanceUID !== this.#studyUid()) return;
    if (event.type === 'rad-measurement-removed') this.#received.delete(measurement.id);
    else this.#received.set(measurement.id, measurement);
    this.#host.requestUpdate();
  };
}
