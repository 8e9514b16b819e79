import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    padding: var(--_space);
  }
  h3 {
    margin: 0.6rem 0 0.2rem;
    font-size: 0.95em;
  }
  .text {
    white-space: pre-wrap;
    margin: 0;
  }
  .banner {
    font-weight: 700;
    letter-spacing: 0.05em;
    padding: 0.3rem 0.6rem;
    border-radius: calc(var(--_radius) - 2px);
    border: 1px solid var(--_border);
  }
  .banner[data-status='preliminary'] {
    background: light-dark(#fff4d6, #3d3210);
  }
  .banner[data-status='final'] {
    color: var(--_bg);
    background: var(--_accent);
  }
  .banner[data-status='amended'] {
    color: var(--_bg);
    background: light-dark(#5b3db5, #a88cf5);
  }
  .signature,
  .reader,
  .note {
    color: var(--_muted);
    font-size: 0.9em;
  }
  form {
    display: grid;
    /* The panel's width, whatever the widest control would like. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
    margin-top: var(--_space);
  }
  label {
    display: grid;
    gap: 0.2rem;
    color: var(--_muted);
    font-size: 0.9em;
  }
  label.choice {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    color: var(--_fg);
  }
  textarea,
  input:not([type='checkbox']):not([type='radio']),
  select {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.3rem 0.5rem;
    /* A long option or prefilled value must not widen the panel past its column. */
    min-width: 0;
    max-width: 100%;
    box-sizing: border-box;
  }
  textarea {
    resize: vertical;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
  }
  fieldset {
    min-inline-size: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
  }
  fieldset.critical,
  .critical {
    border-color: var(--_danger);
  }
  .critical h3 {
    color: var(--_danger);
  }
  button.secondary,
  button.link {
    color: var(--_accent);
    background: transparent;
  }
  button.link {
    border: none;
    padding: 0 0.3rem;
    text-decoration: underline;
  }
  /* Read-only (referring physicians, often on tablets): touch targets of at least 44 × 44 px. */
  :host(:is([mode='referring'], [readonly])) button {
    min-height: 44px;
    min-width: 44px;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  :is(button, select, input, textarea):focus-visible {
    outline: var(--_focus);
    outline-offset: 1px;
  }
  .alert {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    padding: var(--_space);
    margin-bottom: var(--_space);
    border: 1px solid var(--_danger);
    border-radius: calc(var(--_radius) - 2px);
    color: var(--_danger);
  }
  /* Template text nobody edited yet: visibly not the reader's own words. */
  textarea[data-template-text] {
    font-style: italic;
    border-style: dashed;
    border-color: var(--_warning);
  }
  .template-note {
    display: block;
    font-size: 0.8em;
    font-style: italic;
    color: var(--_warning);
  }
  [part~='sign-check'] {
    margin: var(--_space) 0 0;
  }
  [part~='history'] ol {
    margin: 0;
    padding-left: 1.2rem;
  }
  [part~='history'] .status {
    text-transform: uppercase;
    font-size: 0.8em;
    font-weight: 600;
  }
  @media print {
    :host {
      border: none;
      color: #000;
      background: #fff;
    }
    button,
    [part~='editor'],
    [part~='history'] button {
      display: none;
    }
    .banner {
      color: #000;
      background: none;
      border: 2px solid #000;
    }
  }
`;
