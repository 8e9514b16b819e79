// An IHE Invoke Image Display launch as a controller: read once per `launch` value (from the page
// URL when none is given, its token taken out of the address bar at once), then opened as soon as
// there is an archive to ask.
import { DicomWebError, newestFirst, type DicomWebService, type Study } from '@telerad/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { iidQuery, parseIidLaunch, TOKEN_PARAMETERS, type IidRequest, type LaunchProblem } from './iid-launch.js';
import { texts } from './messages.js';

/** What the launch needs from the viewer. */
export interface LaunchPort {
  /** Whether the viewer reads a launch (`iid`). */
  enabled(): boolean;
  /** The launch as a query string; '' for the page URL. */
  launch(): string;
  archive(): DicomWebService | undefined;
  /** The launch carried a token: the viewer's own service is made again with it. */
  tokenChanged(): void;
  /** Runs an archive request, asking the host for a fresh token once on 401. */
  request<T>(operation: string, call: () => Promise<T>): Promise<T>;
  open(studyInstanceUID: string): Promise<void>;
  failed(error: unknown): void;
}

export class LaunchController implements ReactiveController {
  /** What is wrong with the launch, all of it. */
  problems: LaunchProblem[] = [];
  /** A note on what the launch asked that the viewer does not do (key images only). */
  notice?: string;
  /** The studies the launch found, newest first (the first is opened). */
  studies: Study[] = [];
  /** The launch's token, for the viewer's own service. */
  token?: string;

  #host: ReactiveControllerHost;
  #port: LaunchPort;
  /** The `launch` value the launch was read from ('' for the page URL), so it is read once per value. */
  #readFrom?: string;
  /** The launch read but not opened yet (it waits for an archive). */
  #toOpen?: IidRequest;

  constructor(host: ReactiveControllerHost, port: LaunchPort) {
    this.#host = host;
    this.#port = port;
    host.addController(this);
  }

  hostConnected(): void {
    // At once: a token in the address bar must not linger there (history, screenshots, shoulder surfers).
    this.readOnce();
  }

  hostUpdated(): void {
    const request = this.#toOpen;
    if (!request || !this.#port.archive()) return;
    this.#toOpen = undefined;
    void this.#open(request);
  }

  /**
   * Reads the launch, unless this `launch` value was read already. The viewer calls it on every
   * update too: frameworks may set `iid` and `launch` after connecting the element (Angular does).
   */
  readOnce(): void {
    if (!this.#port.enabled() || this.#readFrom === this.#port.launch()) return;
    this.#readFrom = this.#port.launch();
    this.#toOpen = this.#read();
  }

  /** Forgets what the launch found and its token (the viewer locked). */
  clear(): void {
    this.studies = [];
    this.token = undefined;
  }

  /** Reads the IID launch; a token in the page URL is kept for requests and taken out of the address bar. */
  #read(): IidRequest | undefined {
    const fromPage = !this.#port.launch();
    const params = new URLSearchParams(this.#port.launch() || location.search);
    const result = parseIidLaunch(params);
    if (result.token) {
      this.token = result.token;
      this.#port.tokenChanged();
      if (fromPage) {
        for (const name of TOKEN_PARAMETERS) params.delete(name);
        const query = params.toString();
        history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
      }
    }
    this.problems = result.problems;
    if (result.request?.keyImagesOnly) this.notice = texts().keyImagesUnsupported;
    this.#host.requestUpdate();
    return result.request;
  }

  async #open(request: IidRequest): Promise<void> {
    try {
      this.studies = await this.#find(request);
      this.#host.requestUpdate();
      if (!this.studies.length) throw new DicomWebError('not-found', 404, '', 'no study matches the launch');
      await this.#port.open(this.studies[0].studyInstanceUID);
    } catch (error) {
      this.#port.failed(error);
    }
  }

  /** The studies the launch names, newest first. */
  async #find(request: IidRequest): Promise<Study[]> {
    const service = this.#port.archive();
    if (!service) return [];
    const search = (query: ReturnType<typeof iidQuery>[number]) =>
      this.#port.request('iid-launch', () => service.searchStudies(query));
    const found = (await Promise.all(iidQuery(request).map(search))).flat();
    const unique = [...new Map(found.map((s) => [s.studyInstanceUID, s])).values()];
    // Accession numbers match exactly; date-times narrow within the day when given with a time.
    const exact =
      request.requestType === 'STUDY'
        ? unique.filter(
            (s) =>
              request.studyUIDs.includes(s.studyInstanceUID) ||
              request.accessionNumbers.includes(s.accessionNumber ?? ''),
          )
        : unique;
    const newest = [...exact].sort(newestFirst);
    const limit = request.requestType === 'PATIENT' ? request.mostRecentResults : undefined;
    return limit ? newest.slice(0, limit) : newest;
  }
}
