// One simulated reader of the load run (issue 19), in Node, with the project's own code from the
// packages' builds: core's DicomWebService, the report panel's signing controller (its checks for
// another reader's report before and after storing, its retry with the same UIDs) and the
// viewport's series retrieval. Only the clicking is simulated: what is asked of the archive, in
// which order, and what is stored are the elements' own.
import { DicomWebError, DicomWebService, readStatusOf } from '../../packages/core/dist/index.js';
import { loadReportHistory, loadStudyContext } from '../../packages/report-panel/dist/rad-report-panel/report-archive.js';
import { latestReport } from '../../packages/report-panel/dist/rad-report-panel/report-model.js';
import {
  addendumDocument,
  ReportSigning,
  signedDraftDocument,
} from '../../packages/report-panel/dist/rad-report-panel/report-signing.js';
import { SeriesRetrieval } from '../../packages/viewport/dist/rad-viewport/series-retrieve.js';

const WORKLIST_PAGE = 50;
/** A worklist shows recent studies: the date narrows the archive's search before the facility does. */
const RECENT_DAYS = 30;
/** Times a user clicks Retry after a failed store before giving up (the draft would be kept). */
const RETRIES = 2;

/** The kind of a failure, for the error counts: the DicomWebError kind, or the error's name. */
export const errorKind = (error) => (error instanceof DicomWebError ? error.kind : (error?.name ?? 'unknown'));

/** A draft as a reader writes it: every section filled, nothing critical. */
const draftOf = (reader, n) => ({
  templateId: 'load',
  sections: {
    clinical: 'Load run.',
    technique: 'As acquired.',
    comparison: 'None.',
    findings: `Reading ${n} by ${reader.id}.`,
    impression: 'No acute abnormality.',
  },
  critical: false,
  references: [],
});

/** A Lit host in name only: the signing controller asks it for updates, which nobody renders. */
const HEADLESS = { addController() {}, requestUpdate() {} };

export class NodeReader {
  #service;
  #reader;
  #options;
  #count = 0;

  /**
   * @param {{ dicomWebUrl: string, reader: { name: string, id: string }, queue: string[],
   *   facilities: string[], rnd: () => number, beatMs: number, figures: import('./load-figures.mjs').LoadFigures }} options
   */
  constructor(options) {
    this.#options = options;
    this.#reader = options.reader;
    this.#service = new DicomWebService({ url: options.dicomWebUrl, timeoutMs: 30_000 });
  }

  /** Readings one after another until `deadline` (ms since the epoch). */
  async run(deadline) {
    while (Date.now() < deadline) {
      try {
        await this.#reading();
      } catch (error) {
        this.#options.figures.error(errorKind(error));
      }
    }
  }

  /** Looks at a facility's worklist page, opens a queued study, reads it, and signs what it needs. */
  async #reading() {
    const { figures, queue, rnd } = this.#options;
    await figures.timed('worklistPage', () => this.#worklistPage());
    const studyUid = queue[Math.floor(rnd() * queue.length)];
    const [context, history] = await figures.timed('studyOpen', () =>
      Promise.all([loadStudyContext(this.#service, studyUid), loadReportHistory(this.#service, studyUid)]),
    );
    await figures.timed('seriesOpen', () => this.#openSeries(studyUid, context));
    // Readers sign on a shared beat: those on one study sign at the same moment.
    const { beatMs } = this.#options;
    await new Promise((resolve) => setTimeout(resolve, beatMs - (Date.now() % beatMs) + rnd() * 5));
    await this.#sign(studyUid, context, history);
  }

  /** A page of one facility's worklist of the last 30 days, with its read status (the worklist's requests). */
  async #worklistPage() {
    const { facilities, rnd } = this.#options;
    const institution = facilities[Math.floor(rnd() * facilities.length)];
    const from = new Date(Date.now() - RECENT_DAYS * 86_400_000).toISOString().slice(0, 10);
    const query = { institution, studyDate: { from } };
    const page = await this.#service.searchStudiesPage(query, { limit: WORKLIST_PAGE });
    const documents = await this.#service.searchReportDocuments(page.items.map((s) => s.studyInstanceUID));
    return page.items.map((s) => readStatusOf(documents.filter((d) => d.studyInstanceUID === s.studyInstanceUID)));
  }

  /** The study's first image series, retrieved whole as the viewport does; all its instances must come. */
  async #openSeries(studyUid, context) {
    const seriesUid = context.evidence[0].seriesInstanceUID;
    const expected = context.evidence.filter((e) => e.seriesInstanceUID === seriesUid).length;
    const seriesUrl = this.#service.urlOf({ studyInstanceUID: studyUid, seriesInstanceUID: seriesUid });
    const location = { seriesUrl, serverUrl: this.#service.url };
    const retrieval = new SeriesRetrieval(location, this.#service, AbortSignal.timeout(30_000));
    let received = 0;
    for await (const part of retrieval.instances()) received += part.length > 0 ? 1 : 0;
    if (received !== expected) throw new DicomWebError('bad-response', 200, seriesUrl, `${received} of ${expected}`);
  }

  /** Signs what the study needs next, through the panel's signing controller; records the outcome. */
  async #sign(studyUid, context, history) {
    const { figures, rnd } = this.#options;
    const latest = latestReport(history.reports);
    const n = ++this.#count;
    let operation;
    let build;
    if (!latest || latest.status === 'preliminary') {
      const status = latest || rnd() < 0.3 ? 'final' : 'preliminary';
      operation = `sign-${status}`;
      build = signedDraftDocument(status, draftOf(this.#reader, n), this.#reader, latest);
    } else if (rnd() < 0.3) {
      operation = 'sign-addendum';
      build = addendumDocument(latest, `Addendum ${n} by ${this.#reader.id}.`, this.#reader);
    } else return figures.count('nothingToSign');
    const outcome = { failure: undefined, announced: undefined };
    const signing = this.#signing(studyUid, context, outcome);
    signing.seen(history);
    const seen = history.reports.map((r) => r.sopInstanceUID);
    const started = performance.now();
    // An addendum is signed without the check before storing, as in the panel.
    await signing.store(operation, operation === 'sign-addendum', build);
    for (let retry = 0; outcome.failure && signing.pending && retry < RETRIES; retry++) {
      figures.error(errorKind(outcome.failure));
      outcome.failure = undefined;
      await signing.retry();
    }
    if (signing.conflict) return figures.stoppedBeforeStoring(studyUid, signing.conflict.sopInstanceUID);
    if (outcome.failure) return figures.error(errorKind(outcome.failure));
    figures.sample('sign', performance.now() - started);
    if (outcome.announced) figures.signed({ ...outcome.announced, reader: this.#reader.id, seen });
  }

  /** The panel's signing controller on this reader's service, with what the panel would do around it. */
  #signing(studyUid, context, outcome) {
    const service = this.#service;
    return new ReportSigning(HEADLESS, {
      service: () => service,
      context: () => context,
      studyUid: () => studyUid,
      request: (_operation, call) => call(),
      sending: () => {},
      failed: (error) => (outcome.failure = error),
      stored: () => loadReportHistory(service, studyUid).catch((error) => void (outcome.failure = error)),
      announce: (detail) => (outcome.announced = detail),
    });
  }
}
