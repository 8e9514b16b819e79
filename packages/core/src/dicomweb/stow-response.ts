// What a STOW-RS response says (PS3.18 10.5.3): the instances stored (with a Warning Reason where
// the archive changed or dropped something), and those refused with their Failure Reason.
import { numberValue, sequenceItems, stringValue, type DicomJsonDataset } from '../dicom/json.js';
import { Tag } from '../dicom/tags.js';
import { DicomWebError } from './errors.js';

/** One instance of a STOW-RS request, with the DICOM reason code the archive gave for it. */
export interface StoreOutcome {
  sopInstanceUID: string;
  /** Failure Reason (0008,1197) or Warning Reason (0008,1196), e.g. 0x0110 processing failure. */
  reason?: number;
}

/** The outcome of a STOW-RS request (PS3.18 10.5.3). */
export interface StoreResult {
  /** SOP Instance UIDs the server stored. */
  stored: string[];
  /** SOP Instance UIDs the server refused. */
  failed: string[];
  /** The refused instances with their Failure Reason. */
  failures: StoreOutcome[];
  /** Stored instances the archive gave a Warning Reason for (coerced or discarded attributes). */
  warnings: StoreOutcome[];
}

const FAILED_SOP_SEQUENCE = '00081198';
const REFERENCED_SOP_SEQUENCE = '00081199';
const FAILURE_REASON = '00081197';
const WARNING_REASON = '00081196';

const outcomes = (body: DicomJsonDataset, sequence: string, reasonTag: string): StoreOutcome[] =>
  sequenceItems(body, sequence).map((item) => {
    const reason = numberValue(item, reasonTag);
    return {
      sopInstanceUID: stringValue(item, Tag.ReferencedSOPInstanceUID) ?? '',
      ...(reason === undefined ? {} : { reason }),
    };
  });

/** The STOW-RS response body as a data set; undefined when it is not DICOM JSON. */
function responseBody(response: unknown): DicomJsonDataset | undefined {
  try {
    const body: unknown = typeof response === 'string' ? JSON.parse(response || '{}') : response;
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as DicomJsonDataset) : undefined;
  } catch {
    return undefined;
  }
}

/** The stored, failed and warned-about instances of a successful (200, 202) STOW-RS response. */
export function storeResultOf(response: unknown, url: string): StoreResult {
  const body = responseBody(response ?? {});
  if (!body) throw new DicomWebError('bad-response', 200, url, 'STOW-RS response is not DICOM JSON');
  const failures = outcomes(body, FAILED_SOP_SEQUENCE, FAILURE_REASON);
  const done = outcomes(body, REFERENCED_SOP_SEQUENCE, WARNING_REASON);
  return {
    stored: done.map((o) => o.sopInstanceUID),
    failed: failures.map((o) => o.sopInstanceUID),
    failures,
    warnings: done.filter((o) => o.reason !== undefined),
  };
}

/**
 * A refused STOW-RS request (409, 400…) with the first Failure Reason its body gives, so the
 * element says why the archive refused rather than only that it did.
 */
export function withFailureReason(error: DicomWebError, response: unknown): DicomWebError {
  const body = responseBody(response);
  const reason =
    body && outcomes(body, FAILED_SOP_SEQUENCE, FAILURE_REASON).find((o) => o.reason !== undefined)?.reason;
  return reason === undefined ? error : error.withReason(reason);
}
