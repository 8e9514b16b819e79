// Report draft edits as pure functions: what a template switch keeps, a measurement and a prior as
// text, the critical flag and its communication, the draft a study opens with.
import { expect } from '@open-wc/testing';
import { BLANK_TEMPLATE, BUILT_IN_TEMPLATES, type ReportDraft, type SignedReport } from '@telerad/report-panel';
import * as edits from '../../packages/report-panel/src/rad-report-panel/draft-edits.js';

const ctHead = BUILT_IN_TEMPLATES.find((t) => t.id === 'ct-head')!;
const mrBrain = BUILT_IN_TEMPLATES.find((t) => t.id === 'mr-brain')!;

describe('draft edits', () => {
  it('switches template: sections empty or at the old text take the new text; edited text stays', () => {
    const draft = edits.withSection(edits.draftFromTemplate(ctHead), 'impression', 'My own impression.');
    const switched = edits.withTemplate({ ...draft, sections: { ...draft.sections, clinical: '' } }, ctHead, mrBrain);
    expect(switched.templateId).to.equal('mr-brain');
    expect(switched.sections.findings).to.equal(mrBrain.sections.findings);
    expect(switched.sections.technique).to.equal(mrBrain.sections.technique);
    expect(switched.sections.impression).to.equal('My own impression.');
    expect(draft.sections.findings, 'the draft itself unchanged').to.equal(ctHead.sections.findings);
  });

  it('appends a measurement sentence to Findings and references its image', () => {
    const draft: ReportDraft = {
      ...edits.draftFromTemplate(BLANK_TEMPLATE),
      sections: { ...edits.draftFromTemplate(BLANK_TEMPLATE).sections, findings: 'Prior text.  ' },
    };
    const measurement = {
      tool: 'Length',
      values: [{ name: 'length', value: 42.456, unit: 'mm' }],
      calibration: 'patient',
      sopInstanceUID: '1.2.3',
      frame: 1,
      image: { position: 3, count: 24 },
    };
    const evidence = {
      seriesInstanceUID: '1.2',
      sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUID: '1.2.3',
      seriesNumber: 2,
      instanceNumber: 3,
    };
    const measured = edits.withMeasurement(draft, measurement, evidence);
    expect(measured.sections.findings).to.equal('Prior text.\nLength: 42.46 mm (series 2, image 3 of 24).');
    expect(measured.references).to.deep.equal([{ sopInstanceUID: '1.2.3', frame: 1 }]);
    // On a reformat: its plane and slice, and the nearest source image by its Instance Number.
    const reformatted = { ...measurement, image: { position: 22, count: 64, plane: 'Coronal reformat' } };
    expect(edits.withMeasurement(draft, reformatted, evidence).sections.findings).to.equal(
      'Prior text.\nLength: 42.46 mm (series 2, Coronal reformat, slice 22 of 64, instance no. 3).',
    );
  });

  it('names a prior in Comparison, replacing "None."', () => {
    const draft = edits.withSection(edits.draftFromTemplate(BLANK_TEMPLATE), 'comparison', 'None.');
    const prior = { description: 'CT HEAD', studyDate: '2025-12-01', modalities: ['CT'] };
    const line = edits.withComparison(draft, prior).sections.comparison;
    expect(line).to.match(/^CT HEAD dated .*2025\.$/);
    expect(
      edits
        .withComparison(edits.withComparison(draft, prior), { ...prior, description: '' })
        .sections.comparison.split('\n'),
    ).to.have.length(2);
  });

  it('flags and unflags a critical finding; recording the communication flags it, unflagging drops it', () => {
    const communication = { recipient: 'ED charge nurse', communicatedAt: '2026-12-06T10:15', method: 'Telephone' };
    const told = edits.withCommunication(edits.draftFromTemplate(BLANK_TEMPLATE), communication);
    expect([told.critical, told.communication]).to.deep.equal([true, communication]);
    const cleared = edits.withCritical(told, false);
    expect([cleared.critical, cleared.communication]).to.deep.equal([false, undefined]);
  });

  it('opens with the stored draft, else the preliminary read to finalise, else the template; none after a final read', () => {
    const stored = edits.withSection(edits.draftFromTemplate(BLANK_TEMPLATE), 'findings', 'Stored.');
    const report = (status: SignedReport['status']) =>
      ({
        status,
        sections: { ...stored.sections, findings: 'Read.' },
        critical: false,
        references: [],
      }) as unknown as SignedReport;
    expect(edits.openingDraft(stored, report('final'), ctHead)).to.equal(stored);
    expect(edits.openingDraft(undefined, report('preliminary'), ctHead)?.sections.findings).to.equal('Read.');
    expect(edits.openingDraft(undefined, report('preliminary'), ctHead)?.templateId).to.equal('ct-head');
    expect(edits.openingDraft(undefined, undefined, ctHead)?.sections.findings).to.equal(ctHead.sections.findings);
    expect(edits.openingDraft(undefined, report('final'), ctHead)).to.equal(undefined);
  });
});
