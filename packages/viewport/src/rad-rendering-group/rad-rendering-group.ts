import { provide } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { RenderingGroup, renderingContext } from './rendering-context.js';

/**
 * Gives the `<rad-viewport>`s inside it a rendering engine of their own (one WebGL context pool),
 * e.g. to keep a hanging protocol's viewports apart from a thumbnail strip. Viewports outside any
 * group share one engine per page.
 *
 * @tag rad-rendering-group
 * @summary A rendering engine shared by the viewports inside it.
 * @slot - The viewports (at any depth).
 */
export class RadRenderingGroup extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The engine the viewports inside share, provided to them through context. */
  @provide({ context: renderingContext })
  readonly group = new RenderingGroup();

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-rendering-group': RadRenderingGroup;
  }
}
