import type { DicomJsonPersonName } from './json.js';

/** The five components of one person-name group (PS3.5 6.2: family^given^middle^prefix^suffix). */
export interface NameComponents {
  family: string;
  given: string;
  middle: string;
  prefix: string;
  suffix: string;
}

/** A decoded DICOM person name with its alphabetic, ideographic and phonetic groups. */
export interface PersonName {
  /** The value as stored, with groups joined by '=' (useful for exact matching). */
  raw: string;
  alphabetic?: NameComponents;
  ideographic?: NameComponents;
  phonetic?: NameComponents;
}

function parseGroup(group: string | undefined): NameComponents | undefined {
  if (group === undefined) return undefined;
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = group.split('^').map((c) => c.trim());
  if (!family && !given && !middle && !prefix && !suffix) return undefined;
  return { family, given, middle, prefix, suffix };
}

export function parsePersonName(value: DicomJsonPersonName | undefined): PersonName | undefined {
  if (!value) return undefined;
  const groups = [value.Alphabetic, value.Ideographic, value.Phonetic];
  const name: PersonName = {
    raw: groups
      .map((g) => g ?? '')
      .join('=')
      .replace(/=+$/, ''),
    alphabetic: parseGroup(value.Alphabetic),
    ideographic: parseGroup(value.Ideographic),
    phonetic: parseGroup(value.Phonetic),
  };
  return name.alphabetic || name.ideographic || name.phonetic ? name : undefined;
}

/** "Family, Given Middle" — the convention of worklists, with prefix/suffix around it. */
export function formatNameComponents(c: NameComponents): string {
  const givenPart = [c.given, c.middle].filter(Boolean).join(' ');
  const core = [c.family, givenPart].filter(Boolean).join(', ');
  return [c.prefix, core, c.suffix].filter(Boolean).join(' ');
}

/**
 * Formats a person name for display: the alphabetic group, followed by the ideographic group in
 * parentheses when both are present (e.g. "Yamada, Tarou (山田 太郎)").
 */
export function formatPersonName(name: PersonName | undefined): string {
  if (!name) return '';
  const alphabetic = name.alphabetic && formatNameComponents(name.alphabetic);
  const ideographic =
    name.ideographic &&
    [name.ideographic.family, name.ideographic.given, name.ideographic.middle].filter(Boolean).join(' ');
  if (alphabetic && ideographic) return `${alphabetic} (${ideographic})`;
  return alphabetic || ideographic || (name.phonetic ? formatNameComponents(name.phonetic) : '');
}
