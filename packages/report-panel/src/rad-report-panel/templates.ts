import type { ReportSections } from './report-model.js';

/**
 * A report template: default text per section, and when it fits a study. Hosts add their own
 * through the panel's `templates` property; this is the documented JSON shape.
 */
export interface ReportTemplate {
  /** Unique id, e.g. "ct-head". */
  id: string;
  /** Shown in the template picker. */
  title: string;
  /** Modalities the template is for (any of the study's). */
  modalities: readonly string[];
  /** Words of the study description that pick it (case-insensitive), e.g. ["head", "brain"]. */
  keywords: readonly string[];
  /** Default text of each section. */
  sections: Partial<ReportSections>;
}

const normal = (technique: string, findings: string, impression: string): Partial<ReportSections> => ({
  clinical: '',
  technique,
  comparison: 'None.',
  findings,
  impression,
});

/** Built-in templates (English; the default text is the reader's to edit). */
export const BUILT_IN_TEMPLATES: readonly ReportTemplate[] = [
  {
    id: 'ct-head',
    title: 'CT head',
    modalities: ['CT'],
    keywords: ['head', 'brain', 'skull'],
    sections: normal(
      'Axial CT images of the head were obtained without intravenous contrast.',
      'No acute intracranial haemorrhage, mass effect or midline shift. Grey-white differentiation is ' +
        'preserved. The ventricles and sulci are normal for age. The visualised paranasal sinuses and mastoid air' +
        ' cells are clear. No calvarial fracture.',
      'No acute intracranial abnormality.',
    ),
  },
  {
    id: 'ct-chest',
    title: 'CT chest',
    modalities: ['CT'],
    keywords: ['chest', 'thorax', 'lung', 'pulmonary'],
    sections: normal(
      'Axial CT images of the chest were obtained with intravenous contrast. Multiplanar reformats were reviewed.',
      'Lungs: no consolidation, nodule or effusion. Airways: patent. Mediastinum: no lymphadenopathy. Heart and' +
        ' great vessels: normal calibre. Bones: no aggressive lesion.',
      'No acute cardiopulmonary abnormality.',
    ),
  },
  {
    id: 'ct-abdomen-pelvis',
    title: 'CT abdomen/pelvis',
    modalities: ['CT'],
    keywords: ['abdomen', 'pelvis', 'abd'],
    sections: normal(
      'Axial CT images of the abdomen and pelvis were obtained with intravenous contrast in the portal venous phase.',
      'Liver, gallbladder, pancreas, spleen and adrenal glands: unremarkable. Kidneys: no hydronephrosis or ' +
        'calculus. Bowel: no obstruction or wall thickening. No free fluid or free air. No lymphadenopathy.',
      'No acute abnormality in the abdomen or pelvis.',
    ),
  },
  {
    id: 'mr-brain',
    title: 'MR brain',
    modalities: ['MR'],
    keywords: ['brain', 'head'],
    sections: normal(
      'Multiplanar, multisequence MR images of the brain were obtained.',
      'No restricted diffusion. No intracranial haemorrhage or mass. The ventricles are normal in size. No ' +
        'abnormal signal in the white matter. Normal flow voids.',
      'No acute intracranial abnormality.',
    ),
  },
  {
    id: 'xr-chest',
    title: 'Chest radiograph',
    modalities: ['CR', 'DX'],
    keywords: ['chest', 'thorax'],
    sections: normal(
      'Frontal chest radiograph.',
      'The lungs are clear. No pleural effusion or pneumothorax. The cardiomediastinal silhouette is within ' +
        'normal limits. No acute osseous abnormality.',
      'No acute cardiopulmonary process.',
    ),
  },
  {
    id: 'us-abdomen',
    title: 'Abdominal ultrasound',
    modalities: ['US'],
    keywords: ['abdomen', 'abd', 'liver', 'ruq'],
    sections: normal(
      'Grey-scale and colour Doppler ultrasound of the abdomen.',
      'Liver: normal size and echotexture. Gallbladder: no calculi or wall thickening. Common bile duct: not ' +
        'dilated. Kidneys: normal size, no hydronephrosis. Spleen: normal. No free fluid.',
      'Normal abdominal ultrasound.',
    ),
  },
  {
    id: 'pet-ct',
    title: 'PET/CT',
    modalities: ['PT'],
    keywords: ['pet', 'fdg', 'whole body'],
    sections: normal(
      'FDG PET with low-dose CT for attenuation correction and localisation, skull base to mid-thigh. Uptake ' +
        'time and blood glucose as recorded.',
      'No abnormal FDG-avid lesion. Physiological uptake in the brain, myocardium, urinary tract and bowel. ' +
        'Reference liver SUVmax within normal range.',
      'No scintigraphic evidence of FDG-avid disease.',
    ),
  },
];

/** A template with every section blank, for studies no template fits. */
export const BLANK_TEMPLATE: ReportTemplate = {
  id: 'blank',
  title: 'Blank',
  modalities: [],
  keywords: [],
  sections: {},
};

/**
 * The template that fits a study best: a modality match plus the most description keywords; host
 * templates first on ties. Blank when none matches the modality.
 */
export function chooseTemplate(
  templates: readonly ReportTemplate[],
  modalities: readonly string[],
  description = '',
): ReportTemplate {
  const words = description.toLowerCase();
  let best: { template: ReportTemplate; score: number } | undefined;
  for (const template of templates) {
    if (!template.modalities.some((m) => modalities.includes(m))) continue;
    const score = 1 + template.keywords.filter((k) => words.includes(k.toLowerCase())).length;
    if (!best || score > best.score) best = { template, score };
  }
  return best?.template ?? BLANK_TEMPLATE;
}
