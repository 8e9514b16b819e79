// Audit records for the host's audit log: FHIR R4 AuditEvent shaped, per IHE BALP ("Basic Audit
// Log Patterns": a RESTful read/create/update that involves a patient).

/** What was done, in BALP terms. */
export type AuditAction = 'study-opened' | 'report-viewed' | 'report-signed' | 'report-amended';

/** `detail` of `rad-audit`. */
export interface AuditEventDetail {
  resourceType: 'AuditEvent';
  type: { system: string; code: string; display: string };
  subtype: { system: string; code: string; display: string }[];
  action: 'C' | 'R' | 'U';
  recorded: string;
  outcome: '0';
  agent: {
    type: { coding: { system: string; code: string; display: string }[] };
    who: { identifier?: { value: string }; display?: string };
    requestor: boolean;
  }[];
  source: { observer: { display: string }; type: { system: string; code: string; display: string }[] };
  entity: {
    what: { identifier: { system?: string; value: string }; type?: string };
    type: { system: string; code: string; display: string };
    role: { system: string; code: string; display: string };
  }[];
  /** The action in the viewer's words, for hosts that map it themselves. */
  extension: { url: string; valueCode: AuditAction }[];
}

export interface AuditSubject {
  studyInstanceUID: string;
  patientId?: string;
  issuerOfPatientId?: string;
  /** The SR of a report viewed, signed or amended. */
  reportUID?: string;
  /** The user, as the host named them. */
  user?: { id: string; name: string };
}

/** The subject of an action on `study`, by `user` (when the host named one), on a report (when one). */
export function auditSubject(
  study: { studyInstanceUID: string; patientId?: string; issuerOfPatientId?: string },
  user: { id: string; name: string } | undefined,
  reportUID?: string,
): AuditSubject {
  const { studyInstanceUID, patientId, issuerOfPatientId } = study;
  return {
    studyInstanceUID,
    patientId,
    issuerOfPatientId,
    reportUID,
    ...(user ? { user: { id: user.id, name: user.name } } : {}),
  };
}

const INTERACTION = 'http://hl7.org/fhir/restful-interaction';
const OBJECT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';

const INTERACTIONS: Record<AuditAction, { action: AuditEventDetail['action']; code: string }> = {
  'study-opened': { action: 'R', code: 'read' },
  'report-viewed': { action: 'R', code: 'read' },
  'report-signed': { action: 'C', code: 'create' },
  'report-amended': { action: 'U', code: 'update' },
};

/** An AuditEvent entity: what was touched (patient, study, report) and its role. */
const entity = (
  system: string | undefined,
  value: string,
  type: string,
  [typeCode, role, roleCode]: [string, string, string],
) => ({
  what: { identifier: { ...(system ? { system } : {}), value }, type },
  type: { system: OBJECT_TYPE, code: typeCode, display: typeCode === '1' ? 'Person' : 'System Object' },
  role: { system: OBJECT_ROLE, code: roleCode, display: role },
});

const RECIPIENT = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  code: 'IRCP',
  display: 'information recipient',
};
const SOURCE = {
  observer: { display: 'Telerad Elements viewer' },
  type: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
      code: '1',
      display: 'End-user display device',
    },
  ],
};
const REST = {
  system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  code: 'rest',
  display: 'RESTful Operation',
};

/** The patient, the study and the report (if any) an action touched. */
function entitiesOf(subject: AuditSubject) {
  const { patientId, issuerOfPatientId, studyInstanceUID, reportUID } = subject;
  const issuer = issuerOfPatientId ? `urn:issuer:${issuerOfPatientId}` : undefined;
  return [
    ...(patientId ? [entity(issuer, patientId, 'Patient', ['1', 'Patient', '1'])] : []),
    entity('urn:dicom:uid', `urn:oid:${studyInstanceUID}`, 'ImagingStudy', ['2', 'Resource', '4']),
    ...(reportUID ? [entity('urn:dicom:uid', `urn:oid:${reportUID}`, 'DiagnosticReport', ['2', 'Report', '3'])] : []),
  ];
}

export function auditEvent(what: AuditAction, subject: AuditSubject, now = new Date()): AuditEventDetail {
  const { action, code } = INTERACTIONS[what];
  const who = subject.user
    ? { identifier: { value: subject.user.id }, display: subject.user.name }
    : { display: 'unidentified user' };
  return {
    resourceType: 'AuditEvent',
    type: REST,
    subtype: [{ system: INTERACTION, code, display: code }],
    action,
    recorded: now.toISOString(),
    outcome: '0',
    agent: [{ type: { coding: [RECIPIENT] }, who, requestor: true }],
    source: SOURCE,
    entity: entitiesOf(subject),
    extension: [{ url: 'urn:telerad:viewer-action', valueCode: what }],
  };
}
