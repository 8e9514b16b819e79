// `<rad-viewer>`'s settings: its attributes and the properties a host sets, which the element
// (rad-viewer.ts) reacts to. A class of their own so that the element's file holds its behaviour.
import { RadElement, type DicomWebService, type TokenProvider } from '@telerad/core';
import type { DraftStore, Reader } from '@telerad/report-panel';
import { property } from 'lit/decorators/property.js';
import { FHIRCAST_EVENTS } from './fhircast-follower.js';
import type { ViewerLayout } from './layouts.js';
import type { SmartSettings } from './smart-controller.js';
import { SMART_SCOPE } from './smart-launch.js';
import type { ViewerMode } from './viewer-view.js';

/** Space-separated values (`token-origins`, `fhircast-follow`). */
const listConverter = {
  fromAttribute: (value: string | null): string[] => (value ?? '').split(/\s+/).filter(Boolean),
  toAttribute: (origins: string[]) => origins.join(' '),
};

/** The settings of `<rad-viewer>` (see there). */
export class RadViewerSettings extends RadElement {
  /** radiologist (worklist, all tools, authoring) or referring (read-only report, simple tools, large targets). */
  @property({ reflect: true }) mode: ViewerMode = 'radiologist';
  /** DICOMweb root; or give `service`, or place the viewer in a `<rad-dicomweb>`. */
  @property() url = '';
  /** Gives each DICOMweb request its bearer token (allowlisted origins only), with `url`. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;
  /** A DICOMweb service to use instead of `url` or an enclosing `<rad-dicomweb>`. */
  @property({ attribute: false }) service?: DicomWebService;
  /** Read an IHE IID launch from the page URL (or from `launch`). */
  @property({ type: Boolean }) iid = false;
  /** An IID launch as a query string ("requestType=STUDY&studyUID=…"), instead of the page URL. */
  @property() launch = '';
  /** '1x1', '1x2', '2x2' side by side; 'mpr': a series in 3 planes; 'fusion': CT, PET, fused, PET MIP. */
  @property({ reflect: true }) layout: ViewerLayout = '1x1';
  /** Show the worklist (radiologist mode only). */
  @property({ type: Boolean }) worklist = true;
  /** Studies per worklist page (a group's worklist of thousands is paged by the archive). */
  @property({ type: Number, attribute: 'worklist-page-size' }) worklistPageSize = 50;
  /** Minutes without activity before the viewer locks and clears itself (0: never). */
  @property({ type: Number, attribute: 'idle-minutes' }) idleMinutes = 0;
  /** The signed-in radiologist, for report sign-off and audit records. */
  @property({ attribute: false }) reader?: Reader;
  /** Where unsigned drafts go (kept across an idle lock); in memory unless the host gives one. */
  @property({ attribute: false }) draftStore?: DraftStore;
  /** Where the codecs' .wasm files are served, when the page's bundler did not emit them. */
  @property({ attribute: 'codec-base-path' }) codecBasePath?: string;
  /**
   * Launch the SMART way: an EHR launch (`iss` and `launch` in the page URL) is authorized with
   * `smart-client-id`, and the redirect back (`code`, `state`) completed; the launch's ImagingStudy
   * is then opened from its DICOMweb endpoint with the access token.
   */
  @property({ type: Boolean }) smart = false;
  /** The client id registered with the EHR's authorization server. */
  @property({ attribute: 'smart-client-id' }) smartClientId = '';
  /** The scopes asked for (SMART v2; v1 forms for a server without v2). */
  @property({ attribute: 'smart-scope' }) smartScope = SMART_SCOPE;
  /** Where the authorization server sends the user back (default: this page's address, without its query). */
  @property({ attribute: 'smart-redirect-uri' }) smartRedirectUri = '';
  /**
   * Origins besides the FHIR server's that may receive the SMART access token (a DICOMweb archive
   * elsewhere); a study's archive on any other origin is not opened.
   */
  @property({ attribute: 'token-origins', converter: listConverter }) tokenOrigins: string[] = [];

  /**
   * The FHIRcast events the viewer follows in the session a SMART launch gives (space-separated;
   * default: Patient-, ImagingStudy- and DiagnosticReport- open and close, DiagnosticReport-update).
   * `ImagingStudy-open` (and a `DiagnosticReport-open` with its study) opens the study,
   * `ImagingStudy-close` closes it; each is announced by `rad-context-change`.
   */
  @property({ attribute: 'fhircast-follow', converter: listConverter }) fhircastFollow: string[] = FHIRCAST_EVENTS;

  /** The SMART settings as a launch takes them. */
  protected get smartOptions(): SmartSettings {
    const redirect = this.smartRedirectUri ? { redirectUri: this.smartRedirectUri } : {};
    return { clientId: this.smartClientId, scope: this.smartScope, ...redirect, tokenOrigins: this.tokenOrigins };
  }
}
