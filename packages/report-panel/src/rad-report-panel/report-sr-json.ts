// Reports and reviews read back from the archive (DICOM JSON from WADO-RS metadata): the documents
// `report-sr.ts` writes, and TID 2000 reports of other systems with the same headings.
import {
  numberValue,
  personNameValue,
  sequenceItems,
  stringValue,
  type DicomJsonDataset,
  type SrCode,
} from '@telerad/core';
import {
  emptySections,
  RADPEER_SCORES,
  SECTION_IDS,
  type Addendum,
  type CriticalCommunication,
  type ImageReference,
  type PeerReview,
  type Reader,
  type SignedReport,
} from './report-model.js';
import { CODES, SECTION_CODES } from './report-sr.js';

type Code = SrCode;

/** ISO date-time (local) of a DICOM DT. */
const isoOf = (dt: string) =>
  dt.length >= 14
    ? `${dt.slice(0, 4)}-${dt.slice(4, 6)}-${dt.slice(6, 8)}T${dt.slice(8, 10)}:${dt.slice(10, 12)}:${dt.slice(12, 14)}`
    : '';

const CONTENT = '0040A730';
const conceptOf = (dataset: DicomJsonDataset) => {
  const concept = sequenceItems(dataset, '0040A043')[0];
  return concept && `${stringValue(concept, '00080102')}:${stringValue(concept, '00080100')}`;
};
const is = (dataset: DicomJsonDataset, c: Code) => conceptOf(dataset) === `${c.CodingSchemeDesignator}:${c.CodeValue}`;
const childrenOf = (dataset: DicomJsonDataset) => sequenceItems(dataset, CONTENT);
const textOf = (items: DicomJsonDataset[], c: Code) => stringValue(items.find((i) => is(i, c)) ?? {}, '0040A160');
const nameOf = (items: DicomJsonDataset[], c: Code) =>
  personNameValue(items.find((i) => is(i, c)) ?? {}, '0040A123')?.Alphabetic;

/**
 * The reader named by the observer context (TID 1002) in `items`; for a whole document without one
 * (other systems' reports), the header's Verifying Observer, else its Author Observer.
 */
function readerOf(items: DicomJsonDataset[], document?: DicomJsonDataset): Reader {
  const name = nameOf(items, CODES.observerName);
  if (!name && document) return headerReaderOf(document);
  const subspecialty = textOf(items, CODES.subspecialty);
  const organization = textOf(items, CODES.observerOrganization);
  return {
    name: name ?? '',
    id: textOf(items, CODES.readerId) ?? '',
    ...(subspecialty ? { subspecialty } : {}),
    ...(organization ? { organization } : {}),
  };
}

function headerReaderOf(document: DicomJsonDataset): Reader {
  const verifier = sequenceItems(document, '0040A073')[0];
  if (verifier) {
    const organization = stringValue(verifier, '0040A027');
    return {
      name: personNameValue(verifier, '0040A075')?.Alphabetic ?? '',
      id: stringValue(sequenceItems(verifier, '0040A088')[0] ?? {}, '00080100') ?? '',
      ...(organization ? { organization } : {}),
    };
  }
  const author = sequenceItems(document, '0040A078')[0];
  const organization = author && stringValue(author, '00080080');
  return {
    name: (author && personNameValue(author, '0040A123')?.Alphabetic) ?? '',
    id: '',
    ...(organization ? { organization } : {}),
  };
}

const contentDateTime = (dataset: DicomJsonDataset) =>
  isoOf(`${stringValue(dataset, '00080023') ?? ''}${(stringValue(dataset, '00080033') ?? '').slice(0, 6)}`);

/** Whether an SR is a peer review written by `peerReviewDataset`. */
export const isPeerReview = (dataset: DicomJsonDataset) => is(dataset, CODES.peerReview);

