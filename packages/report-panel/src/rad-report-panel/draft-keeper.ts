// The draft of the study on screen as a controller: opened from the draft store, saved there on
// every change, kept there when the reader moves to another study unsigned (and said so), and
// guarded against closing the page with unsaved text. A report draft is never lost.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { openingDraft } from './draft-edits.js';
import { memoryDraftStore, sessionDraftStore, type DraftStore } from './draft-store.js';
import type { SignedReport, ReportDraft } from './report-model.js';
import type { ReportTemplate } from './templates.js';

/** What the keeper needs from the panel. */
export interface DraftPort {
  /** The host's store, or the kind of store the host chose (`draft-storage`). */
  store(): DraftStore | 'memory' | 'session';
  studyUid(): string;
  /** A signed document still waits to be stored (closing the page would lose it). */
  storePending(): boolean;
  /** The draft changed (it is saved): the panel announces it. */
  changed(draft: ReportDraft): void;
  /** The reader left `studyInstanceUID` with an unsigned draft (it stays in the store). */
  leftUnsigned(studyInstanceUID: string): void;
}

export class DraftKeeper implements ReactiveController {
  /** The draft on screen; undefined when the study's report is final and nothing was stored. */
  draft?: ReportDraft;
  /** Studies left with an unsigned draft in this session. */
  unsaved = new Set<string>();

  #host: ReactiveControllerHost;
  #port: DraftPort;
  #memory = memoryDraftStore();
  #dirty = false;

  constructor(host: ReactiveControllerHost, port: DraftPort) {
    this.#host = host;
    this.#port = port;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('beforeunload', this.#onBeforeUnload);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeunload', this.#onBeforeUnload);
  }

  get #store(): DraftStore {
    const store = this.#port.store();
    if (store === 'session') return sessionDraftStore;
    return store === 'memory' ? this.#memory : store;
  }

  /** The study changed from `previous`: its unsigned draft is kept in the store and reported. */
  leave(previous: string | undefined): void {
    if (previous && this.#dirty && this.draft) {
      this.unsaved = new Set([...this.unsaved, previous]);
      this.#port.leftUnsigned(previous);
    }
    this.#dirty = false;
    this.draft = undefined;
    this.unsaved.delete(this.#port.studyUid());
    this.#host.requestUpdate();
  }

  /** Opens the study's draft: the stored one, else the preliminary read to finalise, else the template's. */
  async open(studyUid: string, latest: SignedReport | undefined, template: ReportTemplate): Promise<void> {
    this.draft = openingDraft(await this.#store.load(studyUid), latest, template);
    this.#host.requestUpdate();
  }

  /** Takes the changed draft: saved in the store and announced. */
  change(draft: ReportDraft): void {
    this.draft = draft;
    this.#dirty = true;
    void this.#store.save(this.#port.studyUid(), draft);
    this.#port.changed(draft);
    this.#host.requestUpdate();
  }

  /** Changes the draft on screen, if there is one, by `edit`. */
  edit(edit: (draft: ReportDraft) => ReportDraft): void {
    if (this.draft) this.change(edit(this.draft));
  }

  /** A document was stored: a signed report ends the draft (a preliminary read stays on screen to finalise). */
  async signed(status: SignedReport['status'] | 'peer-review'): Promise<void> {
    this.#dirty = false;
    if (status === 'peer-review' || status === 'amended') return;
    await this.#store.clear(this.#port.studyUid());
    if (status !== 'preliminary') this.draft = undefined;
    this.#host.requestUpdate();
  }

  #onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!this.#dirty && !this.#port.storePending()) return;
    event.preventDefault();
    event.returnValue = '';
  };
}
