// What must be settled before a draft is signed: a critical finding's communication (final only),
// and normal template text in the diagnostic sections that the reader never edited.
import type { ReportDraft, SectionId } from './report-model.js';
import type { ReportTemplate } from './templates.js';

/**
 * Sections whose template text states a diagnosis ("No acute intracranial abnormality."): signed
 * unread, they report a normal study that nobody read. Technique and comparison are routine.
 */
export const DIAGNOSTIC_SECTIONS = ['findings', 'impression'] as const satisfies readonly SectionId[];

/** Options of `signPreliminary` and `signFinal`. */
export interface SignOptions {
  /** The reader confirmed signing sections that still hold the template's text. */
  confirmTemplateText?: boolean;
}

/** Why a signing did not go ahead; `detail` of `rad-sign-blocked`. */
export interface SignBlockedDetail {
  studyInstanceUID: string;
  status: 'preliminary' | 'final';
  /** `critical-communication`: a critical finding with no communication recorded (final only);
   *  `template-text`: diagnostic sections still hold the template's text, unconfirmed. */
  reason: 'critical-communication' | 'template-text';
  /** The sections at their template text (`template-text`). */
  sections: SectionId[];
}

/** Diagnostic sections whose text is still exactly the template's (non-empty) default. */
export function sectionsAtTemplateText(draft: ReportDraft, template: ReportTemplate | undefined): SectionId[] {
  if (!template) return [];
  return DIAGNOSTIC_SECTIONS.filter((id) => {
    const text = template.sections[id]?.trim();
    return Boolean(text) && draft.sections[id].trim() === text;
  });
}

/** What stops signing `draft` as `status`, if anything. */
export function signBlock(
  status: 'preliminary' | 'final',
  draft: ReportDraft,
  template: ReportTemplate | undefined,
  options: SignOptions,
): Pick<SignBlockedDetail, 'reason' | 'sections'> | undefined {
  if (status === 'final' && draft.critical && !draft.communication)
    return { reason: 'critical-communication', sections: [] };
  const untouched = options.confirmTemplateText ? [] : sectionsAtTemplateText(draft, template);
  return untouched.length ? { reason: 'template-text', sections: untouched } : undefined;
}
