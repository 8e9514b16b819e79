import { toDicomDate } from '../dicom/date-time.js';
import type { Study } from '../dicom/models.js';
import { Tag } from '../dicom/tags.js';

/**
 * A study search. Names and descriptions match as DICOM wildcards (free text without '*' or '?'
 * matches as a prefix); identifiers match exactly unless they contain a wildcard.
 */
export interface StudyQuery {
  patientName?: string;
  patientId?: string;
  /** Issuer of Patient ID: with `patientId`, tells apart the same MRN of two facilities. */
  issuerOfPatientId?: string;
  accessionNumber?: string;
  /** A single ISO date or an inclusive range (either end may be open). */
  studyDate?: string | { from?: string; to?: string };
  modalities?: string[];
  studyDescription?: string;
  referringPhysicianName?: string;
  /** Institution Name (the acquiring facility); free text matches as a prefix. */
  institution?: string;
  /** Exact Study Instance UIDs (list matching). */
  studyInstanceUIDs?: string[];
}

/** A page of a search: `limit` results from `offset` on. */
export interface PageRequest {
  limit: number;
  offset?: number;
}

/** Attributes asked for beyond the QIDO-RS study defaults. */
const STUDY_INCLUDE_FIELDS = [
  Tag.StudyDescription,
  Tag.IssuerOfPatientID,
  Tag.NumberOfStudyRelatedSeries,
  Tag.NumberOfStudyRelatedInstances,
  Tag.RequestedProcedurePriority,
  Tag.InstitutionName,
];

/** Trims, and makes free text a prefix match (DICOM matching has no escape character). */
export function toWildcard(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return /[*?]/.test(trimmed) ? trimmed : `${trimmed}*`;
}

function dateRange(date: StudyQuery['studyDate']): string | undefined {
  if (!date) return undefined;
  if (typeof date === 'string') return toDicomDate(date);
  if (!date.from && !date.to) return undefined;
  return `${date.from ? toDicomDate(date.from) : ''}-${date.to ? toDicomDate(date.to) : ''}`;
}

/**
 * Characters every server matches reliably; a space goes as '?' (Orthanc matches no value
 * containing a space, not even exactly), anything else as '*'; the answer is filtered here.
 */
const SERVER_SAFE = /^[A-Za-z0-9^._\-*?]$/;

/**
 * Splits a wildcard pattern into what to send to the server and whether the server's answer is
 * already exact. Servers differ on non-ASCII and punctuation in matching (Orthanc matches neither
 * "Müller" nor "<b>"), so such characters are widened to '*' on the wire and the results are
 * filtered with `matchesWildcard`.
 */
export function serverSafeWildcard(
  pattern: string,
  { fold = false }: MatchOptions = {},
): { server: string; exact: boolean } {
  let server = '';
  for (const ch of pattern)
    server += SERVER_SAFE.test(ch) && !(fold && MAY_CARRY_ACCENT.test(ch)) ? ch : ch === ' ' ? '?' : '*';
  server = server.replace(/\*+/g, '*');
  return { server, exact: server === pattern };
}

/** How free text is matched: `fold` also ignores accents ("MULLER" finds "Müller"). */
export interface MatchOptions {
  fold?: boolean;
}

/**
 * ASCII letters that stand for accented ones in folded matching (á ç é í ñ ó š ú ü ý ž…): the
 * server, which matches accents exactly (Orthanc), is sent '*' for them.
 */
const MAY_CARRY_ACCENT = /[aeiouycnsz]/i;
/** Latin letters that Unicode does not decompose into a base letter and a mark. */
const OWN_LETTERS: Record<string, string> = {
  ...{ ø: 'o', ł: 'l', đ: 'd', ß: 'ss' },
  ...{ æ: 'ae', œ: 'oe', ı: 'i', þ: 'th' },
};

/** Text with accents removed and case folded, for accent-insensitive matching. */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øłđßæœıþ]/g, (ch) => OWN_LETTERS[ch]);
}

/**
 * DICOM wildcard matching ('*' any run, '?' one character), case-insensitive and Unicode-aware;
 * with `fold`, accent-insensitive too.
 */
