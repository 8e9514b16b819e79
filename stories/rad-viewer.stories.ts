import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Reader } from '@telerad/report-panel';
import type { RadViewer, ViewerLayout, ViewerMode } from '@telerad/viewer';
import '@telerad/viewer/rad-viewer.js';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';

interface Args {
  mode: ViewerMode;
  layout: ViewerLayout;
  /** An IHE IID launch (query string). */
  launch?: string;
  /**
   * A SMART launch: the query the EHR's authorization server sent the page back with (an
   * `error=…` answer), put in the address before the viewer reads it.
   */
  smartRedirect?: string;
  /** A SMART launch the viewer starts itself (standalone, `launchSmart`), with this FHIR server. */
  smartIss?: string;
  worklist: boolean;
  idleMinutes: number;
  reader?: Reader;
  /** What to do once the viewer is on the page (open a study, compare…). */
  stage?: (el: RadViewer) => Promise<unknown>;
  /** Unbundled pages (tests) serve the codecs' .wasm here; Storybook's bundler emits them. */
  codecBasePath?: string;
  colorScheme: 'light' | 'dark';
}

const READER: Reader = { name: 'Okoye^Daniel^^Dr', id: 'R-0042', subspecialty: 'Neuroradiology', organization: 'Telerad Reading Group' };

const meta: Meta<Args> = {
  title: 'Elements/rad-viewer',
  component: 'rad-viewer',
  args: { mode: 'radiologist', layout: '1x1', worklist: true, idleMinutes: 0, reader: READER, colorScheme: 'light' },
  argTypes: {
    mode: { control: 'inline-radio', options: ['radiologist', 'referring'] },
    layout: { control: 'inline-radio', options: ['1x1', '1x2', '2x2', 'mpr'] },
    colorScheme: { control: 'inline-radio', options: ['light', 'dark'] },
    stage: { control: false },
    reader: { control: false },
  },
  render: (args) => {
    if (args.smartRedirect) {
      const query = new URLSearchParams(location.search);
      for (const [name, value] of new URLSearchParams(args.smartRedirect)) query.set(name, value);
      history.replaceState(history.state, '', `${location.pathname}?${query}`);
    }
    const smart = Boolean(args.smartRedirect || args.smartIss);
    const stage = async (el: RadViewer) => {
      if (args.smartIss) await el.launchSmart({ iss: args.smartIss });
      await args.stage?.(el);
    };
    return html`<rad-viewer
      style="color-scheme: ${args.colorScheme}; --rad-viewer-height: 520px"
      url="/dicom-web"
      mode=${args.mode}
      layout=${args.layout}
      .worklist=${args.worklist}
      .reader=${args.reader}
      idle-minutes=${args.idleMinutes}
      codec-base-path=${args.codecBasePath ?? ''}
      ?iid=${Boolean(args.launch)}
      launch=${args.launch ?? ''}
      ?smart=${smart}
      smart-client-id="telerad-viewer"
      ${ref((el) => el && void stage(el as RadViewer))}
    ></rad-viewer>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Opens the study with this accession number once the viewer is connected. */
const openAccession = (accession: string) => async (el: RadViewer) => {
  const [study] = (await el.archive?.searchStudies({ accessionNumber: accession })) ?? [];
  if (study) await el.openStudy(study.studyInstanceUID);
};

/** Live stories read the corpus: run `npm run storybook`, which starts Orthanc. */
export const Radiologist: Story = {};
export const RadiologistStudyOpen: Story = { args: { worklist: false, stage: openAccession('ACC-26-1107') } };
export const Grid2x2: Story = { args: { worklist: false, layout: '2x2', stage: openAccession('ACC-25-0412') } };
/** The CT volume phantom in MPR: three planes sharing crosshairs, a slab control in the toolbar. */
export const MPR: Story = { args: { worklist: false, layout: 'mpr', stage: openAccession('ACC-26-1020') } };
/** The PET/CT study fused: CT, PET, PET on CT and the PET's coronal MIP, one crosshair and zoom. */
export const Fusion: Story = { args: { worklist: false, layout: 'fusion', stage: openAccession('ACC-26-0655') } };
export const CompareWithPrior: Story = {
  args: {
    worklist: false,
    stage: async (el) => {
      await openAccession('ACC-26-1001')(el);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await el.compareWithPrior(true);
    },
  },
};
export const ReferringIid: Story = { args: { mode: 'referring', launch: 'requestType=STUDY&accessionNumber=ACC-26-0655' } };
export const ReferringDark: Story = { args: { mode: 'referring', launch: 'requestType=STUDY&accessionNumber=ACC-25-1180', colorScheme: 'dark' } };
export const LaunchProblem: Story = { args: { mode: 'referring', launch: 'requestType=STUDY&seriesUID=1.2.3' } };
export const NoMatch: Story = { args: { mode: 'referring', launch: 'requestType=STUDY&accessionNumber=NO-SUCH' } };
/** Locks after 3 s without input. */
/** SMART launch states: the reader denied consent in the EHR (the authorization server's answer). */
export const SmartConsentDenied: Story = {
  args: { mode: 'referring', smartRedirect: 'error=access_denied&error_description=The user denied access to the app.&state=story' },
};
/** SMART launch states: the EHR refused the launch (unknown or expired). */
export const SmartLaunchExpired: Story = {
  args: { mode: 'referring', smartRedirect: 'error=invalid_request&error_description=The launch is unknown or has expired.&state=story' },
};
/** SMART launch states: the EHR's FHIR server cannot be reached to sign in (a standalone launch). */
export const SmartEhrUnreachable: Story = { args: { mode: 'referring', smartIss: 'http://127.0.0.1:9/fhir' } };

export const IdleLock: Story = { args: { worklist: false, idleMinutes: 0.05, stage: openAccession('ACC-26-1107') } };
