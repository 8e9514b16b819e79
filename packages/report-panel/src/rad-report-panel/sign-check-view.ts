// Why signing waits, shown beside the sign buttons with the way forward: the communication form
// for a critical finding, or signing the listed template text after all.
import { html, nothing } from 'lit';
import { sectionLabel, templateTextUnread, texts } from './messages.js';
import type { SignBlockedDetail } from './sign-checks.js';

export interface SignCheckActions {
  /** Takes the reader to the critical-result communication form (`from`: the button pressed). */
  toCommunicationForm(from: Element): void;
  /** Signs as first asked (`status`), the template text confirmed. */
  signAnyway(status: SignBlockedDetail['status']): void;
}

export function renderSignCheck(
  blocked: Pick<SignBlockedDetail, 'status' | 'reason' | 'sections'> | undefined,
  actions: SignCheckActions,
) {
  if (!blocked) return nothing;
  const t = texts();
  if (blocked.reason === 'critical-communication') {
    return html`<div part="sign-check alert" class="alert" role="alert">
      ${t.criticalNeedsCommunication}
      <button
        type="button"
        class="secondary"
        @click=${(e: Event) => actions.toCommunicationForm(e.currentTarget as Element)}
      >
        ${t.toCommunicationForm}
      </button>
    </div>`;
  }
  return html`<div part="sign-check alert" class="alert" role="alert">
    ${templateTextUnread(blocked.sections.map(sectionLabel).join(', '))}
    <button type="button" @click=${() => actions.signAnyway(blocked.status)}>
      ${blocked.status === 'final' ? t.signFinalAsIs : t.signPreliminaryAsIs}
    </button>
  </div>`;
}
