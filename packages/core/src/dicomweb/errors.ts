/** What went wrong, in categories an element can show and a host can act on. */
export type DicomWebErrorKind =
  | 'not-configured'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'server'
  | 'http'
  | 'bad-response'
  | 'bad-file'
  | 'unsupported';

/** The English text of each kind: `message`, and the source text the locales translate (`errorMessage`). */
export const ERROR_TEXTS: Record<DicomWebErrorKind, string> = {
  'not-configured': 'No image archive is configured.',
  network: 'The image archive could not be reached.',
  timeout: 'The image archive did not answer in time.',
  aborted: 'The request was cancelled.',
  unauthorized: 'Sign-in is required to access the image archive.',
  forbidden: 'You do not have permission to access these studies.',
  'not-found': 'The requested data was not found in the image archive.',
  server: 'The image archive reported an internal error.',
  http: 'The image archive refused the request.',
  'bad-response': 'The image archive sent a response that could not be read.',
  'bad-file': 'The image file is damaged or is not valid DICOM.',
  unsupported: 'This data cannot be displayed.',
};

/**
 * What a STOW-RS Failure or Warning Reason code means (PS3.4 B.2.3 and PS3.18 10.5.3): the
 * archive's words for why it refused an instance, or what it changed in one it stored.
 */
export function dicomReasonText(reason: number): string {
  const exact: Record<number, string> = {
    0x0110: 'processing failure',
    0x0122: 'SOP class not supported',
    0x0124: 'not authorized',
    0xb000: 'attributes coerced',
    0xb006: 'attributes discarded',
    0xb007: 'data set does not match its SOP class',
  };
  if (exact[reason]) return exact[reason];
  const range = reason & 0xff00;
  if (range === 0xa700) return 'out of resources';
  if (range === 0xa900) return 'data set does not match its SOP class';
  if ((reason & 0xf000) === 0xc000) return 'cannot understand';
  return 'unknown reason';
}

/** A reason code as the standard writes it: 0x0110. */
export const reasonCode = (reason: number) => `0x${reason.toString(16).toUpperCase().padStart(4, '0')}`;

function userMessage(kind: DicomWebErrorKind, status: number, reason: number | undefined): string {
  const why = reason === undefined ? '' : `DICOM reason ${reasonCode(reason)}: ${dicomReasonText(reason)}`;
  const notes = [status ? `HTTP ${status}` : '', why].filter(Boolean);
  return notes.length ? `${ERROR_TEXTS[kind]} (${notes.join(', ')})` : ERROR_TEXTS[kind];
}

function kindForStatus(status: number): DicomWebErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'server';
  return 'http';
}

/**
 * The one error type of DICOMweb calls. `message` is safe to show to a user and to log: it never
 * contains query parameters (which may carry patient data).
 */
export class DicomWebError extends Error {
  override name = 'DicomWebError';
  readonly kind: DicomWebErrorKind;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** The request path without its query string. */
  readonly path: string;
  /** Technical detail for developers (never patient data). */
  readonly detail?: string;
  /**
   * The DICOM reason the archive gave, where it gave one: the Failure Reason (0008,1197) of a
   * refused STOW-RS instance, e.g. 0x0110 (processing failure) or 0xA900 (data set does not match
   * its SOP class).
   */
  readonly reason?: number;

  constructor(kind: DicomWebErrorKind, status: number, url: string, detail?: string, reason?: number) {
    super(userMessage(kind, status, reason));
    this.kind = kind;
    this.status = status;
    this.path = pathWithoutQuery(url);
    this.detail = detail;
    if (reason !== undefined) this.reason = reason;
  }

  static fromStatus(status: number, url: string): DicomWebError {
    return new DicomWebError(kindForStatus(status), status, url);
  }

  /** The same failure with the DICOM reason the archive gave for it. */
  withReason(reason: number): DicomWebError {
    return new DicomWebError(this.kind, this.status, this.path, this.detail, reason);
  }

  /** Whether retrying the same request may succeed. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'unauthorized';
  }
}

function pathWithoutQuery(url: string): string {
  try {
    return new URL(url, globalThis.location?.href).pathname;
  } catch {
    return url.split('?')[0];
  }
}

/** Failures of the viewer itself, never of the archive: its own code, the image engine, the page's layout. */
export type ViewerErrorKind =
  /** An exception in the element's code or in the engine it runs (Cornerstone3D). */
  | 'client'
  /** The element's image area has no size (the host's CSS gives it no height or width). */
  | 'no-size';

/**
 * A failure on the viewer's side, kept apart from `DicomWebError` so that a host never takes a bug
 * or a layout problem for an archive fault. `status` is always 0 and `path` empty.
 */
export class ViewerError extends Error {
  override name = 'ViewerError';
  readonly kind: ViewerErrorKind;
  readonly status = 0;
  readonly path = '';
  /** What was thrown, for developers (the exception's name and message; never patient data). */
  readonly detail?: string;
  readonly retryable = false;

  constructor(kind: ViewerErrorKind, detail?: string) {
    super(
      kind === 'client' ? `The viewer could not start: ${detail ?? 'unknown error'}` : 'The image area has no size.',
    );
    this.kind = kind;
    this.detail = detail;
  }

  /** A client error for whatever `thrown` is (an Error's name and message, cut to 200 characters). */
  static client(thrown: unknown): ViewerError {
    if (thrown instanceof ViewerError) return thrown;
    const text = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    return new ViewerError('client', text.slice(0, 200));
  }
}

/** A failure as the elements report it: either error as it is, anything else as data that could not be read. */
export function asFailure(error: unknown): DicomWebError | ViewerError {
  if (error instanceof DicomWebError || error instanceof ViewerError) return error;
  return new DicomWebError('bad-response', 0, '', error instanceof Error ? error.message : String(error));
}

/** Whose failure it is: the archive's answer, the viewer's own code, or a file that cannot be read or decoded. */
export type FailureSource = 'archive' | 'viewer' | 'file';

/** Whose failure it is, as `rad-error` says it. */
export const failureSource = (failure: DicomWebError | ViewerError): FailureSource =>
  failure instanceof ViewerError ? 'viewer' : failure.kind === 'bad-file' ? 'file' : 'archive';

/**
 * A failure to parse or decode an image (a damaged file, pixel data that does not match its
 * attributes) as the file's fault; errors that already say whose they are stay as they are.
 */
export function fileFault(error: unknown, url: string): DicomWebError | ViewerError {
  if (error instanceof DicomWebError || error instanceof ViewerError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DicomWebError('bad-file', 0, url, text.slice(0, 200));
}
