// Edits of a report draft as pure functions: each takes a draft and returns the changed copy, so
// the panel only stores and announces the result, and the rules are tested without an archive.
import type { Study } from '@telerad/core';
import { comparisonLine } from './messages.js';
import { measurementText } from './measurement-text.js';
import {
  emptySections,
  SECTION_IDS,
  type CriticalCommunication,
  type ReportDraft,
  type ReportMeasurement,
  type SectionId,
  type SignedReport,
} from './report-model.js';
import type { EvidenceInstance } from './report-sr.js';
import type { ReportTemplate } from './templates.js';

/** A new draft from a template: its sections, nothing flagged, no images referenced. */
export function draftFromTemplate(template: ReportTemplate): ReportDraft {
  return {
    templateId: template.id,
    sections: { ...emptySections(), ...template.sections },
    critical: false,
    references: [],
  };
}

/** The draft that finalises a preliminary read: its text, critical flag and references, under `template`. */
export function draftFromPreliminary(preliminary: SignedReport, template: ReportTemplate): ReportDraft {
  const { sections, critical, references, communication } = preliminary;
  return {
    templateId: template.id,
    sections: { ...sections },
    critical,
    references: [...references],
    ...(communication ? { communication } : {}),
  };
}

/**
 * The draft a study opens with: the stored one, else the preliminary read to finalise, else the
 * template's; none when the study's report is final (or amended) and nothing was stored.
 */
export function openingDraft(
  stored: ReportDraft | undefined,
  latest: SignedReport | undefined,
  template: ReportTemplate,
): ReportDraft | undefined {
  if (stored || (latest && latest.status !== 'preliminary')) return stored;
  return latest ? draftFromPreliminary(latest, template) : draftFromTemplate(template);
}

/** One section's text replaced. */
export function withSection(draft: ReportDraft, id: SectionId, text: string): ReportDraft {
  return { ...draft, sections: { ...draft.sections, [id]: text } };
}

/** Another template: sections empty or still at the old template's text take the new one's; edited text stays. */
export function withTemplate(draft: ReportDraft, from: ReportTemplate | undefined, to: ReportTemplate): ReportDraft {
  const sections = { ...draft.sections };
  for (const section of SECTION_IDS) {
    const untouched = !sections[section].trim() || sections[section] === (from?.sections[section] ?? '');
    if (untouched) sections[section] = to.sections[section] ?? '';
  }
  return { ...draft, templateId: to.id, sections };
}

/** The measurement as a sentence at the end of Findings, its image among the draft's references. */
export function withMeasurement(
  draft: ReportDraft,
  measurement: ReportMeasurement,
  evidence: EvidenceInstance | undefined,
): ReportDraft {
  const sentence = measurementText(measurement, evidence);
  const findings = draft.sections.findings.trim() ? `${draft.sections.findings.trimEnd()}\n${sentence}` : sentence;
  const { sopInstanceUID, frame, sopClassUID } = measurement;
  return {
    ...draft,
    sections: { ...draft.sections, findings },
    references: [...draft.references, { sopInstanceUID, frame, ...(sopClassUID ? { sopClassUID } : {}) }],
  };
}

/** A prior as a line of Comparison ("CT HEAD dated 1 Dec 2025."), replacing an empty or "None." section. */
export function withComparison(
  draft: ReportDraft,
  prior: Pick<Study, 'description' | 'studyDate' | 'modalities'>,
): ReportDraft {
  const date = prior.studyDate
    ? new Date(`${prior.studyDate}T00:00:00`).toLocaleDateString(undefined, { dateStyle: 'medium' })
    : '?';
  const line = comparisonLine(prior.description || prior.modalities.join('/'), date);
  const current = draft.sections.comparison.trim();
  const comparison = !current || current === 'None.' ? line : `${current}\n${line}`;
  return { ...draft, sections: { ...draft.sections, comparison } };
}

/** The critical flag set or cleared; clearing it drops the recorded communication. */
export function withCritical(draft: ReportDraft, critical: boolean): ReportDraft {
  return { ...draft, critical, ...(critical ? {} : { communication: undefined }) };
}

/** The communication of a critical finding recorded (which flags the draft critical). */
export function withCommunication(draft: ReportDraft, communication: CriticalCommunication): ReportDraft {
  return { ...draft, critical: true, communication };
}