/** The communication recorded in a critical-result container, if any. */
function communicationOf(content: DicomJsonDataset[]): CriticalCommunication | undefined {
  const recipient = textOf(content, CODES.criticalRecipient);
  if (!recipient) return undefined;
  const time = content.find((i) => is(i, CODES.criticalTime));
  const communicatedAt = isoOf(stringValue(time ?? {}, '0040A120') ?? '');
  return { recipient, communicatedAt, method: textOf(content, CODES.criticalMethod) ?? '' };
}

/** A report written by `reportDataset` (or any TID 2000 report with these headings). */
export function reportFromJson(dataset: DicomJsonDataset): SignedReport {
  const content = childrenOf(dataset);
  const sections = emptySections();
  const references: ImageReference[] = [];
  for (const id of SECTION_IDS) {
    const section = content.find((i) => is(i, SECTION_CODES[id].heading));
    if (!section) continue;
    const items = childrenOf(section);
    sections[id] = items
      .filter((i) => stringValue(i, '0040A040') === 'TEXT')
      .map((i) => stringValue(i, '0040A160') ?? '')
      .join('\n');
    for (const image of items.filter((i) => stringValue(i, '0040A040') === 'IMAGE')) {
      const sop = sequenceItems(image, '00081199')[0];
      if (sop)
        references.push({
          sopInstanceUID: stringValue(sop, '00081155') ?? '',
          frame: numberValue(sop, '00081160') ?? 1,
        });
    }
  }
  const criticalItems = content.find((i) => is(i, CODES.critical));
  const communication = criticalItems && communicationOf(childrenOf(criticalItems));
  const addenda: Addendum[] = content
    .filter((i) => is(i, CODES.addendum))
    .map((a) => ({
      text: textOf(childrenOf(a), CODES.addendumText) ?? '',
      reader: readerOf(childrenOf(a)),
      signedAt: isoOf(stringValue(a, '0040A032') ?? ''),
    }));
  const predecessor = sequenceItems(dataset, '0040A360')
    .flatMap((s) => sequenceItems(s, '00081115'))
    .flatMap((s) => sequenceItems(s, '00081199'))
    .map((s) => stringValue(s, '00081155'))[0];
  const preliminary =
    stringValue(dataset, '0040A496') === 'PRELIMINARY' || stringValue(dataset, '0040A493') !== 'VERIFIED';
  return {
    studyInstanceUID: stringValue(dataset, '0020000D') ?? '',
    seriesInstanceUID: stringValue(dataset, '0020000E') ?? '',
    sopInstanceUID: stringValue(dataset, '00080018') ?? '',
    status: preliminary ? 'preliminary' : addenda.length ? 'amended' : 'final',
    reader: readerOf(content, dataset),
    signedAt: contentDateTime(dataset),
    sections,
    critical: Boolean(criticalItems),
    ...(communication ? { communication } : {}),
    addenda,
    references,
    ...(predecessor ? { predecessorUID: predecessor } : {}),
  };
}

/** A review written by `peerReviewDataset`. */
export function peerReviewFromJson(dataset: DicomJsonDataset): PeerReview | undefined {
  const content = childrenOf(dataset);
  const scoreItem = content.find((i) => is(i, CODES.radpeerScore));
  const scoreCode = stringValue(sequenceItems(scoreItem ?? {}, '0040A168')[0] ?? {}, '00080100') ?? '';
  const score = RADPEER_SCORES.find((s) => scoreCode === `RADPEER-${s}`);
  const reviewed = content.find((i) => is(i, CODES.reviewedReport));
  const reviewedReportUID = stringValue(sequenceItems(reviewed ?? {}, '00081199')[0] ?? {}, '00081155');
  if (!score || !reviewedReportUID) return undefined;
  return {
    studyInstanceUID: stringValue(dataset, '0020000D') ?? '',
    sopInstanceUID: stringValue(dataset, '00080018') ?? '',
    score,
    comment: textOf(content, CODES.reviewComment) ?? '',
    reviewer: readerOf(content),
    reviewedAt: contentDateTime(dataset),
    reviewedReportUID,
  };
}
