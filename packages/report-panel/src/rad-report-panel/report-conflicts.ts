// Which of a study's reports the reader has not seen: stored by someone else since the study was
// opened. Checked before a document is stored (the reader may stop) and again after, because two
// readers signing at the same moment both pass the first check; the history read after storing
// shows each of them the other's report, or at least the later of the two readers (whose store
// came second) sees the earlier one. No DOM: the load script's readers use it as the panel does.
import type { ReportHistory } from './report-archive.js';
import type { SignedReport } from './report-model.js';

export class ReportsSeen {
  #known = new Set<string>();

  /** The reports the reader has now seen (the history shown). */
  seen(history: ReportHistory): void {
    this.#known = new Set(history.reports.map((r) => r.sopInstanceUID));
  }

  /** One more report the reader has seen (shown as a conflict, then signed over). */
  add(sopInstanceUID: string): void {
    this.#known.add(sopInstanceUID);
  }

  /** The reports of `history` the reader has not seen, oldest first, other than the reader's own `own`. */
  unseen(history: ReportHistory, own?: string): SignedReport[] {
    return history.reports.filter((r) => r.sopInstanceUID !== own && !this.#known.has(r.sopInstanceUID));
  }
}
