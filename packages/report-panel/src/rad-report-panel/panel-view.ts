// What the panel shows for its study, by mode: a report opened from the history, the latest
// report read-only, the peer-review form, or the author's final report with its addendum form
// and the draft editor. Its controls call the panel's public methods of the same names.
import { html, nothing } from 'lit';
import { renderEditor, type EditorActions, type EditorState } from './editor-view.js';
import { texts } from './messages.js';
import { renderAddendumForm, renderAlerts, renderHistory, renderPeerReview, type AlertState } from './report-forms.js';
import type { ReportHistory } from './report-archive.js';
import type { RadpeerScore, Reader, ReportDraft, SignedReport } from './report-model.js';
import { renderReport } from './report-view.js';

export interface PanelState {
  mode: 'author' | 'read-only' | 'peer-review';
  history: ReportHistory;
  latest?: SignedReport;
  opened?: SignedReport;
  draft?: ReportDraft;
  alerts: AlertState;
  storing: boolean;
  reader?: Reader;
  /** The editor's state, for the draft. */
  editor(draft: ReportDraft): EditorState;
}

export interface PanelActions extends EditorActions {
  openReport(sopInstanceUID?: string): void;
  retry(): unknown;
  signAnyway(): unknown;
  startSecondOpinion(): void;
  signAddendum(text: string): Promise<SignedReport | undefined>;
  submitPeerReview(score: RadpeerScore, comment: string): unknown;
}

/** Alerts, the body for the mode, and the history. */
export function renderPanel(state: PanelState, panel: PanelActions) {
  return html`${renderPanelAlerts(state, panel)} ${renderBody(state, panel)}
  ${renderHistory(state.history, (uid) => panel.openReport(uid))}`;
}

export function renderPanelAlerts(state: PanelState, panel: PanelActions) {
  return renderAlerts(state.alerts, {
    retry: () => void panel.retry(),
    openReport: (uid) => panel.openReport(uid),
    signAnyway: () => void panel.signAnyway(),
  });
}

function renderBody(state: PanelState, panel: PanelActions) {
  const { opened, latest, draft, storing, reader } = state;
  const t = texts();
  if (opened) {
    const back = html`<button type="button" class="secondary" @click=${() => panel.openReport()}>
      ${t.newDraft}
    </button>`;
    return html`${renderReport(opened)}${back}`;
  }
  if (state.mode === 'read-only') return latest ? renderReport(latest) : html`<p class="state">${t.noReport}</p>`;
  if (state.mode === 'peer-review') {
    return renderPeerReview(
      latest,
      !storing && Boolean(reader),
      (score, comment) => void panel.submitPeerReview(score, comment),
    );
  }
  const signAddendum = async (text: string) => (await panel.signAddendum(text)) !== undefined;
  const signedFinal = latest && latest.status !== 'preliminary' && !draft;
  return html`${
    signedFinal
      ? html`${renderReport(latest)} ${renderAddendumForm(storing, Boolean(reader), signAddendum)}
        <button type="button" class="secondary" ?disabled=${!reader} @click=${() => panel.startSecondOpinion()}>
          ${t.secondOpinion}
        </button>`
      : nothing
  }
  ${draft ? renderEditor(draft, state.editor(draft), panel) : nothing}`;
}
