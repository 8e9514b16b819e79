// What the worklist fetches, as @lit/task tasks that rerun when their inputs change: the page of
// studies, the SR documents behind their read status, and the priors of the selected study.
import { Task, TaskStatus } from '@lit/task';
import { DicomWebError, type DicomWebService, type Page, type ReportDocument, type Study } from '@telerad/core';
import type { ReactiveControllerHost } from 'lit';
import { searchFacilitiesPage, type PageSearch } from './facility-pages.js';
import { sortRows, STUDY_COLUMNS, type CellContext, type SortDirection, type StudyColumn } from './columns.js';
import { toStudyQuery, type WorklistQuery } from './worklist-query.js';
import { toWorklistRow, type WorklistProviders, type WorklistRow } from './worklist-row.js';

/** What the study browser needs of a DICOMweb service (a `DicomWebService` or any stand-in). */
export type StudySearchService = Pick<
  DicomWebService,
  | 'searchStudies'
  | 'searchStudiesPage'
  | 'searchSeries'
  | 'searchReportDocuments'
  | 'searchInstances'
  | 'retrieveRenderedInstance'
>;

/** What the worklist's data depends on, read from the element. */
export interface WorklistInputs {
  service(): StudySearchService | undefined;
  query(): WorklistQuery;
  offset(): number;
  pageSize(): number;
  /** The host's facilities: all of them are searched for `query.myFacilities`. */
  facilities(): readonly string[];
  providers(): WorklistProviders;
  /** The selected study, whose priors are listed. */
  selected(): Study | undefined;
  cellContext(): CellContext;
  /** Runs an archive request, asking the host for a fresh token once on 401. */
  request<T>(operation: string, call: () => Promise<T>): Promise<T>;
  failed(error: unknown, operation: string): void;
}

export class WorklistData {
  readonly page: Task<
    readonly [StudySearchService | undefined, WorklistQuery, number, number, readonly string[]],
    Page<Study>
  >;
  /** SR documents of the studies on the page, for their read status (unless the host provides it). */
  readonly documents: Task<
    readonly [StudySearchService | undefined, Page<Study> | undefined, boolean],
    Map<string, ReportDocument[]> | undefined
  >;
  readonly priors: Task<readonly [StudySearchService | undefined, Study | undefined], Study[]>;
  #inputs: WorklistInputs;

  constructor(host: ReactiveControllerHost, inputs: WorklistInputs) {
    this.#inputs = inputs;
    const failed = (operation: string) => (error: unknown) => {
      if (!(error instanceof DicomWebError && error.kind === 'aborted')) inputs.failed(error, operation);
    };
    this.page = new Task(host, {
      task: ([service, query, offset, limit, facilities], { signal }) =>
        this.#searchPage(service, query, { offset, limit }, facilities, signal),
      args: () => [inputs.service(), inputs.query(), inputs.offset(), inputs.pageSize(), inputs.facilities()] as const,
      onError: failed('search-studies'),
    });
    this.documents = new Task(host, {
      task: ([service, page, hostProvides], { signal }) => this.#documentsOf(service, page, hostProvides, signal),
      args: () => [inputs.service(), this.page.value, Boolean(inputs.providers().readStatus)] as const,
      onError: failed('read-status'),
    });
    this.priors = new Task(host, {
      task: ([service, study], { signal }) => this.#priorsOf(service, study, signal),
      args: () => [inputs.service(), inputs.selected()] as const,
      onError: failed('search-priors'),
    });
  }

  /** The page's studies as rows, sorted; read status unknown while the page's documents load. */
  rows(page: Page<Study>, sortBy: StudyColumn, direction: SortDirection): WorklistRow[] {
    const providers = this.#inputs.providers();
    // While the documents of a new page load, the previous page's are stale: status unknown.
    const documents = this.documents.status === TaskStatus.COMPLETE ? this.documents.value : undefined;
    const statusKnown = Boolean(documents) || Boolean(providers.readStatus);
    const rows = page.items.map((study) => {
      const row = toWorklistRow(study, documents?.get(study.studyInstanceUID) ?? [], providers);
      return statusKnown ? row : { ...row, readStatus: undefined };
    });
    return sortRows(rows, sortBy, direction, this.#inputs.cellContext());
  }

  async #searchPage(
    service: StudySearchService | undefined,
    query: WorklistQuery,
    page: { offset: number; limit: number },
    facilities: readonly string[],
    signal: AbortSignal,
  ): Promise<Page<Study>> {
    if (!service) throw new DicomWebError('not-configured', 0, '');
    const studyQuery = toStudyQuery(query, this.#inputs.cellContext().now);
    const search: PageSearch = (q, p) =>
      this.#inputs.request('search-studies', () => service.searchStudiesPage(q, p, { signal }));
    return query.myFacilities && facilities.length
      ? searchFacilitiesPage(search, studyQuery, facilities, page)
      : search(studyQuery, page);
  }

  async #documentsOf(
    service: StudySearchService | undefined,
    page: Page<Study> | undefined,
    hostProvidesStatus: boolean,
    signal: AbortSignal,
  ) {
    const byStudy = new Map<string, ReportDocument[]>();
    if (!service || !page || hostProvidesStatus) return hostProvidesStatus ? byStudy : undefined;
    const uids = page.items.map((s) => s.studyInstanceUID);
    const documents = await this.#inputs.request('read-status', () => service.searchReportDocuments(uids, { signal }));
    for (const document of documents)
      byStudy.set(document.studyInstanceUID, [...(byStudy.get(document.studyInstanceUID) ?? []), document]);
    return byStudy;
  }

  /** The patient's other studies (same issuer), newest first. */
  async #priorsOf(service: StudySearchService | undefined, study: Study | undefined, signal: AbortSignal) {
    if (!service || !study?.patientId) return [];
    const { patientId, issuerOfPatientId } = study;
    const found = await this.#inputs.request('search-priors', () =>
      service.searchStudies({ patientId, issuerOfPatientId }, { signal }),
    );
    const others = found.filter(
      (s) => s.studyInstanceUID !== study.studyInstanceUID && s.issuerOfPatientId === issuerOfPatientId,
    );
    const rows = others.map((s) => toWorklistRow(s, [], this.#inputs.providers()));
    return sortRows(rows, STUDY_COLUMNS.studyDateTime, 'descending', this.#inputs.cellContext()).map((r) => r.study);
  }
}
