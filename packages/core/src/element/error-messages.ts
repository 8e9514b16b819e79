import { msg, str } from '@lit/localize';
import {
  dicomReasonText,
  DicomWebError,
  ERROR_TEXTS as EN,
  reasonCode,
  ViewerError,
  type DicomWebErrorKind,
} from '../dicomweb/errors.js';

const errorKindMessage = (kind: DicomWebErrorKind): string =>
  ({
    'not-configured': msg(EN['not-configured'], { id: 'error.not-configured' }),
    network: msg(EN.network, { id: 'error.network' }),
    timeout: msg(EN.timeout, { id: 'error.timeout' }),
    aborted: msg(EN.aborted, { id: 'error.aborted' }),
    unauthorized: msg(EN.unauthorized, { id: 'error.unauthorized' }),
    forbidden: msg(EN.forbidden, { id: 'error.forbidden' }),
    'not-found': msg(EN['not-found'], { id: 'error.not-found' }),
    server: msg(EN.server, { id: 'error.server' }),
    http: msg(EN.http, { id: 'error.http' }),
    'bad-response': msg(EN['bad-response'], { id: 'error.bad-response' }),
    'bad-file': msg(EN['bad-file'], { id: 'error.bad-file' }),
    unsupported: msg(EN.unsupported, { id: 'error.unsupported' }),
  })[kind];

/** A user-facing, localized message for a failure (never patient data). */
export function errorMessage(error: unknown): string {
  if (error instanceof ViewerError) {
    const detail = error.detail ?? '';
    return error.kind === 'no-size'
      ? msg('The image area has no size. Give the element a height (for example 480px).', { id: 'error.no-size' })
      : msg(str`The viewer could not start: ${detail}`, { id: 'error.client' });
  }
  if (!(error instanceof DicomWebError)) return errorKindMessage('bad-response');
  const text = errorKindMessage(error.kind);
  if (error.reason !== undefined) {
    const [code, reason] = [reasonCode(error.reason), dicomReasonText(error.reason)];
    return msg(str`${text} (HTTP ${error.status}, DICOM reason ${code}: ${reason})`, { id: 'error.with-reason' });
  }
  return error.status ? msg(str`${text} (HTTP ${error.status})`, { id: 'error.with-status' }) : text;
}
