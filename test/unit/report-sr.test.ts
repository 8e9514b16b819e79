// Reading other systems' TID 2000 reports: who signed is taken from the header when the content has
// no observer context, and names are shown as people write them.
import { expect } from '@open-wc/testing';
import type { DicomJsonDataset } from '@telerad/core';
import { readerName, reportFromJson } from '@telerad/report-panel';

const pn = (value: string) => ({ vr: 'PN', Value: [{ Alphabetic: value }] });
const text = (vr: string, value: string) => ({ vr, Value: [value] });

/** A verified Basic Text SR with one Findings text and no observer context in its content. */
function foreignReport(header: DicomJsonDataset): DicomJsonDataset {
  return {
    '0020000D': text('UI', '1.2.3'),
    '0020000E': text('UI', '1.2.3.4'),
    '00080018': text('UI', '1.2.3.4.5'),
    '00080023': text('DA', '20260920'),
    '00080033': text('TM', '154500'),
    '0040A491': text('CS', 'COMPLETE'),
    '0040A493': text('CS', 'VERIFIED'),
    '0040A730': {
      vr: 'SQ',
      Value: [
        {
          '0040A010': text('CS', 'CONTAINS'),
          '0040A040': text('CS', 'CONTAINER'),
          '0040A043': {
            vr: 'SQ',
            Value: [
              { '00080100': text('SH', '121070'), '00080102': text('SH', 'DCM'), '00080104': text('LO', 'Findings') },
            ],
          },
          '0040A730': {
            vr: 'SQ',
            Value: [
              {
                '0040A010': text('CS', 'CONTAINS'),
                '0040A040': text('CS', 'TEXT'),
                '0040A043': {
                  vr: 'SQ',
                  Value: [
                    {
                      '00080100': text('SH', '121071'),
                      '00080102': text('SH', 'DCM'),
                      '00080104': text('LO', 'Finding'),
                    },
                  ],
                },
                '0040A160': text('UT', 'Hot focus.'),
              },
            ],
          },
        },
      ],
    },
    ...header,
  };
}

describe('reading reports written elsewhere', () => {
  it('names the Verifying Observer, with its ID code and organization, when the content has no observer context', () => {
    const report = reportFromJson(
      foreignReport({
        '0040A073': {
          vr: 'SQ',
          Value: [
            {
              '0040A075': pn('Sato^Keiko^^Dr'),
              '0040A027': text('LO', 'Outside Imaging'),
              '0040A088': {
                vr: 'SQ',
                Value: [
                  { '00080100': text('SH', 'NPI-77'), '00080102': text('SH', 'L'), '00080104': text('LO', 'Sato') },
                ],
              },
            },
          ],
        },
      }),
    );
    expect(report.status).to.equal('final');
    expect(report.sections.findings).to.equal('Hot focus.');
    expect(report.reader).to.deep.equal({ name: 'Sato^Keiko^^Dr', id: 'NPI-77', organization: 'Outside Imaging' });
    expect(readerName(report.reader)).to.equal('Dr Sato, Keiko');
  });

  it('falls back to the Author Observer, and shows a plain-text name as given', () => {
    const report = reportFromJson(
      foreignReport({
        '0040A078': {
          vr: 'SQ',
          Value: [
            { '0040A084': text('CS', 'PSN'), '0040A123': pn('Okoye^Daniel'), '00080080': text('LO', 'Northside') },
          ],
        },
      }),
    );
    expect(report.reader).to.deep.equal({ name: 'Okoye^Daniel', id: '', organization: 'Northside' });
    expect(readerName(report.reader)).to.equal('Okoye, Daniel');
    expect(readerName({ name: 'Dr Jane Smith', id: '' })).to.equal('Dr Jane Smith');
    expect(reportFromJson(foreignReport({})).reader.name, 'nobody named').to.equal('');
  });
});
