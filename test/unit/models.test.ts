import { expect } from '@open-wc/testing';
import {
  clientSideTextFilter,
  firstReportedAt,
  isFinalReport,
  readStatusOf,
  toReportDocument,
  type ReportDocument,
  formatPersonName,
  foldAccents,
  holdsImages,
  matchesWildcard,
  serverSafeWildcard,
  parseDicomDate,
  parseDicomTime,
  parsePersonName,
  studyQueryParams,
  toDicomDate,
  toSeries,
  toStudy,
  type DicomJsonDataset,
} from '@telerad/core';

const study: DicomJsonDataset = {
  '00080020': { vr: 'DA', Value: ['20261128'] },
  '00080030': { vr: 'TM', Value: ['231512.123'] },
  '00080050': { vr: 'SH', Value: ['ACC-1'] },
  '00080061': { vr: 'CS', Value: ['CT', 'PT'] },
  '00080090': { vr: 'PN', Value: [{ Alphabetic: 'Wells^Marcus^^Dr' }] },
  '00081030': { vr: 'LO', Value: ['CT ABDOMEN'] },
  '00100010': {
    vr: 'PN',
    Value: [{ Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' }],
  },
  '00100020': { vr: 'LO', Value: ['TR-1003'] },
  '00100021': { vr: 'LO', Value: ['TELERAD'] },
  '00100030': { vr: 'DA', Value: ['19711105'] },
  '00100040': { vr: 'CS', Value: ['M'] },
  '0020000D': { vr: 'UI', Value: ['1.2.3'] },
  '00201206': { vr: 'IS', Value: [2] },
  '00201208': { vr: 'IS', Value: ['141'] },
};

describe('DICOM JSON → models', () => {
  it('maps every study attribute once, with names, dates, times and counts parsed', () => {
    const s = toStudy(study);
    expect(s.studyInstanceUID).to.equal('1.2.3');
    expect(s.patientId).to.equal('TR-1003');
    expect(s.issuerOfPatientId).to.equal('TELERAD');
    expect(s.patientBirthDate).to.equal('1971-11-05');
    expect(s.studyDate).to.equal('2026-11-28');
    expect(s.studyTime).to.equal('23:15:12');
    expect(s.accessionNumber).to.equal('ACC-1');
    expect(s.modalities).to.deep.equal(['CT', 'PT']);
    expect(s.seriesCount).to.equal(2);
    expect(s.instanceCount).to.equal(141);
    expect(s.description).to.equal('CT ABDOMEN');
    expect(s.patientName?.alphabetic).to.deep.equal({
      family: 'Yamada',
      given: 'Tarou',
      middle: '',
      prefix: '',
      suffix: '',
    });
    expect(s.patientName?.ideographic?.family).to.equal('山田');
    expect(s.patientName?.phonetic?.given).to.equal('たろう');
    expect(s.referringPhysician?.alphabetic?.prefix).to.equal('Dr');
  });

  it('leaves absent and empty attributes undefined rather than inventing values', () => {
    const s = toStudy({
      '0020000D': { vr: 'UI', Value: ['9.9'] },
      '00100010': { vr: 'PN' },
      '00080050': { vr: 'SH', Value: [''] },
    });
    expect(s.patientName).to.equal(undefined);
    expect(s.accessionNumber).to.equal(undefined);
    expect(s.studyDate).to.equal(undefined);
    expect(s.modalities).to.deep.equal([]);
  });

  it('rejects a result without its UID', () => {
    expect(() => toStudy({ '00100020': { vr: 'LO', Value: ['x'] } })).to.throw(TypeError, '0020000D');
  });

  it('splits a backslash-joined ModalitiesInStudy and maps series', () => {
    expect(
      toStudy({ '0020000D': { vr: 'UI', Value: ['1'] }, '00080061': { vr: 'CS', Value: ['CT\\SR'] } }).modalities,
    ).to.deep.equal(['CT', 'SR']);
    const series = toSeries({
      '0020000D': { vr: 'UI', Value: ['1'] },
      '0020000E': { vr: 'UI', Value: ['1.1'] },
      '00080060': { vr: 'CS', Value: ['MR'] },
      '00200011': { vr: 'IS', Value: ['3'] },
      '00201209': { vr: 'IS', Value: [24] },
    });
    expect(series).to.include({ seriesInstanceUID: '1.1', modality: 'MR', seriesNumber: 3, instanceCount: 24 });
  });
});

describe('person names', () => {
  it('formats family, given and the ideographic group', () => {
    expect(formatPersonName(parsePersonName({ Alphabetic: 'Müller^Jürgen' }))).to.equal('Müller, Jürgen');
    expect(formatPersonName(parsePersonName({ Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎' }))).to.equal(
      'Yamada, Tarou (山田 太郎)',
    );
    expect(formatPersonName(parsePersonName({ Ideographic: '山田^太郎' }))).to.equal('山田 太郎');
    expect(formatPersonName(parsePersonName({ Alphabetic: 'Wells^Marcus^J^Dr^III' }))).to.equal(
      'Dr Wells, Marcus J III',
    );
  });

  it('treats an all-empty name as absent', () => {
    expect(parsePersonName({ Alphabetic: '^^^^' })).to.equal(undefined);
    expect(formatPersonName(undefined)).to.equal('');
  });

  it('accepts PN sent as a string with "=" separated groups', () => {
    expect(parsePersonName({ Alphabetic: 'A^B', Ideographic: 'C^D' })?.raw).to.equal('A^B=C^D');
  });
});

describe('dates and times', () => {
  it('parses DA in the current and the ACR-NEMA form and rejects nonsense', () => {
    expect(parseDicomDate('20250311')).to.equal('2025-03-11');
    expect(parseDicomDate('1995.06.26')).to.equal('1995-06-26');
    expect(parseDicomDate('20251311')).to.equal(undefined);
    expect(parseDicomDate('yesterday')).to.equal(undefined);
  });

  it('parses TM with optional components and fractions', () => {
    expect(parseDicomTime('0930')).to.equal('09:30:00');
    expect(parseDicomTime('07')).to.equal('07:00:00');
    expect(parseDicomTime('235959.999999')).to.equal('23:59:59');
    expect(parseDicomTime('10:05:00')).to.equal('10:05:00');
    expect(parseDicomTime('2500')).to.equal(undefined);
  });

  it('builds QIDO parameters: prefix wildcards, date ranges, list matching with either separator', () => {
    const query = {
      patientName: ' mül ',
      patientId: 'TR-1002',
      accessionNumber: 'ACC*',
      studyDate: { from: '2025-01-01' },
      modalities: ['CT', 'MR'],
      referringPhysicianName: 'Wells',
    };
    expect(studyQueryParams(query)).to.include({
      PatientName: 'm*l*',
      PatientID: 'TR-1002',
      AccessionNumber: 'ACC*',
      StudyDate: '20250101-',
      ModalitiesInStudy: 'CT,MR',
      // Accent-folded fields: vowels and c, n, s, y, z may carry accents the server matches exactly.
      ReferringPhysicianName: 'W*ll*',
    });
    expect(studyQueryParams(query, '\\').ModalitiesInStudy).to.equal('CT\\MR');
    expect(studyQueryParams(query).includefield).to.contain('00081030').and.contain('00401003');
    expect(toDicomDate(new Date(2026, 10, 30))).to.equal('20261130');
  });
});

describe('server-safe matching', () => {
  it('widens characters servers mishandle and says the answer needs filtering', () => {
    expect(serverSafeWildcard('Müller*')).to.deep.equal({ server: 'M*ller*', exact: false });
    expect(serverSafeWildcard('山田*')).to.deep.equal({ server: '*', exact: false });
    expect(serverSafeWildcard('Wells^Marcus*')).to.deep.equal({ server: 'Wells^Marcus*', exact: true });
    expect(serverSafeWildcard('CT ABDOMEN*')).to.deep.equal({ server: 'CT?ABDOMEN*', exact: false });
  });

  it('widens letters that may carry accents when folding, and folds accents and case in the browser', () => {
    expect(serverSafeWildcard('MULLER*', { fold: true })).to.deep.equal({ server: 'M*LL*R*', exact: false });
    expect(serverSafeWildcard('BR^T*', { fold: true })).to.deep.equal({ server: 'BR^T*', exact: true });
    for (const [pattern, value] of [
      ['MULLER*', 'Müller^Jürgen'],
      ['müll*', 'Muller^Jurgen'],
      ['garcia marquez*', 'García Márquez^Lucía'],
      ['LUKASZ', 'Łukasz'],
      ['STRASSE', 'Straße'],
      ['SORENSEN', 'Sørensen'],
    ])
      expect(matchesWildcard(pattern, value, { fold: true }), `${pattern} ~ ${value}`).to.equal(true);
    expect(matchesWildcard('MULLER*', 'Miller^J', { fold: true })).to.equal(false);
    expect(foldAccents('Ça Žižek ÅNGSTRÖM')).to.equal('ca zizek angstrom');
  });

  it('matches DICOM wildcards case-insensitively across Unicode', () => {
    expect(matchesWildcard('mül*', 'Müller^Jürgen')).to.equal(true);
    expect(matchesWildcard('MÜL*', 'Müller^Jürgen')).to.equal(true);
    expect(matchesWildcard('mul*', 'Müller^Jürgen'), 'accents count unless folding').to.equal(false);
    expect(matchesWildcard('M?ller^J*', 'Müller^Jürgen')).to.equal(true);
    expect(matchesWildcard('山田*', '山田^太郎')).to.equal(true);
    expect(matchesWildcard('<b>*', '<b>Evil</b>')).to.equal(true);
    expect(matchesWildcard('a.c', 'abc')).to.equal(false, 'regex characters are literal');
  });

  it('filters only what the server could not match exactly', () => {
    expect(clientSideTextFilter({ patientName: 'BRT', patientId: 'TR-1' })).to.equal(undefined);
    const named = (alphabetic: string) =>
      toStudy({
        '0020000D': { vr: 'UI', Value: ['1'] },
        '00100010': { vr: 'PN', Value: [{ Alphabetic: alphabetic }] },
      });
    for (const typed of ['mül', 'MULLER', 'muller^jurgen']) {
      const filter = clientSideTextFilter({ patientName: typed })!;
      expect(filter(named('Müller^Jürgen')), typed).to.equal(true);
      expect(filter(named('Muller^Jurgen')), typed).to.equal(true);
      expect(filter(named('Miller^Jurgen')), typed).to.equal(false);
    }
    expect(
      clientSideTextFilter({ patientId: 'TRÜ-1' })!(
        toStudy({ '0020000D': { vr: 'UI', Value: ['1'] }, '00100020': { vr: 'LO', Value: ['TRU-1'] } }),
      ),
      'identifiers stay exact',
    ).to.equal(false);
  });
});

describe('series that hold images', () => {
  it('leaves out documents, presentation states, segmentations and signals; takes any other modality', () => {
    expect(['SR', 'ko', 'PR', 'SEG', 'RTSTRUCT', 'ECG'].map(holdsImages)).to.deep.equal([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['CT', 'MR', 'PT', 'US', 'DX', 'XA', 'OT', undefined].map(holdsImages)).to.deep.equal([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});

describe('read status from SR documents', () => {
  const doc = (uid: string, flags: Partial<ReportDocument>): ReportDocument => ({
    studyInstanceUID: '1',
    seriesInstanceUID: '1.9',
    sopInstanceUID: uid,
    title: { value: '18748-4', scheme: 'LN' },
    completionFlag: 'COMPLETE',
    verificationFlag: 'VERIFIED',
    preliminaryFlag: 'FINAL',
    predecessorUIDs: [],
    ...flags,
  });
  const prelim = doc('p', {
    verificationFlag: 'UNVERIFIED',
    preliminaryFlag: 'PRELIMINARY',
    contentDateTime: '2026-11-29T02:40:00',
  });
  const final = doc('f', { predecessorUIDs: ['p'], contentDateTime: '2026-11-29T08:00:00' });
  const addendum = doc('a', { predecessorUIDs: ['f'] });
  const measurements = doc('m', { title: { value: '126000', scheme: 'DCM' } });

  it('is unread, preliminary, final or amended', () => {
    expect(readStatusOf([])).to.equal('unread');
    expect(readStatusOf([measurements]), 'a TID 1500 measurement report is not a read').to.equal('unread');
    expect(readStatusOf([prelim])).to.equal('preliminary');
    expect(readStatusOf([prelim, final]), 'a final replacing a preliminary is not an amendment').to.equal('final');
    expect(readStatusOf([prelim, final, addendum])).to.equal('amended');
    expect(readStatusOf([doc('x', { completionFlag: 'PARTIAL' })])).to.equal('preliminary');
  });

  it('reads flags, title and predecessors from DICOM JSON, and dates the first report', () => {
    const document = toReportDocument({
      '0020000D': { vr: 'UI', Value: ['1'] },
      '0020000E': { vr: 'UI', Value: ['1.9'] },
      '00080018': { vr: 'UI', Value: ['1.9.2'] },
      '00080023': { vr: 'DA', Value: ['20261129'] },
      '00080033': { vr: 'TM', Value: ['024000'] },
      '0040A043': {
        vr: 'SQ',
        Value: [{ '00080100': { vr: 'SH', Value: ['18748-4'] }, '00080102': { vr: 'SH', Value: ['LN'] } }],
      },
      '0040A491': { vr: 'CS', Value: ['COMPLETE'] },
      '0040A493': { vr: 'CS', Value: ['VERIFIED'] },
      '0040A360': {
        vr: 'SQ',
        Value: [
          {
            '00081115': {
              vr: 'SQ',
              Value: [{ '00081199': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: ['1.9.1'] } }] } }],
            },
          },
        ],
      },
    });
    expect(document).to.deep.include({
      sopInstanceUID: '1.9.2',
      contentDateTime: '2026-11-29T02:40:00',
      predecessorUIDs: ['1.9.1'],
    });
    expect(isFinalReport(document)).to.equal(true);
    expect(firstReportedAt([final, prelim])).to.equal('2026-11-29T02:40:00');
  });
});
