import { msg, str } from '@lit/localize';
import type { RadpeerScore, ReportStatus, SectionId } from './report-model.js';

export const statusLabel = (status: ReportStatus): string =>
  ({
    draft: msg('DRAFT', { id: 'report.status.draft' }),
    preliminary: msg('PRELIMINARY', { id: 'report.status.preliminary' }),
    final: msg('FINAL', { id: 'report.status.final' }),
    amended: msg('AMENDED', { id: 'report.status.amended' }),
  })[status];

export const sectionLabel = (id: SectionId): string =>
  ({
    clinical: msg('Clinical information', { id: 'report.section.clinical' }),
    technique: msg('Technique', { id: 'report.section.technique' }),
    comparison: msg('Comparison', { id: 'report.section.comparison' }),
    findings: msg('Findings', { id: 'report.section.findings' }),
    impression: msg('Impression', { id: 'report.section.impression' }),
  })[id];

export const radpeerLabel = (score: RadpeerScore): string =>
  ({
    '1': msg('1 — Concur with interpretation', { id: 'report.radpeer.1' }),
    '2a': msg('2a — Understandable miss, not clinically significant', { id: 'report.radpeer.2a' }),
    '2b': msg('2b — Understandable miss, clinically significant', { id: 'report.radpeer.2b' }),
    '3a': msg('3a — Should be made most of the time, not clinically significant', { id: 'report.radpeer.3a' }),
    '3b': msg('3b — Should be made most of the time, clinically significant', { id: 'report.radpeer.3b' }),
    '4a': msg('4a — Should be made almost every time, not clinically significant', { id: 'report.radpeer.4a' }),
    '4b': msg('4b — Should be made almost every time, clinically significant', { id: 'report.radpeer.4b' }),
  })[score];

export const texts = () => ({
  panel: msg('Radiology report', { id: 'report.panel' }),
  template: msg('Template', { id: 'report.template' }),
  reader: msg('Reader', { id: 'report.reader' }),
  noReader: msg('No reader is signed in: signing is disabled.', { id: 'report.no-reader' }),
  loading: msg('Loading report…', { id: 'report.loading' }),
  noReport: msg('No report yet.', { id: 'report.none' }),
  critical: msg('Critical finding', { id: 'report.critical' }),
  toCommunicationForm: msg('Record the communication', { id: 'report.to-communication-form' }),
  templateText: msg('Template text, not edited yet', { id: 'report.template-text' }),
  signFinalAsIs: msg('Sign final with this text', { id: 'report.sign-final-as-is' }),
  signPreliminaryAsIs: msg('Sign preliminary with this text', { id: 'report.sign-preliminary-as-is' }),
  criticalNeedsCommunication: msg('Record who was told of the critical finding before signing the final report.', {
    id: 'report.critical-needs-communication',
  }),
  recipient: msg('Communicated to', { id: 'report.recipient' }),
  communicatedAt: msg('When', { id: 'report.communicated-at' }),
  method: msg('How', { id: 'report.method' }),
  criticalRecord: msg('Critical result communicated', { id: 'report.critical-record' }),
  signPreliminary: msg('Sign preliminary', { id: 'report.sign-preliminary' }),
  signFinal: msg('Sign final', { id: 'report.sign-final' }),
  signing: msg('Storing…', { id: 'report.signing' }),
  retry: msg('Retry', { id: 'report.retry' }),
  addendum: msg('Addendum', { id: 'report.addendum' }),
  signAddendum: msg('Sign addendum', { id: 'report.sign-addendum' }),
  history: msg('Report history', { id: 'report.history' }),
  open: msg('Open', { id: 'report.open' }),
  insertMeasurement: msg('Insert measurement…', { id: 'report.insert-measurement' }),
  insertComparison: msg('Insert comparison…', { id: 'report.insert-comparison' }),
  conflictSignAnyway: msg('Sign anyway', { id: 'report.conflict-sign-anyway' }),
  peerReview: msg('Peer review', { id: 'report.peer-review' }),
  score: msg('RADPEER score', { id: 'report.score' }),
  comment: msg('Comment', { id: 'report.comment' }),
  submitReview: msg('Submit review', { id: 'report.submit-review' }),
  nothingToReview: msg('There is no final report to review.', { id: 'report.nothing-to-review' }),
  review: msg('Review', { id: 'report.review' }),
  newDraft: msg('Back to the current report', { id: 'report.new-draft' }),
  secondOpinion: msg('Second opinion', { id: 'report.second-opinion' }),
});

export const storeFailed = (reason: string) =>
  msg(str`The report was not stored: ${reason} Your text is kept.`, { id: 'report.store-failed' });
export const conflictWarning = (reader: string, time: string) =>
  msg(str`Another report was signed for this study after you opened it (${reader}, ${time}).`, {
    id: 'report.conflict',
  });
export const concurrentWarning = (reader: string, time: string) =>
  msg(str`Another report was signed at the same time as yours (${reader}, ${time}). Both are stored.`, {
    id: 'report.concurrent',
  });
/** "Signed by <reader>, <time>", or "Signed <time>" for a report that does not name its reader. */
export const signedBy = (reader: string, time: string) =>
  reader
    ? msg(str`Signed by ${reader}, ${time}`, { id: 'report.signed-by' })
    : msg(str`Signed ${time}`, { id: 'report.signed-at' });
export const templateTextUnread = (sections: string) =>
  msg(str`Still the template's normal text, not edited: ${sections}. Sign only if you read the images and agree.`, {
    id: 'report.template-text-unread',
  });
export const unsavedElsewhere = (count: number) =>
  msg(str`Unsigned drafts kept for ${count} other studies.`, { id: 'report.unsaved-elsewhere' });
export const measurementSentence = (what: string, image: string) =>
  msg(str`${what} (${image}).`, { id: 'report.measurement-sentence' });
/** An image by its place in the stack the reader scrolls, as the viewport's counter shows it. */
export const imageRef = (series: string, position: number, count: number) =>
  msg(str`series ${series}, image ${position} of ${count}`, { id: 'report.image-ref' });
/** The Instance Number, always labelled so: it may run opposite to the stack position. */
export const instanceRef = (instance: string) => msg(str`instance no. ${instance}`, { id: 'report.instance-ref' });
/** A reformat's slice: "Coronal reformat, slice 22 of 64". */
export const sliceRef = (plane: string, position: number, count: number) =>
  msg(str`${plane}, slice ${position} of ${count}`, { id: 'report.slice-ref' });
export const seriesRef = (series: string) => msg(str`series ${series}`, { id: 'report.series-ref' });
export const comparisonLine = (description: string, date: string) =>
  msg(str`${description} dated ${date}.`, { id: 'report.comparison-line' });
