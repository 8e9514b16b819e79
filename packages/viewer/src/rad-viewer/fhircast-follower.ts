// The viewer in a FHIRcast session (the hub and topic a SMART launch gave): it follows the events
// the host lets it follow (`fhircast-follow`) — opening and closing studies as the reporting system
// does, answering each notification, and sending a SyncError when it accepted a study it then
// could not open — and publishes `ImagingStudy-open` / `-close` as the reader opens and closes studies.
import { FhircastSession, type FhircastHub, type FhircastNotification } from './fhircast.js';
import { dicomStudyUid, type Resource } from './smart-launch.js';

/** The events followed unless the host says otherwise. */
export const FHIRCAST_EVENTS = [
  'Patient-open',
  'Patient-close',
  'ImagingStudy-open',
  'ImagingStudy-close',
  'DiagnosticReport-open',
  'DiagnosticReport-update',
  'DiagnosticReport-close',
];

/** `detail` of `rad-context-change`: an event from the hub, and whether the viewer acted on it. */
export interface ContextChangeDetail {
  event: string;
  studyInstanceUID?: string;
  followed: boolean;
}

export interface FhircastPort {
  /** The events followed (`fhircast-follow`). */
  follow(): readonly string[];
  openStudyUid(): string | undefined;
  /** Opens a study; resolves to whether it is open. */
  open(studyInstanceUID: string): Promise<boolean>;
  close(): void;
  changed(detail: ContextChangeDetail): void;
}

/** What the session publishes about: the launch's patient and, where known, the FHIR id of a study. */
export interface FhircastSubject {
  hub: FhircastHub;
  patientId?: string;
  studyIds: Map<string, string>;
  accessToken(): Promise<string>;
}

type Context = FhircastNotification['event']['context'];

/** The Study Instance UID of the notification's `study`. */
const studyUidOf = (context: Context) =>
  dicomStudyUid(context.find((c) => c.key === 'study')?.resource as Resource | undefined);

export class FhircastFollower {
  #session?: FhircastSession;
  #subject?: FhircastSubject;
  /** The study the hub knows as open (published by the viewer, or followed from the hub). */
  #inContext?: string;
  /** A study the hub asked for is opening: what the viewer shows meanwhile is not news for the hub. */
  #following = false;
  /** Reports whose DiagnosticReport-open was sent (the anchor of their updates). */
  readonly #reportsOpened = new Set<string>();

  constructor(private readonly port: FhircastPort) {}

  /** Joins the session: subscribes to the followed events (and SyncError). */
  async start(subject: FhircastSubject): Promise<void> {
    this.#subject = subject;
    this.#session = new FhircastSession(
      subject.hub,
      () => subject.accessToken(),
      (n) => this.#notified(n),
    );
    await this.#session.subscribe([...this.port.follow(), 'SyncError']);
    this.shown(this.port.openStudyUid());
  }

  /** The viewer shows `studyInstanceUID` (or none): the hub is told when that differs from its context. */
  shown(studyInstanceUID: string | undefined): void {
    const session = this.#session;
    const previous = this.#inContext;
    if (!session || this.#following || studyInstanceUID === previous) return;
    this.#inContext = studyInstanceUID;
    if (previous) void session.publish('ImagingStudy-close', this.#context(previous));
    if (studyInstanceUID) void session.publish('ImagingStudy-open', this.#context(studyInstanceUID));
  }

  /** Leaves the session (unsubscribes; the channel closes normally). */
  async stop(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    this.#inContext = undefined;
    await session?.close();
  }

  /**
   * A report signed on the study in context: `DiagnosticReport-open` (its anchor context, once per
   * report) then `DiagnosticReport-update` carrying the DiagnosticReport and its ImagingStudy in the
   * update bundle (STU3 3.6.3), as a reporting system reads them.
   */
  async reportSigned(report: Record<string, unknown>, studyInstanceUID: string): Promise<void> {
    const session = this.#session;
    const identifier = (report.identifier as { value?: string }[] | undefined)?.[0]?.value;
    if (!session || !identifier) return;
    const id = identifier.replace(/^urn:oid:/, '');
    const resource = { ...report, id };
    const context = this.#context(studyInstanceUID);
    const studyResource = context.find((c) => c.key === 'study')?.resource as { id: string };
    const patientId = this.#subject?.patientId;
    const patientReference = patientId ? [{ key: 'patient', reference: { reference: `Patient/${patientId}` } }] : [];
    if (!this.#reportsOpened.has(id)) {
      this.#reportsOpened.add(id);
      await session.publish('DiagnosticReport-open', [{ key: 'report', resource }, ...context]);
    }
    const entry = (r: { resourceType?: unknown; id: string }) => ({
      request: { method: 'PUT', url: `${String(r.resourceType)}/${r.id}` },
      resource: r,
    });
    const updates = {
      resourceType: 'Bundle',
      id: crypto.randomUUID(),
      type: 'transaction',
      entry: [entry(resource), entry(studyResource)],
    };
    await session.publish('DiagnosticReport-update', [
      { key: 'report', reference: { reference: `DiagnosticReport/${id}` } },
      ...patientReference,
      { key: 'updates', resource: updates },
    ]);
  }

  #context(studyInstanceUID: string): Context {
    const patientId = this.#subject?.patientId;
    const study = {
      resourceType: 'ImagingStudy',
      id: this.#subject?.studyIds.get(studyInstanceUID) ?? studyInstanceUID,
      status: 'available',
      identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${studyInstanceUID}` }],
      ...(patientId ? { subject: { reference: `Patient/${patientId}` } } : {}),
    };
    return [
      ...(patientId ? [{ key: 'patient', resource: { resourceType: 'Patient', id: patientId } }] : []),
      { key: 'study', resource: study },
    ];
  }

  #notified(notification: FhircastNotification): number {
    const { event } = notification;
    const name = event['hub.event'].toLowerCase();
    const uid = studyUidOf(event.context);
    const opens = name === 'imagingstudy-open' || (name === 'diagnosticreport-open' && uid);
    if (opens && uid && uid !== this.port.openStudyUid()) return this.#follow(notification, uid);
    const closes = name === 'imagingstudy-close' && uid && uid === this.port.openStudyUid();
    // An open of the study shown (the viewer's own, echoed by the hub) is nothing to do: not followed.
    if (closes) {
      this.#inContext = undefined;
      this.port.close();
    }
    this.port.changed({
      event: event['hub.event'],
      ...(uid ? { studyInstanceUID: uid } : {}),
      followed: Boolean(closes),
    });
    return 200;
  }

  /** Opens the study the hub put in context: accepted at once (202), a SyncError if it cannot be opened. */
  #follow(notification: FhircastNotification, uid: string): number {
    this.#inContext = uid;
    this.#following = true;
    this.port.changed({ event: notification.event['hub.event'], studyInstanceUID: uid, followed: true });
    void this.port.open(uid).then((open) => {
      this.#following = false;
      if (open) return;
      // The hub's context stays the study asked for; the viewer shows what it could.
      void this.#session?.syncError(notification, 'The viewer could not open the study.');
    });
    return 202;
  }
}
