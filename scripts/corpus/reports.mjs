// Report documents for the corpus: TID 2000 Basic Diagnostic Imaging Reports (Basic Text SR) at
// each read status, and one TID 1500 measurement report, which is not a read report.
import { newUid } from './dicom-writer.mjs';

const BASIC_TEXT_SR = '1.2.840.10008.5.1.4.1.1.88.11';
const COMPREHENSIVE_SR = '1.2.840.10008.5.1.4.1.1.88.33';

const code = (CodeValue, CodingSchemeDesignator, CodeMeaning) => ({ CodeValue, CodingSchemeDesignator, CodeMeaning });
const DIAGNOSTIC_IMAGING_REPORT = code('18748-4', 'LN', 'Diagnostic Imaging Report');
const MEASUREMENT_REPORT = code('126000', 'DCM', 'Imaging Measurement Report');
const SECTION = { findings: code('121070', 'DCM', 'Findings'), impression: code('121072', 'DCM', 'Impressions') };

const text = (concept, value) => ({ RelationshipType: 'CONTAINS', ValueType: 'TEXT', ConceptNameCodeSequence: [concept], TextValue: value });
const container = (concept, items) => ({
  RelationshipType: 'CONTAINS',
  ValueType: 'CONTAINER',
  ConceptNameCodeSequence: [concept],
  ContinuityOfContent: 'SEPARATE',
  ContentSequence: items,
});

/** Completion/verification/preliminary flags of each report status (PS3.3 C.17.2). */
const FLAGS = {
  preliminary: { CompletionFlag: 'COMPLETE', VerificationFlag: 'UNVERIFIED', PreliminaryFlag: 'PRELIMINARY' },
  final: { CompletionFlag: 'COMPLETE', VerificationFlag: 'VERIFIED', PreliminaryFlag: 'FINAL' },
};

/**
 * A naturalized SR data set for a study: `status` preliminary or final, `predecessor` the report it
 * amends (an addendum), `kind` 'report' (TID 2000) or 'measurements' (TID 1500).
 */
export function reportDataset({ identity, seriesUid, seriesNumber, status, kind = 'report', findings, impression, reader, signedAt, predecessor }) {
  const [date, time] = [signedAt.slice(0, 8), signedAt.slice(8)];
  const measurement = kind === 'measurements';
  const verified = FLAGS[status].VerificationFlag === 'VERIFIED';
  return {
    ...identity,
    SOPClassUID: measurement ? COMPREHENSIVE_SR : BASIC_TEXT_SR,
    SOPInstanceUID: newUid(),
    Modality: 'SR',
    SeriesInstanceUID: seriesUid,
    SeriesNumber: seriesNumber,
    SeriesDescription: measurement ? 'Measurements' : 'Radiology report',
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'Telerad Elements',
    InstanceNumber: 1,
    ContentDate: date,
    ContentTime: time,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    ...FLAGS[status],
    ...(verified
      ? {
          VerifyingObserverSequence: [
            { VerifyingObserverName: reader, VerifyingObserverIdentificationCodeSequence: [], VerifyingOrganization: 'Telerad Reading Group', VerificationDateTime: signedAt },
          ],
        }
      : {}),
    ...(predecessor
      ? {
          PredecessorDocumentsSequence: [
            {
              StudyInstanceUID: identity.StudyInstanceUID,
              ReferencedSeriesSequence: [
                {
                  SeriesInstanceUID: predecessor.seriesInstanceUID,
                  ReferencedSOPSequence: [{ ReferencedSOPClassUID: BASIC_TEXT_SR, ReferencedSOPInstanceUID: predecessor.sopInstanceUID }],
                },
              ],
            },
          ],
        }
      : {}),
    PerformedProcedureCodeSequence: [],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [measurement ? MEASUREMENT_REPORT : DIAGNOSTIC_IMAGING_REPORT],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: measurement ? '1500' : '2000' }],
    ContentSequence: measurement
      ? [text(code('121106', 'DCM', 'Comment'), findings)]
      : [container(SECTION.findings, [text(code('121071', 'DCM', 'Finding'), findings)]), container(SECTION.impression, [text(code('121073', 'DCM', 'Impression'), impression)])],
  };
}
