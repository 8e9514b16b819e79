// A report as a FHIR R4 DiagnosticReport, for hosts that pass results on to an EHR.
import type { NaturalizedDataset } from '@telerad/core';
import { readerName, SECTION_IDS, type SignedReport } from './report-model.js';
import { SECTION_CODES } from './report-sr.js';

/** The FHIR R4 DiagnosticReport fields this export fills. */
export interface FhirDiagnosticReport {
  resourceType: 'DiagnosticReport';
  identifier: { system: string; value: string }[];
  status: 'preliminary' | 'final' | 'amended' | 'appended';
  category: { coding: { system: string; code: string; display: string }[] }[];
  code: { coding: { system: string; code: string; display: string }[] };
  subject?: { identifier: { value: string; system?: string } };
  imagingStudy: { type: 'ImagingStudy'; identifier: { system: string; value: string } }[];
  issued: string;
  resultsInterpreter: { display: string; identifier: { value: string } }[];
  conclusion?: string;
  presentedForm: { contentType: string; language: string; data: string; title: string }[];
}

/** UTF-8 text as base64 (FHIR Attachment.data). */
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/**
 * FHIR status of a report: `appended` when addenda were added to a final report (FHIR's subtype of
 * amended for added content), else the lifecycle status.
 */
const fhirStatus = (report: SignedReport): FhirDiagnosticReport['status'] =>
  report.status === 'amended' && report.addenda.length ? 'appended' : report.status;

/** The patient a report's study identity names (PatientID, IssuerOfPatientID), for `subject`. */
export function patientOf(identity: NaturalizedDataset | undefined): { id?: string; issuer?: string } {
  const id = identity?.PatientID;
  const issuer = identity?.IssuerOfPatientID;
  return { ...(typeof id === 'string' ? { id } : {}), ...(typeof issuer === 'string' ? { issuer } : {}) };
}

export function toFhirDiagnosticReport(
  report: SignedReport,
  patient: { id?: string; issuer?: string } = {},
): FhirDiagnosticReport {
  const body = [
    ...SECTION_IDS.filter((id) => report.sections[id].trim()).map(
      (id) => `${SECTION_CODES[id].heading.CodeMeaning}:\n${report.sections[id]}`,
    ),
    ...(report.communication
      ? [
          `Critical result communicated to ${report.communication.recipient} ` +
            `at ${report.communication.communicatedAt} by ${report.communication.method}.`,
        ]
      : []),
    ...report.addenda.map((a) => `Addendum (${readerName(a.reader)}, ${a.signedAt}):\n${a.text}`),
  ].join('\n\n');
  return {
    resourceType: 'DiagnosticReport',
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${report.sopInstanceUID}` }],
    status: fhirStatus(report),
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD', display: 'Radiology' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '18748-4', display: 'Diagnostic imaging study' }] },
    ...(patient.id
      ? {
          subject: {
            identifier: { value: patient.id, ...(patient.issuer ? { system: `urn:issuer:${patient.issuer}` } : {}) },
          },
        }
      : {}),
    imagingStudy: [
      { type: 'ImagingStudy', identifier: { system: 'urn:dicom:uid', value: `urn:oid:${report.studyInstanceUID}` } },
    ],
    // An instant with its zone: the content time is local to the signing workstation.
    issued: new Date(report.signedAt).toISOString(),
    resultsInterpreter: [{ display: readerName(report.reader), identifier: { value: report.reader.id } }],
    ...(report.sections.impression.trim() ? { conclusion: report.sections.impression } : {}),
    presentedForm: [
      { contentType: 'text/plain; charset=utf-8', language: 'en', data: base64(body), title: 'Radiology report' },
    ],
  };
}
