import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { DicomWebError, setRadLocale } from '@telerad/core';
import '@telerad/core/rad-dicomweb.js';
import '@telerad/study-browser/rad-study-browser.js';
import type { StudySearchService, WorklistQuery } from '@telerad/study-browser';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { failingArchive, manyStudies, SAMPLE_STUDIES, silentArchive, staticArchive, STORY_NOW } from './support/study-fixtures.js';

interface Args {
  service?: StudySearchService;
  query: WorklistQuery;
  pageSize: number;
  sortBy: string;
  selectedStudyUid?: string;
  expandedStudyUid?: string;
  /** The reader's facilities (a group's contracts). */
  facilities?: string[];
  colorScheme: 'light' | 'dark';
  locale: 'en' | 'de';
}

const meta: Meta<Args> = {
  title: 'Elements/rad-study-browser',
  component: 'rad-study-browser',
  args: { query: {}, pageSize: 50, sortBy: 'priority', colorScheme: 'light', locale: 'en' },
  argTypes: {
    colorScheme: { control: 'inline-radio', options: ['light', 'dark'] },
    locale: { control: 'inline-radio', options: ['en', 'de'] },
    sortBy: { control: 'select', options: ['priority', 'readStatus', 'patientName', 'studyDateTime', 'turnaround', 'accessionNumber'] },
    service: { control: false },
  },
  render: ({ service, query, pageSize, sortBy, selectedStudyUid, expandedStudyUid, facilities, colorScheme, locale }) => {
    void setRadLocale(locale);
    return html`<rad-study-browser
      style="color-scheme: ${colorScheme}"
      .service=${service}
      .query=${query}
      .facilities=${facilities ?? []}
      .now=${STORY_NOW}
      page-size=${pageSize}
      sort-by=${sortBy}
      selected-study-uid=${selectedStudyUid ?? ''}
      @rad-query-change=${(e: CustomEvent) => console.info('rad-query-change', e.detail)}
      ${ref(expanded(expandedStudyUid))}
    ></rad-study-browser>`;
  },
};
export default meta;

/** Expands a study once the element has rows (stories only: hosts call `expandStudy`). */
function expanded(studyUid: string | undefined) {
  return (element?: Element) => {
    if (!studyUid || !element) return;
    const browser = element as HTMLElementTagNameMap['rad-study-browser'];
    const tryExpand = () => (browser.shadowRoot?.querySelector(`[data-study-uid="${studyUid}"]`) ? browser.expandStudy(studyUid) : setTimeout(tryExpand, 50));
    tryExpand();
  };
}

type Story = StoryObj<Args>;

/** The real archive: run `npm run storybook`, which starts Orthanc with the corpus. */
export const Live: Story = {
  render: ({ colorScheme }) => html`<rad-dicomweb url="/dicom-web">
    <rad-study-browser style="color-scheme: ${colorScheme}"></rad-study-browser>
  </rad-dicomweb>`,
};

/** A night shift: STAT rows first and highlighted, read status, turnaround clocks (one overdue). */
export const Worklist: Story = { args: { service: staticArchive(SAMPLE_STUDIES) } };

export const Dark: Story = { args: { service: staticArchive(SAMPLE_STUDIES), colorScheme: 'dark' } };

export const German: Story = { args: { service: staticArchive(SAMPLE_STUDIES), locale: 'de' } };

/** A study expanded into its series, with thumbnails. */
export const ExpandedSeries: Story = { args: { service: staticArchive(SAMPLE_STUDIES), expandedStudyUid: SAMPLE_STUDIES[0].studyInstanceUID } };

/** The selected study's priors (same patient ID and issuer), newest first. */
export const Priors: Story = { args: { service: staticArchive(SAMPLE_STUDIES), selectedStudyUid: SAMPLE_STUDIES[0].studyInstanceUID } };

export const SortedByName: Story = { args: { service: staticArchive(SAMPLE_STUDIES), sortBy: 'patientName' } };

/** Filters set by the host (e.g. from a deep link). */
export const Filtered: Story = { args: { service: staticArchive(SAMPLE_STUDIES.slice(0, 2)), query: { modalities: ['CT', 'PT'], datePreset: 'last-7-days' } } };

/** 500 rows on one page: off-screen rows are not rendered until scrolled to. */
export const FiveHundredRows: Story = { args: { service: staticArchive(manyStudies(500), { delayMs: 0 }), pageSize: 500 } };

/** Paged: 20 of 120 studies, with next/previous. */
export const Paged: Story = { args: { service: staticArchive(manyStudies(120), { delayMs: 0 }), pageSize: 20 } };

/** A group's reader: the facility filter offers the facilities of their contracts. */
export const Facilities: Story = {
  args: { service: staticArchive(SAMPLE_STUDIES), facilities: ['Community Hospital', 'Telerad Test Imaging Centre'] },
};

/** The same reader's worklist over all their facilities at once (each searched, merged). */
export const AllMyFacilities: Story = {
  args: { ...Facilities.args, query: { myFacilities: true } },
};

export const Loading: Story = { args: { service: silentArchive } };

export const Empty: Story = { args: { service: staticArchive([]), query: { patientName: 'Nobody', modalities: ['MR'] } } };

export const ServerError: Story = { args: { service: failingArchive(new DicomWebError('server', 500, '/dicom-web/studies')) } };

export const Unreachable: Story = { args: { service: failingArchive(new DicomWebError('network', 0, '/dicom-web/studies')) } };

export const TimedOut: Story = { args: { service: failingArchive(new DicomWebError('timeout', 0, '/dicom-web/studies')) } };

export const Unauthorized: Story = { args: { service: failingArchive(new DicomWebError('unauthorized', 401, '/dicom-web/studies')) } };
