import { consume } from '@lit/context';
import { msg } from '@lit/localize';
import { initialState, Task } from '@lit/task';
import { dicomWebContext, holdsImages, RadElement, tokens, type DicomWebService } from '@telerad/core';
import { css, html } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';

import { renderedThumbnail, type ThumbnailService } from './thumbnail-source.js';

export type { ThumbnailService };

/**
 * A series' representative image (its middle instance) rendered by the server (WADO-RS
 * `/rendered`), fetched only once the thumbnail scrolls into view and aborted if it leaves the
 * page first.
 *
 * @tag rad-series-thumbnail
 * @summary A lazily loaded series thumbnail.
 * @csspart image - The thumbnail image.
 * @csspart placeholder - Shown while loading, before it is visible, or when the server cannot render the series.
 * @cssprop --rad-thumbnail-size - Edge length of the thumbnail.
 */
export class RadSeriesThumbnail extends RadElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: inline-block;
        inline-size: var(--rad-thumbnail-size, 4rem);
        block-size: var(--rad-thumbnail-size, 4rem);
        background: #000;
        border-radius: calc(var(--_radius) - 2px);
        overflow: hidden;
      }
      img,
      [part='placeholder'] {
        inline-size: 100%;
        block-size: 100%;
        object-fit: contain;
        display: grid;
        place-items: center;
        color: #aaa;
        font-size: 0.7em;
        text-align: center;
      }
    `,
  ];

  /** A DICOMweb service to use instead of the one provided by an enclosing `<rad-dicomweb>`. */
  @property({ attribute: false }) service?: ThumbnailService;
  /** Study Instance UID of the series. */
  @property({ attribute: 'study-uid' }) studyUid = '';
  /** Series Instance UID: the series whose thumbnail is shown. */
  @property({ attribute: 'series-uid' }) seriesUid = '';
  /** Largest edge, in pixels, asked of the server. */
  @property({ type: Number }) size = 128;
  /** The series' modality: a series of documents (SR, KO, PR…) has no preview and is not asked. */
  @property() modality?: string;

  @consume({ context: dicomWebContext, subscribe: true })
  @state()
  private contextService?: DicomWebService;

  @state() private visible = false;

  #observer?: IntersectionObserver;
  #objectUrl?: string;

  #image = new Task(this, {
    task: async ([service, studyInstanceUID, seriesInstanceUID, size, visible, modality], { signal }) => {
      if (!visible || !service || !studyInstanceUID || !seriesInstanceUID || !holdsImages(modality))
        return initialState;
      const blob = await renderedThumbnail(service, { studyInstanceUID, seriesInstanceUID, size }, signal);
      this.#revoke();
      this.#objectUrl = URL.createObjectURL(blob);
      return this.#objectUrl;
    },
    args: () =>
      [
        this.service ?? this.contextService,
        this.studyUid,
        this.seriesUid,
        this.size,
        this.visible,
        this.modality,
      ] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        this.visible = true;
        this.#observer?.disconnect();
      }
    });
    if (!this.visible) this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    this.#image.abort();
    this.#revoke();
    this.visible = false;
  }

  #revoke(): void {
    if (this.#objectUrl) URL.revokeObjectURL(this.#objectUrl);
    this.#objectUrl = undefined;
  }

  protected override render() {
    const placeholder = (text: string) => html`<span part="placeholder">${text}</span>`;
    if (!holdsImages(this.modality)) return placeholder(msg('No preview', { id: 'thumbnail.none' }));
    return this.#image.render({
      initial: () => placeholder(''),
      pending: () => placeholder('…'),
      complete: (url) => html`<img part="image" src=${url} alt=${msg('Series thumbnail', { id: 'thumbnail.alt' })} />`,
      // The server may be unable to render some data (e.g. codecs it lacks); the series is still usable.
      error: () => placeholder(msg('No preview', { id: 'thumbnail.none' })),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rad-series-thumbnail': RadSeriesThumbnail;
  }
}