export function matchesWildcard(pattern: string, value: string, { fold = false }: MatchOptions = {}): boolean {
  const prepare = (text: string) => (fold ? foldAccents(text) : text.normalize('NFC'));
  const source = [...prepare(pattern)]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'iu').test(prepare(value));
}

type TextFilterKey =
  | 'patientName'
  | 'patientId'
  | 'issuerOfPatientId'
  | 'accessionNumber'
  | 'studyDescription'
  | 'referringPhysicianName'
  | 'institution';

/** The stored value and each component group of a name, as wildcard matching sees them. */
const nameValues = (name: Study['patientName']) => (name ? [name.raw, ...name.raw.split('=')] : []);

const exact = (text: string) => text.trim();

/**
 * The text filters: the QIDO keyword, how free text becomes a pattern (names and descriptions as
 * prefixes, identifiers exactly), and the values of a result that a pattern is matched against.
 */
const TEXT_FILTERS: {
  key: TextFilterKey;
  keyword: string;
  toPattern: (text: string) => string;
  values: (study: Study) => string[];
  fold?: boolean;
}[] = [
  {
    key: 'patientName',
    keyword: 'PatientName',
    toPattern: toWildcard,
    values: (s) => nameValues(s.patientName),
    fold: true,
  },
  { key: 'patientId', keyword: 'PatientID', toPattern: exact, values: (s) => (s.patientId ? [s.patientId] : []) },
  {
    key: 'issuerOfPatientId',
    keyword: 'IssuerOfPatientID',
    toPattern: exact,
    values: (s) => (s.issuerOfPatientId ? [s.issuerOfPatientId] : []),
  },
  {
    key: 'accessionNumber',
    keyword: 'AccessionNumber',
    toPattern: exact,
    values: (s) => (s.accessionNumber ? [s.accessionNumber] : []),
  },
  {
    key: 'studyDescription',
    keyword: 'StudyDescription',
    toPattern: toWildcard,
    values: (s) => (s.description ? [s.description] : []),
    fold: true,
  },
  {
    key: 'referringPhysicianName',
    keyword: 'ReferringPhysicianName',
    toPattern: toWildcard,
    values: (s) => nameValues(s.referringPhysician),
    fold: true,
  },
  {
    key: 'institution',
    keyword: 'InstitutionName',
    toPattern: toWildcard,
    values: (s) => (s.institution ? [s.institution] : []),
    fold: true,
  },
];

/** The text filters a query sets, each with its pattern. */
function textPatterns(query: StudyQuery) {
  return TEXT_FILTERS.map((filter) => ({ ...filter, pattern: filter.toPattern(query[filter.key] ?? '') })).filter(
    (f) => f.pattern,
  );
}

/**
 * Maps a StudyQuery to QIDO-RS matching keys (paging aside). `listSeparator` joins the values of
 * list matching: PS3.18 8.3.4.1 uses commas, older servers want backslashes (see ServerQuirks).
 */
export function studyQueryParams(query: StudyQuery, listSeparator: ',' | '\\' = ','): Record<string, string> {
  const params: Record<string, string> = {};
  for (const { keyword, pattern, fold } of textPatterns(query))
    params[keyword] = serverSafeWildcard(pattern, { fold }).server;
  const date = dateRange(query.studyDate);
  if (date) params.StudyDate = date;
  if (query.modalities?.length) params.ModalitiesInStudy = query.modalities.join(listSeparator);
  if (query.studyInstanceUIDs?.length) params.StudyInstanceUID = query.studyInstanceUIDs.join(listSeparator);
  params.includefield = STUDY_INCLUDE_FIELDS.join(',');
  return params;
}

/**
 * The part of a query the server could not be trusted with (see `serverSafeWildcard`), as a
 * predicate over results; undefined when the server's answer is already exact.
 */
export function clientSideTextFilter(query: StudyQuery): ((study: Study) => boolean) | undefined {
  const checks = textPatterns(query).filter(({ pattern, fold }) => !serverSafeWildcard(pattern, { fold }).exact);
  if (checks.length === 0) return undefined;
  return (study) =>
    checks.every(({ pattern, values, fold }) => values(study).some((v) => matchesWildcard(pattern, v, { fold })));
}
