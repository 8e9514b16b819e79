import { expect } from '@open-wc/testing';
import type { Page, PageRequest, Study, StudyQuery } from '@telerad/core';
import fc from 'fast-check';
import { mergeNewestFirst, searchFacilitiesPage } from '../../packages/study-browser/src/rad-study-browser/facility-pages.js';

/** An archive of facilities, each answering its studies in its own (any) order, paged. */
function archive(facilities: Map<string, Study[]>) {
  const searched: StudyQuery[] = [];
  const search = async (query: StudyQuery, { limit, offset = 0 }: PageRequest): Promise<Page<Study>> => {
    searched.push(query);
    const all = facilities.get(query.institution ?? '') ?? [];
    return { items: all.slice(offset, offset + limit), offset, hasMore: offset + limit < all.length };
  };
  return { search, searched };
}

const study = fc.record({
  studyInstanceUID: fc.stringMatching(/^1\.2\.[0-9]{1,4}$/),
  studyDate: fc.constantFrom('20260101', '20260102', '20261201', undefined),
  studyTime: fc.constantFrom('080000', '235959', undefined),
});

const key = (s: Pick<Study, 'studyDate' | 'studyTime'>) => `${s.studyDate ?? ''} ${s.studyTime ?? ''}`;

describe('all my facilities: pages merged from one search per facility', () => {
  it('pages through every study of every facility once, each page what the merge gives, whatever the page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uniqueArray(study, { selector: (s) => s.studyInstanceUID, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 7 }),
        async (lists, limit) => {
          // A study belongs to one facility here (the first that lists it).
          const owner = new Map<string, number>();
          lists.forEach((list, i) => list.forEach((s) => owner.has(s.studyInstanceUID) || owner.set(s.studyInstanceUID, i)));
          const facilities = new Map(lists.map((list, i) => [`F${i}`, list.filter((s) => owner.get(s.studyInstanceUID) === i) as Study[]]));
          const { search, searched } = archive(facilities);
          const names = [...facilities.keys()];
          const visited: string[] = [];
          for (let offset = 0, more = true; more; offset += limit) {
            const page = await searchFacilitiesPage(search, { modalities: ['CT'] }, names, { limit, offset });
            visited.push(...page.items.map((s) => s.studyInstanceUID));
            more = page.hasMore;
          }
          expect([...visited].sort()).to.deep.equal([...owner.keys()].sort());
          expect(new Set(visited).size).to.equal(visited.length);
          expect(visited).to.deep.equal(mergeNewestFirst([...facilities.values()], visited.length).map((s) => s.studyInstanceUID));
          // Each facility is searched by the archive, with the rest of the query kept.
          expect(searched.every((q) => names.includes(q.institution!) && q.modalities?.[0] === 'CT')).to.equal(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes the newest of the answers’ next studies first, and a study listed by two facilities once', () => {
    const s = (uid: string, studyDate: string): Study => ({ studyInstanceUID: uid, studyDate }) as Study;
    const merged = mergeNewestFirst([[s('a', '20260105'), s('b', '20260101')], [s('c', '20260103'), s('a', '20260105')]], 10);
    expect(merged.map((m) => m.studyInstanceUID)).to.deep.equal(['a', 'c', 'b']);
    // Answers in date order give a page in date order.
    const sorted = mergeNewestFirst([[s('x', '20260109'), s('y', '20260102')], [s('z', '20260104')]], 3);
    expect(sorted.map(key)).to.deep.equal(['20260109 ', '20260104 ', '20260102 ']);
  });
});
