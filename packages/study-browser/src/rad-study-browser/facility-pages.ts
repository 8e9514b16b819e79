// "All my facilities": one worklist over the facilities of a reader's contracts. QIDO-RS matches
// one Institution Name per search (list matching is defined for UIDs only), so each facility is
// searched by the archive and the answers merged, newest first. The merge takes what it needs of
// each answer's order, at most offset + limit studies of each: a page asked again is the same
// page, and paging visits each study once.
import { newestFirst, type Page, type PageRequest, type Study, type StudyQuery } from '@telerad/core';

/** A server-paged study search (`DicomWebService.searchStudiesPage`, with the caller's options). */
export type PageSearch = (query: StudyQuery, page: PageRequest) => Promise<Page<Study>>;

/**
 * Up to `count` studies of `lists`, each step taking the newest of the lists' next studies; a study
 * in two lists (one facility's name a prefix of another's) is taken once.
 */
export function mergeNewestFirst(lists: readonly (readonly Study[])[], count: number): Study[] {
  const next = lists.map(() => 0);
  const taken = new Set<string>();
  const merged: Study[] = [];
  while (merged.length < count) {
    let pick = -1;
    lists.forEach((list, i) => {
      const head = list[next[i]];
      if (head && (pick < 0 || newestFirst(head, lists[pick][next[pick]]) < 0)) pick = i;
    });
    if (pick < 0) break;
    const study = lists[pick][next[pick]++];
    if (!taken.has(study.studyInstanceUID)) merged.push(study);
    taken.add(study.studyInstanceUID);
  }
  return merged;
}

/** A page of the studies of all `facilities` that match `query`, each facility matched by the archive. */
export async function searchFacilitiesPage(
  search: PageSearch,
  query: StudyQuery,
  facilities: readonly string[],
  { limit, offset = 0 }: PageRequest,
): Promise<Page<Study>> {
  const wanted = offset + limit;
  const answers = await Promise.all(
    facilities.map((institution) => search({ ...query, institution }, { limit: wanted, offset: 0 })),
  );
  const merged = mergeNewestFirst(
    answers.map((answer) => answer.items),
    wanted + 1,
  );
  return {
    items: merged.slice(offset, wanted),
    offset,
    hasMore: merged.length > wanted || answers.some((answer) => answer.hasMore),
  };
}
