// Opening a study as a @lit/task-driven controller: one opening at a time (a second aborts the
// first, its requests and whatever it would have shown), the study's image series in order, and
// the patient's most recent prior for comparison.
import { Task } from '@lit/task';
import { DicomWebError, holdsImages, newestFirst, type DicomWebService, type Series, type Study } from '@telerad/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the opening needs from the viewer. */
export interface OpeningPort {
  archive(): DicomWebService | undefined;
  /** Runs an archive request, asking the host for a fresh token once on 401. */
  request<T>(operation: string, call: () => Promise<T>): Promise<T>;
  /** The study is open: the viewer lays out its series. */
  opened(study: Study, series: Series[]): void;
  /** The opening failed (never for one superseded by a later opening). */
  failed(error: unknown): void;
}

/** A run superseded (its signal aborted) or a request it aborted: not a failure to show. */
const isAbort = (error: unknown) =>
  (error instanceof DicomWebError && error.kind === 'aborted') ||
  (error instanceof DOMException && error.name === 'AbortError');

/** The series of a study that hold images, by series number. */
export async function imageSeriesOf(service: DicomWebService, studyInstanceUID: string, signal?: AbortSignal) {
  const series = (await service.searchSeries(studyInstanceUID, signal ? { signal } : {})).filter((s) =>
    holdsImages(s.modality),
  );
  return series.sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0));
}

export class StudyOpening implements ReactiveController {
  /** The study open, if any. */
  study?: Study;
  /** Its image series, by series number. */
  series: Series[] = [];
  /** The patient's most recent study before this one, once found. */
  prior?: Study;

  #host: ReactiveControllerHost;
  #port: OpeningPort;
  #task: Task<[string, Study | undefined], void>;

  constructor(host: ReactiveControllerHost, port: OpeningPort) {
    this.#host = host;
    this.#port = port;
    host.addController(this);
    this.#task = new Task(host, {
      autoRun: false,
      task: ([uid, known], { signal }) => this.#open(uid, known, signal),
      onError: (error) => {
        if (!isAbort(error)) this.#port.failed(error);
      },
    });
  }

  hostConnected(): void {}

  /**
   * Opens a study; `known`: its QIDO-RS attributes when the caller has them (a worklist row), so it
   * is not searched for again. Never rejects: a failure goes to the port.
   */
  async open(studyInstanceUID: string, known?: Study): Promise<void> {
    await this.#task.run([studyInstanceUID, known?.studyInstanceUID === studyInstanceUID ? known : undefined]);
  }

  /** Closes the study: nothing open, no prior. */
  close(): void {
    this.study = undefined;
    this.series = [];
    this.prior = undefined;
    this.#host.requestUpdate();
  }

  async #open(studyInstanceUID: string, known: Study | undefined, signal: AbortSignal): Promise<void> {
    const service = this.#port.archive();
    if (!service) throw new DicomWebError('not-configured', 0, '');
    const find = () => service.searchStudies({ studyInstanceUIDs: [studyInstanceUID] }, { signal });
    const study = known ?? (await this.#port.request('open-study', find))[0];
    if (!study) throw new DicomWebError('not-found', 404, '', 'study not found');
    const series = await this.#port.request('open-study', () => imageSeriesOf(service, studyInstanceUID, signal));
    signal.throwIfAborted();
    this.study = study;
    this.series = series;
    this.prior = undefined;
    this.#port.opened(study, series);
    void this.#findPrior(service, study);
  }

  async #findPrior(service: DicomWebService, study: Study): Promise<void> {
    if (!study.patientId) return;
    const issuer = study.issuerOfPatientId ? { issuerOfPatientId: study.issuerOfPatientId } : {};
    try {
      const studies = await service.searchStudies({ patientId: study.patientId, ...issuer });
      // A study opened since has priors of its own.
      if (this.study !== study) return;
      const older = studies.filter(
        (s) => s.studyInstanceUID !== study.studyInstanceUID && `${s.studyDate}` <= `${study.studyDate}`,
      );
      this.prior = older.sort(newestFirst)[0];
    } catch {
      // Comparison is an aid: without priors the viewer works as before.
      this.prior = undefined;
    }
    this.#host.requestUpdate();
  }

  /** The prior's series to compare with one of `modality`: the same modality, else its first. */
  async priorSeries(modality: string | undefined): Promise<Series | undefined> {
    const service = this.#port.archive();
    if (!service || !this.prior) return undefined;
    const series = await imageSeriesOf(service, this.prior.studyInstanceUID);
    return series.find((s) => s.modality === modality) ?? series[0];
  }
}
