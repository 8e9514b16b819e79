import { provide } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { dicomWebContext } from '../context.js';
import type { TokenProvider } from '../dicomweb/auth.js';
import { DicomWebService } from '../dicomweb/dicomweb-service.js';
import type { ServerQuirks } from '../dicomweb/server-quirks.js';

/**
 * Provides a DICOMweb service to every Telerad element inside it, through @lit/context: no globals,
 * and several archives can coexist on one page.
 *
 * @tag rad-dicomweb
 * @summary Connects the elements inside it to a DICOMweb server.
 * @slot - The elements that use this server.
 */
export class RadDicomweb extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of the DICOMweb service, e.g. `/dicom-web` or `https://pacs.example.org/dicom-web`. */
  @property({ reflect: true }) url = '';

  /** Space-separated origins that may receive credentials; defaults to the origin of `url`. */
  @property({ attribute: 'auth-origins' }) authOrigins = '';

  /** Request timeout in milliseconds. */
  @property({ type: Number, attribute: 'timeout-ms' }) timeoutMs = 30_000;

  /** Supplies a bearer token or headers before each request (sent only to allowlisted origins). */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /** Where the server departs from the DICOMweb standard (list separator, paging); see `ServerQuirks`. */
  @property({ attribute: false }) quirks?: Partial<ServerQuirks>;

  /** The service provided to descendants; replaced whenever the configuration changes. */
  @provide({ context: dicomWebContext })
  @property({ attribute: false })
  service?: DicomWebService;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('url') ||
      changed.has('authOrigins') ||
      changed.has('tokenProvider') ||
      changed.has('timeoutMs') ||
      changed.has('quirks')
    ) {
      const origins = this.authOrigins.split(/\s+/).filter(Boolean);
      this.service = this.url
        ? new DicomWebService({
            url: this.url,
            tokenProvider: this.tokenProvider,
            authOrigins: origins.length ? origins : undefined,
            timeoutMs: this.timeoutMs,
            quirks: this.quirks,
          })
        : undefined;
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-dicomweb': RadDicomweb;
  }
}
