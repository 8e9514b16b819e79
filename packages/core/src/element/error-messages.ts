import { msg, str } from '@lit/localize';
import { DicomWebError, ViewerError, type DicomWebErrorKind } from '../dicomweb/errors.js';

const errorKindMessage = (kind: DicomWebErrorKind): string =>
  ({
    'not-configured': msg('No image archive is configured.', { id: 'error.not-configured' }),
    network: msg('The image archive could not be reached.', { id: 'error.network' }),
    timeout: msg('The image archive did not answer in time.', { id: 'error.timeout' }),
    aborted: msg('The request was cancelled.', { id: 'error.aborted' }),
    unauthorized: msg('Sign-in is required to access the image archive.', { id: 'error.unauthorized' }),
    forbidden: msg('You do not have permission to access these studies.', { id: 'error.forbidden' }),
    'not-found': msg('The requested data was not found in the image archive.', { id: 'error.not-found' }),
    server: msg('The image archive reported an internal error.', { id: 'error.server' }),
    http: msg('The image archive refused the request.', { id: 'error.http' }),
    'bad-response': msg('The image archive sent a response that could not be read.', { id: 'error.bad-response' }),
    'bad-file': msg('The image file is damaged or is not valid DICOM.', { id: 'error.bad-file' }),
    unsupported: msg('This data cannot be displayed.', { id: 'error.unsupported' }),
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
  return error.status ? msg(str`${text} (HTTP ${error.status})`, { id: 'error.with-status' }) : text;
}
