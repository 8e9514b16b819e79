import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { DicomWebError, DicomWebService, readPart10 } from '@telerad/core';
import '@telerad/report-panel/rad-report-panel.js';
import { reportServiceWith, type RadReportPanel, type Reader, type ReportPanelMode, type ReportService } from '@telerad/report-panel';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';

interface Args {
  /** Finds the study in the archive by accession number (or patient ID), since UIDs differ per corpus build. */
  find?: { accession?: string; patientId?: string };
  studyUid?: string;
  mode: ReportPanelMode;
  reader?: Reader;
  service?: ReportService;
  /** What to do once the study is loaded, to show a state (type, flag, sign…). */
  stage?: (el: RadReportPanel) => Promise<unknown>;
  colorScheme: 'light' | 'dark';
}

const archive = new DicomWebService({ url: '/dicom-web' });
const READER: Reader = { name: 'Okoye^Daniel^^Dr', id: 'R-0042', subspecialty: 'Neuroradiology', organization: 'Telerad Reading Group' };

async function show(el: RadReportPanel, { find, stage }: Args): Promise<void> {
  if (find) {
    const [study] = await archive.searchStudies(find.accession ? { accessionNumber: find.accession } : { patientId: find.patientId });
    if (!study) return;
    el.studyUid = study.studyInstanceUID;
  }
  // A failing load is the story (its error state), not an error of the page.
  if (await el.loaded().then(() => true, () => false)) await stage?.(el);
}

/** The archive for reading; STOW-RS and the report search as `overrides` say. */
const archiveWith = (overrides: Partial<ReportService>): ReportService => reportServiceWith(archive, overrides);

const meta: Meta<Args> = {
  title: 'Elements/rad-report-panel',
  component: 'rad-report-panel',
  args: { mode: 'author', reader: READER, colorScheme: 'light' },
  argTypes: {
    mode: { control: 'inline-radio', options: ['author', 'referring', 'peer-review'] },
    colorScheme: { control: 'inline-radio', options: ['light', 'dark'] },
    service: { control: false },
    find: { control: false },
    stage: { control: false },
  },
  render: (args) =>
    html`<rad-report-panel
      style="max-width: 760px; color-scheme: ${args.colorScheme}"
      .service=${args.service ?? archive}
      .reader=${args.reader}
      mode=${args.mode}
      study-uid=${args.studyUid ?? ''}
      ${ref((el) => el && void show(el as RadReportPanel, args))}
    ></rad-report-panel>`,
};
export default meta;

type Story = StoryObj<Args>;

const HEAD = { accession: 'ACC-26-1107' };

/** Live stories read the corpus (and never store): run `npm run storybook`, which starts Orthanc. */
export const Draft: Story = { args: { find: HEAD } };
export const DraftCritical: Story = {
  args: {
    find: HEAD,
    stage: async (el) => {
      el.setSection('impression', 'Acute left subdural haematoma with 6 mm midline shift.');
      el.recordCommunication({ recipient: 'Dr. Ramos (ED)', communicatedAt: '2026-11-30T10:42', method: 'Telephone' });
    },
  },
};
export const NoReader: Story = { args: { find: HEAD, reader: undefined } };
export const Preliminary: Story = { args: { find: { patientId: 'TR-1004' }, mode: 'referring' } };
export const Final: Story = { args: { find: { accession: 'ACC-26-0655' }, mode: 'referring' } };
export const Amended: Story = { args: { find: { accession: 'ACC-25-0101' }, mode: 'referring' } };
/** A final report as its reader sees it: the addendum form below. */
export const FinalAddendum: Story = { args: { find: { accession: 'ACC-26-0655' } } };
export const PeerReview: Story = { args: { find: { accession: 'ACC-25-1180' }, mode: 'peer-review', reader: { name: 'Reviewer^Rita', id: 'R-0100' } } };
export const NoReport: Story = { args: { find: HEAD, mode: 'referring' } };

/** The archive refuses the report: the text stays, with the reason and a retry. */
export const StoreFailed: Story = {
  args: {
    find: HEAD,
    service: archiveWith({ storeInstances: () => Promise.reject(new DicomWebError('server', 500, '/dicom-web/studies')) }),
    stage: async (el) => {
      el.setSection('findings', 'Acute left subdural haematoma, 8 mm thick.');
      await el.signFinal({ confirmTemplateText: true });
    },
  },
};

/**
 * The archive, except that from its report search number `honest + 1` on it answers with another
 * study's reports (a final one): a report the reader has not seen, signed by someone else.
 */
function othersReportAfter(honest: number, overrides: Partial<ReportService> = {}): ReportService {
  let searches = 0;
  return archiveWith({
    searchReportDocuments: async (uids, options) => {
      if (++searches <= honest) return archive.searchReportDocuments(uids, options);
      const [other] = await archive.searchStudies({ accessionNumber: 'ACC-26-0655' });
      return archive.searchReportDocuments([other.studyInstanceUID], options);
    },
    ...overrides,
  });
}

/** Someone signed a report after this reader opened the study: the check before storing finds it. */
export const Conflict: Story = {
  args: { find: HEAD, service: othersReportAfter(1), stage: (el) => el.signFinal({ confirmTemplateText: true }) },
};

/**
 * Another reader signed at the same moment: both passed the check before storing, and the history
 * read after storing shows the other report (the store is only pretended).
 */
export const SignedAtTheSameTime: Story = {
  args: {
    find: HEAD,
    service: othersReportAfter(2, {
      storeInstances: async ([file]) => {
        const uid = String((await readPart10(file)).SOPInstanceUID);
        return { stored: [uid], failed: [], failures: [], warnings: [] };
      },
    }),
    stage: (el) => el.signFinal({ confirmTemplateText: true }),
  },
};

/** Signing with the template's normal text unedited: the sections are listed beside the buttons. */
export const TemplateTextUnconfirmed: Story = { args: { find: HEAD, stage: (el) => el.signPreliminary() } };

/** A critical finding with no communication recorded: final sign-off waits and says why. */
export const CriticalNotCommunicated: Story = {
  args: {
    find: HEAD,
    stage: async (el) => {
      el.setCritical(true);
      el.setSection('impression', 'Acute left subdural haematoma.');
      await el.signFinal({ confirmTemplateText: true });
    },
  },
};

/** Never answers: the loading state. */
export const Loading: Story = { args: { studyUid: '2.25.1', service: archiveWith({ searchSeries: () => new Promise(() => undefined) }) } };
export const LoadFailed: Story = {
  args: { studyUid: '2.25.1', service: archiveWith({ searchSeries: () => Promise.reject(new DicomWebError('server', 500, '/dicom-web/studies')) }) },
};
