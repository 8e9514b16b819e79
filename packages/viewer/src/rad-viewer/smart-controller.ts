// A SMART App Launch as a controller (smart-launch.ts does the protocol): read once from the page
// URL — an EHR launch (`iss`, `launch`) is sent to the authorization server, the redirect back
// (`code`, `state`, or `error`) completed — then the launch's study opened from its archive with
// the access token. The launch parameters leave the address bar as soon as they are read.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FhircastFollower, type FhircastPort } from './fhircast-follower.js';
import {
  authorizationFailure,
  authorize,
  complete,
  forgetLaunch,
  SMART_PARAMETERS,
  SmartLaunchError,
  type SmartContext,
  type SmartOptions,
} from './smart-launch.js';

/** Where a launch is: sent to authorize, back with a token, its study opening, opened. */
export type SmartStep = 'authorizing' | 'authorized' | 'opening' | 'opened';

/** The viewer's SMART settings: the client, its scope and redirect, and who may receive the token. */
export type SmartSettings = Omit<SmartOptions, 'iss' | 'launch'> & { tokenOrigins: string[] };

/** What the launch needs from the viewer, and tells it (the FHIRcast session it joins too). */
export interface SmartPort extends FhircastPort {
  /** Whether the viewer reads a SMART launch (`smart`). */
  enabled(): boolean;
  options(): SmartSettings;
  /** The launch found its archive: the viewer asks it from now on, with the launch's token. */
  archiveChanged(): void;
  step(step: SmartStep): void;
  failed(error: SmartLaunchError): void;
}

/** The page's address without the launch's parameters (they name the launch; the code is spent). */
function removeLaunchParameters(): void {
  const params = new URLSearchParams(location.search);
  for (const name of SMART_PARAMETERS) params.delete(name);
  const query = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

export class SmartController implements ReactiveController {
  /** The launch completed: the archive and the token. */
  context?: SmartContext;
  step?: SmartStep;
  failure?: SmartLaunchError;
  #read = false;
  /** The FHIRcast session the launch gave, once joined. */
  readonly #fhircast: FhircastFollower;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly port: SmartPort,
  ) {
    this.#fhircast = new FhircastFollower(port);
    host.addController(this);
  }

  hostConnected(): void {
    this.readOnce();
  }

  hostUpdated(): void {
    this.#fhircast.shown(this.port.openStudyUid());
  }

  /** Reads the page URL's launch once (frameworks may set `smart` after connecting the element). */
  readOnce(): void {
    if (!this.port.enabled() || this.#read) return;
    this.#read = true;
    const params = new URLSearchParams(location.search);
    const failure = authorizationFailure(params);
    if (failure) {
      removeLaunchParameters();
      return this.#fail(failure);
    }
    if (params.has('code') && params.has('state')) return void this.#complete();
    const [iss, launch] = [params.get('iss'), params.get('launch')];
    if (iss && launch) void this.launch({ iss, launch });
  }

  /** Starts a launch (standalone: `iss`; EHR: `iss` and `launch`): the page goes to the authorization server. */
  async launch(options: Pick<SmartOptions, 'iss' | 'launch'> & Partial<SmartOptions>): Promise<void> {
    this.failure = undefined;
    this.#set('authorizing');
    removeLaunchParameters();
    try {
      await authorize({ ...this.port.options(), ...options });
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Forgets the launch: its token and context, and leaves the FHIRcast session (the viewer locked). */
  clear(): void {
    void this.#fhircast.stop();
    forgetLaunch();
    this.context = undefined;
    this.step = undefined;
  }

  async #complete(): Promise<void> {
    try {
      const context = await complete(this.port.options().tokenOrigins);
      removeLaunchParameters();
      this.context = context;
      this.#set('authorized');
      this.port.archiveChanged();
      this.#set('opening');
      await this.port.open(context.studyInstanceUID);
      this.#set('opened');
      if (context.hub) await this.#joinSession(context, context.hub);
    } catch (error) {
      removeLaunchParameters();
      this.#fail(error);
    }
  }

  /** A report was signed (as the FHIR DiagnosticReport export gives it): the FHIRcast session is told. */
  reportSigned(report: object | undefined): void {
    const study = this.port.openStudyUid();
    if (report && study)
      void this.#fhircast.reportSigned(report as Record<string, unknown>, study).catch(() => undefined);
  }

  /** Joins the EHR's FHIRcast session; one that cannot be joined leaves the reading as it is. */
  async #joinSession(context: SmartContext, hub: NonNullable<SmartContext['hub']>): Promise<void> {
    const studyIds = new Map(context.imagingStudyId ? [[context.studyInstanceUID, context.imagingStudyId]] : []);
    const subject = { hub, patientId: context.patientId, studyIds, accessToken: context.accessToken };
    await this.#fhircast
      .start(subject)
      .catch(() => this.port.changed({ event: 'subscription-failed', followed: false }));
  }

  #set(step: SmartStep): void {
    this.step = step;
    this.port.step(step);
    this.host.requestUpdate();
  }

  #fail(error: unknown): void {
    const failure =
      error instanceof SmartLaunchError
        ? error
        : new SmartLaunchError('fhir', error instanceof Error ? error.message : String(error));
    this.failure = failure;
    this.step = undefined;
    this.port.failed(failure);
    this.host.requestUpdate();
  }
}
