import { provide } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators/property.js';
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

  /** The reformats inside share their window: one set on any is set on all. */
  @property({ type: Boolean, attribute: 'sync-window', reflect: true }) syncWindow = false;

  /** The reformats inside share their zoom. */
  @property({ type: Boolean, attribute: 'sync-zoom', reflect: true }) syncZoom = false;

  protected override willUpdate(): void {
    this.group.sync.window = this.syncWindow;
    this.group.sync.zoom = this.syncZoom;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-rendering-group': RadRenderingGroup;
  }
}
