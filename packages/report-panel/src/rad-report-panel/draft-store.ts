import type { ReportDraft } from './report-model.js';

/**
 * Where unsigned drafts are kept between page loads. The panel keeps drafts in memory only unless
 * the host opts in (report text is patient data): `draft-storage="session"` or its own store.
 */
export interface DraftStore {
  load(studyInstanceUID: string): ReportDraft | undefined | Promise<ReportDraft | undefined>;
  save(studyInstanceUID: string, draft: ReportDraft): void | Promise<void>;
  clear(studyInstanceUID: string): void | Promise<void>;
}

const key = (studyInstanceUID: string) => `telerad-report-draft:${studyInstanceUID}`;

/** Drafts in the tab's session storage (gone when the tab closes). */
export const sessionDraftStore: DraftStore = {
  load(studyInstanceUID) {
    const stored = sessionStorage.getItem(key(studyInstanceUID));
    return stored ? (JSON.parse(stored) as ReportDraft) : undefined;
  },
  save(studyInstanceUID, draft) {
    sessionStorage.setItem(key(studyInstanceUID), JSON.stringify(draft));
  },
  clear(studyInstanceUID) {
    sessionStorage.removeItem(key(studyInstanceUID));
  },
};

/** Drafts in this page's memory, per study (switching studies loses nothing). */
export function memoryDraftStore(): DraftStore {
  const drafts = new Map<string, ReportDraft>();
  return {
    load: (uid) => drafts.get(uid),
    save: (uid, draft) => void drafts.set(uid, draft),
    clear: (uid) => void drafts.delete(uid),
  };
}
