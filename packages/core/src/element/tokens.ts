import { css } from 'lit';

/**
 * Design tokens shared by every element: each `--rad-*` custom property has a light default and
 * follows `prefers-color-scheme`; hosts override any of them, or set `color-scheme` on the host.
 */
export const tokens = css`
  :host {
    --_bg: var(--rad-color-background, light-dark(#ffffff, #15181d));
    --_fg: var(--rad-color-text, light-dark(#1b1f24, #e6e8eb));
    --_muted: var(--rad-color-text-muted, light-dark(#5b6470, #9aa3ad));
    --_border: var(--rad-color-border, light-dark(#d5dae0, #2e343c));
    --_row-hover: var(--rad-color-row-hover, light-dark(#f1f4f8, #1f242b));
    --_accent: var(--rad-color-accent, light-dark(#0b62c4, #5aa2f0));
    --_danger: var(--rad-color-danger, light-dark(#b42318, #f97066));
    --_warning: var(--rad-color-warning, light-dark(#8a5a00, #fdb022));
    --_focus: var(--rad-focus-ring, 2px solid var(--_accent));
    --_font: var(--rad-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--rad-font-size, 0.875rem);
    --_radius: var(--rad-radius, 6px);
    --_space: var(--rad-space, 0.5rem);
    color-scheme: light dark;
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_fg);
  }
`;

/** The framed surface every element draws on (background, border, rounded corners), and `hidden`. */
export const surface = css`
  :host {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
`;

/** The primary action button every element draws (elements vary the secondary kinds). */
export const buttons = css`
  button {
    font: inherit;
    color: var(--_bg);
    background: var(--_accent);
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.3rem 0.9rem;
    cursor: pointer;
  }
`;
