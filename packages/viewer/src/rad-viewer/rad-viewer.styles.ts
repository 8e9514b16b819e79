import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    /* A host's width (100%, a tablet's 768 px) includes the frame. */
    box-sizing: border-box;
    --_height: var(--rad-viewer-height, 70vh);
    container-type: inline-size;
  }
  .viewer {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .toolbar .title {
    margin-right: auto;
  }
  button {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.3rem 0.7rem;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    color: var(--_bg);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  :is(button, input):focus-visible {
    outline: var(--_focus);
    outline-offset: 1px;
  }
  .check {
    display: flex;
    gap: 0.3rem;
    align-items: center;
  }
  input.fps {
    width: 3.5rem;
    font: inherit;
  }
  .workspace {
    display: grid;
    grid-template-columns: 9rem minmax(0, 1fr) minmax(18rem, 26rem);
    gap: var(--_space);
    min-height: var(--_height);
  }
  .strip {
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
    overflow-y: auto;
    max-height: var(--_height);
  }
  .strip button {
    display: grid;
    justify-items: center;
    gap: 0.2rem;
    padding: 0.3rem;
    font-size: 0.8em;
  }
  .strip .description {
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .strip button[aria-pressed='true'] .description {
    color: inherit;
  }
  .grid {
    display: grid;
    gap: 2px;
    height: var(--_height);
    background: var(--_border);
  }
  .grid[data-layout='1x2'] {
    grid-template-columns: 1fr 1fr;
  }
  .grid[data-layout='mpr'] {
    grid-template-columns: 1fr 1fr 1fr;
  }
  .grid[data-layout='2x2'],
  .grid[data-layout='fusion'] {
    grid-template-columns: 1fr 1fr;
    grid-template-rows: 1fr 1fr;
  }
  .slot {
    position: relative;
    display: grid;
    min-height: 0;
    min-width: 0;
    background: #000;
    outline: 2px solid transparent;
    outline-offset: -2px;
  }
  .slot[data-active] {
    outline-color: var(--_accent);
  }
  .slot rad-viewport {
    height: 100%;
    min-height: 0;
  }
  .empty {
    place-self: center;
    color: #aaa;
    text-align: center;
    padding: 1rem;
  }
  .badge {
    position: absolute;
    top: 3rem;
    left: 0.5rem;
    padding: 0.1rem 0.4rem;
    color: #000;
    background: #ffd166;
    border-radius: 4px;
    font-size: 0.8em;
    pointer-events: none;
  }
  rad-report-panel {
    min-width: 0;
    max-height: var(--_height);
    overflow-y: auto;
  }
  .message {
    margin: 0;
    padding: var(--_space);
  }
  .message.error,
  .locked {
    border: 1px solid var(--_danger);
    border-radius: calc(var(--_radius) - 2px);
    color: var(--_danger);
  }
  .locked {
    display: grid;
    gap: var(--_space);
    justify-items: start;
    margin: var(--_space);
    padding: 2rem;
  }
  .studies {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  /* Referring mode: large touch targets, images first. */
  :host([mode='referring']) button {
    min-height: 44px;
    min-width: 44px;
    padding: 0.5rem 1rem;
  }
  :host([mode='referring']) rad-viewport::part(scrollbar),
  :host([mode='referring']) input.fps {
    min-height: 44px;
  }
  @container (max-width: 60rem) {
    .workspace {
      grid-template-columns: 1fr;
    }
    .strip {
      flex-direction: row;
      overflow-x: auto;
      max-height: none;
    }
    rad-report-panel {
      max-height: none;
    }
  }
`;
