import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { DicomWebError } from '@telerad/core';
import '@telerad/core/rad-dicomweb.js';
import '@telerad/study-browser/rad-study-browser.js';
import type { StudySearchService } from '@telerad/study-browser';
import { html } from 'lit';
import { failingArchive, SAMPLE_STUDIES, silentArchive, staticArchive } from './support/study-fixtures.js';

interface Args {
  service?: StudySearchService;
  patientName: string;
  colorScheme: 'light' | 'dark';
}

const meta: Meta<Args> = {
  title: 'Elements/rad-study-browser',
  component: 'rad-study-browser',
  args: { patientName: '', colorScheme: 'light' },
  argTypes: { colorScheme: { control: 'inline-radio', options: ['light', 'dark'] }, service: { control: false } },
  render: ({ service, patientName, colorScheme }) =>
    html`<rad-study-browser style="color-scheme: ${colorScheme}" .service=${service} patient-name=${patientName}></rad-study-browser>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The real archive: run `npm run storybook`, which starts Orthanc with the corpus. */
export const Live: Story = {
  render: ({ patientName, colorScheme }) => html`<rad-dicomweb url="/dicom-web">
    <rad-study-browser style="color-scheme: ${colorScheme}" patient-name=${patientName}></rad-study-browser>
  </rad-dicomweb>`,
};

export const Worklist: Story = { args: { service: staticArchive(SAMPLE_STUDIES) } };

export const Dark: Story = { args: { service: staticArchive(SAMPLE_STUDIES), colorScheme: 'dark' } };

export const Loading: Story = { args: { service: silentArchive } };

export const Empty: Story = { args: { service: staticArchive([]), patientName: 'Nobody' } };

export const ServerError: Story = { args: { service: failingArchive(new DicomWebError('server', 500, '/dicom-web/studies')) } };

export const Unreachable: Story = { args: { service: failingArchive(new DicomWebError('network', 0, '/dicom-web/studies')) } };

export const Unauthorized: Story = { args: { service: failingArchive(new DicomWebError('unauthorized', 401, '/dicom-web/studies')) } };
