import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
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
  input:not([type='checkbox']) {
    font: inherit;
    font-size: var(--_font-size);
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.3rem 0.5rem;
    min-width: 10rem;
  }
  button.secondary {
    color: var(--_fg);
    background: transparent;
    border-color: var(--_border);
  }
  button:disabled {
    opacity: 0.45;
    cursor: default;
  }
  select {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.3rem 0.4rem;
  }
  fieldset.modalities {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border: 0;
    padding: 0;
    margin: 0;
  }
  .no-value {
    color: var(--_muted);
    font-style: italic;
  }
  fieldset.modalities legend {
    color: var(--_muted);
    font-size: 0.8em;
    padding: 0 0 0.2rem;
  }
  label.chip {
    display: inline-flex;
    align-items: center;
    gap: 0.2rem;
    color: var(--_fg);
    font-size: 0.85em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0.1rem 0.5rem 0.1rem 0.3rem;
    cursor: pointer;
  }
  label.chip:has(input:checked) {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 14%, transparent);
  }
  label.chip input {
    margin: 0;
    min-width: 0;
  }
  .actions {
    display: flex;
    gap: var(--_space);
  }
  :is(input, button, select, [role='row']):focus-visible {
    outline: var(--_focus);
    outline-offset: -2px;
  }
  [part~='toolbar'] {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space);
    padding: 0.3rem var(--_space);
    color: var(--_muted);
    border-bottom: 1px solid var(--_border);
  }
  [part~='pager'] {
    display: flex;
    gap: 0.3rem;
  }
  [part~='pager'] button {
    color: var(--_fg);
    background: transparent;
    border-color: var(--_border);
    padding: 0.15rem 0.6rem;
  }
  .scroll {
    overflow: auto;
    max-height: var(--rad-study-browser-max-height, none);
  }
  /* As wide as the element, or the columns' least widths when that is more: free space goes to
     the flexible columns, not to the longest value in them. */
  [part~='table'] {
    min-width: min-content;
  }
  .row {
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: center;
    border-bottom: 1px solid var(--_border);
  }
  .row > [role='gridcell'],
  .row > [role='columnheader'] {
    padding: 0.35rem 0.5rem;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  [part~='header'] {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_bg);
    color: var(--_muted);
    font-weight: 600;
    white-space: nowrap;
  }
  button.sort {
    all: unset;
    cursor: pointer;
  }
  [aria-sort='ascending'] button.sort::after {
    content: ' ▲';
  }
  [aria-sort='descending'] button.sort::after {
    content: ' ▼';
  }
  /* Rendering of off-screen rows is skipped, which keeps pages of hundreds of rows smooth. */
  .row.study,
  .row.series {
    content-visibility: auto;
    contain-intrinsic-size: auto 2.4rem;
    cursor: pointer;
  }
  .row.study:hover,
  .row.series:hover {
    background: var(--_row-hover);
  }
  .row.study[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 16%, transparent);
  }
  .row.study[data-priority='stat'] {
    background: var(--rad-color-stat, light-dark(#fff1f0, #3a1c1c));
    box-shadow: inset 4px 0 0 var(--_danger);
  }
  .row.study[data-priority='stat'][aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 16%, var(--rad-color-stat, light-dark(#fff1f0, #3a1c1c)));
  }
  [data-column='birthDateSex'],
  [data-column='accessionNumber'],
  [data-column='studyDateTime'],
  [data-column='counts'],
  [data-column='turnaround'] {
    white-space: nowrap;
  }
  /* The expander column is narrow: its cell gives the button all of it. */
  .row > [role='gridcell']:has(> .expander) {
    padding-inline: 0;
    text-align: center;
  }
  .expander {
    all: unset;
    cursor: pointer;
    padding: 0 0.3rem;
    color: var(--_muted);
  }
  .badge {
    display: inline-block;
    padding: 0.05rem 0.45rem;
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: 600;
    border: 1px solid var(--_border);
    background: var(--_bg);
    white-space: nowrap;
  }
  .badge[data-priority='stat'] {
    /* The page colour on the danger colour: legible in both schemes (white failed on dark's red). */
    color: var(--_bg);
    background: var(--_danger);
    border-color: var(--_danger);
  }
  .badge[data-priority='urgent'] {
    color: light-dark(#8a4b00, #fdb022);
    border-color: currentColor;
  }
  .badge[data-status='unread'] {
    color: var(--_accent);
    border-color: currentColor;
  }
  .badge[data-status='preliminary'] {
    color: light-dark(#8a4b00, #fdb022);
    border-color: currentColor;
  }
  .badge[data-status='final'],
  .badge[data-status='amended'] {
    color: light-dark(#067647, #47cd89);
    border-color: currentColor;
  }
  .clock[data-overdue] {
    color: var(--_danger);
    font-weight: 600;
  }
  .row.series {
    background: color-mix(in srgb, var(--_row-hover) 60%, transparent);
  }
  .row.series > .span {
    grid-column: 1 / -1;
    display: flex;
    align-items: center;
    gap: 0.75rem;
    padding-inline-start: 2.5rem;
  }
  .series-text {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
  }
  [part~='priors'] {
    border-top: 1px solid var(--_border);
    padding: var(--_space);
  }
  [part~='priors'] h3 {
    font-size: 1em;
    margin: 0 0 0.4rem;
  }
  [part~='priors'] ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  [part~='priors'] li button {
    all: unset;
    display: flex;
    gap: 0.6rem;
    cursor: pointer;
    padding: 0.2rem 0.3rem;
    border-radius: 4px;
  }
  [part~='priors'] li button:focus-visible {
    outline: var(--_focus);
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
