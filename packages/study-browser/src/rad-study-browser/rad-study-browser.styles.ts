import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
    padding: var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  label {
    display: grid;
    gap: 0.2rem;
    color: var(--_muted);
    font-size: 0.8em;
  }
  input {
    font: inherit;
    font-size: var(--_font-size);
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.3rem 0.5rem;
    min-width: 10rem;
  }
  button {
    font: inherit;
    color: var(--_bg);
    background: var(--_accent);
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.3rem 0.9rem;
    cursor: pointer;
  }
  :is(input, button, tr):focus-visible {
    outline: var(--_focus);
    outline-offset: 1px;
  }
  .scroll {
    overflow: auto;
    max-height: var(--rad-study-browser-max-height, none);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th {
    position: sticky;
    top: 0;
    background: var(--_bg);
    color: var(--_muted);
    font-weight: 600;
    text-align: start;
    white-space: nowrap;
    border-bottom: 1px solid var(--_border);
  }
  th,
  td {
    padding: 0.35rem 0.6rem;
  }
  td:is([data-column='birthDateSex'], [data-column='accessionNumber'], [data-column='studyDateTime'], [data-column='counts']) {
    white-space: nowrap;
  }
  tbody tr {
    cursor: pointer;
    border-bottom: 1px solid var(--_border);
  }
  tbody tr:hover {
    background: var(--_row-hover);
  }
  tbody tr[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 16%, transparent);
  }
  [part~='status'] {
    padding: calc(var(--_space) * 2);
    color: var(--_muted);
  }
  [part~='error'] {
    color: var(--_danger);
    display: flex;
    gap: var(--_space);
    align-items: center;
  }
  .skeleton {
    display: block;
    height: 0.8rem;
    margin: 0.6rem 0;
    border-radius: 4px;
    background: linear-gradient(90deg, var(--_border), var(--_row-hover), var(--_border));
    background-size: 200% 100%;
    animation: shimmer 1.2s linear infinite;
  }
  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
`;
