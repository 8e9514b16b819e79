import { DicomWebError, type DicomWebService, type Series, type Study } from '@telerad/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type SeriesState =
  | { status: 'loading'; controller: AbortController }
  | { status: 'done'; series: Series[] }
  | { status: 'error'; error: unknown };

/**
 * The series of expanded studies: fetched on expand (QIDO-RS), aborted on collapse or disconnect,
 * kept while expanded.
 */
export class SeriesLoader implements ReactiveController {
  readonly #states = new Map<string, SeriesState>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly service: () => Pick<DicomWebService, 'searchSeries'> | undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const uid of [...this.#states.keys()]) this.collapse(uid);
  }

  isExpanded(studyUid: string): boolean {
    return this.#states.has(studyUid);
  }

  state(studyUid: string): SeriesState | undefined {
    return this.#states.get(studyUid);
  }

  /** The series of an expanded study, once loaded. */
  get(studyUid: string): Series[] | undefined {
    const state = this.#states.get(studyUid);
    return state?.status === 'done' ? state.series : undefined;
  }

  toggle(study: Study): void {
    if (this.isExpanded(study.studyInstanceUID)) this.collapse(study.studyInstanceUID);
    else this.expand(study);
  }

  expand(study: Study): void {
    const uid = study.studyInstanceUID;
    const service = this.service();
    if (this.#states.has(uid)) return;
    const controller = new AbortController();
    this.#states.set(uid, { status: 'loading', controller });
    this.host.requestUpdate();
    if (!service) {
      this.#settle(uid, { status: 'error', error: new DicomWebError('not-configured', 0, '') });
      return;
    }
    service.searchSeries(uid, { signal: controller.signal }).then(
      (series) =>
        this.#settle(uid, {
          status: 'done',
          series: series.sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0)),
        }),
      (error: unknown) => this.#settle(uid, { status: 'error', error }),
    );
  }

  collapse(studyUid: string): void {
    const state = this.#states.get(studyUid);
    if (state?.status === 'loading') state.controller.abort();
    this.#states.delete(studyUid);
    this.host.requestUpdate();
  }

  /** Records an outcome unless the study was collapsed meanwhile. */
  #settle(studyUid: string, state: SeriesState): void {
    if (this.#states.get(studyUid)?.status !== 'loading') return;
    this.#states.set(studyUid, state);
    this.host.requestUpdate();
  }
}
