import { expect } from '@open-wc/testing';
import { newestFirst, type Study } from '@telerad/core';
import fc from 'fast-check';

/** Studies as toStudy maps them: ISO dates and times, either possibly missing. */
const study = fc.record(
  {
    studyInstanceUID: fc.stringMatching(/^1\.2\.[0-9]{1,3}$/),
    studyDate: fc.constantFrom('2025-12-31', '2026-01-01', '2026-01-02', '2026-12-01'),
    studyTime: fc.constantFrom('00:00:00', '08:00:00', '23:59:59'),
  },
  { requiredKeys: ['studyInstanceUID'] },
).map((s) => ({ modalities: [], ...s }) as Study);

const sign = (n: number) => Math.sign(n) || 0;

describe('newestFirst: the one order of studies (worklist ties, merged facilities, priors, launches)', () => {
  it('is a total order: antisymmetric, equal only for the same study, transitive', () => {
    fc.assert(
      fc.property(study, study, study, (a, b, c) => {
        expect(sign(newestFirst(a, b))).to.equal(-sign(newestFirst(b, a)));
        const same = a.studyInstanceUID === b.studyInstanceUID && a.studyDate === b.studyDate && a.studyTime === b.studyTime;
        if (newestFirst(a, b) === 0) expect(same || (a.studyInstanceUID === b.studyInstanceUID && !a.studyDate && !b.studyDate)).to.equal(true);
        if (newestFirst(a, b) <= 0 && newestFirst(b, c) <= 0) expect(newestFirst(a, c)).to.be.at.most(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts by date, then time, newest first; a study without a time after the timed ones of its day, one without a date last', () => {
    fc.assert(
      fc.property(fc.array(study, { maxLength: 20 }), (studies) => {
        const sorted = [...studies].sort(newestFirst);
        for (let i = 1; i < sorted.length; i++) {
          const [newer, older] = [sorted[i - 1], sorted[i]];
          if (!older.studyDate) continue;
          expect(newer.studyDate, 'a dated study before every undated one').to.not.equal(undefined);
          expect(newer.studyDate! >= older.studyDate).to.equal(true);
          if (newer.studyDate !== older.studyDate) continue;
          if (newer.studyTime && older.studyTime) expect(newer.studyTime >= older.studyTime).to.equal(true);
          else expect(older.studyTime === undefined || newer.studyTime !== undefined, 'untimed after timed').to.equal(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('chooses a dated prior over an undated one, and breaks a tie by UID', () => {
    const s = (uid: string, studyDate?: string, studyTime?: string) => ({ studyInstanceUID: uid, studyDate, studyTime, modalities: [] }) as Study;
    expect([s('1.2.3'), s('1.2.4', '2024-03-01')].sort(newestFirst).map((x) => x.studyInstanceUID)).to.deep.equal(['1.2.4', '1.2.3']);
    expect([s('1.2.9', '2024-03-01', '10:00:00'), s('1.2.5', '2024-03-01', '10:00:00')].sort(newestFirst).map((x) => x.studyInstanceUID)).to.deep.equal(['1.2.5', '1.2.9']);
    expect([s('1.2.1', '2024-03-01'), s('1.2.2', '2024-03-01', '00:00:00')].sort(newestFirst).map((x) => x.studyInstanceUID)).to.deep.equal(['1.2.2', '1.2.1']);
  });
});
