import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { DicomWebError, DicomWebService } from '@telerad/core';
import '@telerad/viewport/rad-viewport.js';
import { MEASUREMENT_TOOLS, type RadViewport, type SeriesService } from '@telerad/viewport';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';

interface Args {
  /** Finds the series to show in the archive: accession number (or patient ID) and modality. */
  find?: { accession?: string; patientId?: string; modality: string; seriesNumber?: number };
  service?: SeriesService;
  studyUid?: string;
  seriesUid?: string;
  activeTool: string;
  /** Unbundled pages (tests) serve the codecs' .wasm here; Storybook's bundler emits them. */
  codecBasePath?: string;
  colorScheme: 'light' | 'dark';
  view?: 'stack' | 'axial' | 'coronal' | 'sagittal';
  slab?: 'thin' | 'mip' | 'minip' | 'average';
  slabThickness?: number;
  /** Fuses the study's series of this modality onto the one shown (PET on CT). */
  fuse?: string;
  fusionColormap?: 'hot-iron' | 'rainbow' | 'grey';
  fusionOpacity?: number;
}

const archive = new DicomWebService({ url: '/dicom-web' });

/** Looks the story's series up by accession number and modality, since UIDs differ per corpus build. */
async function locate(el: RadViewport, find: NonNullable<Args['find']>, fuse?: string): Promise<void> {
  const [study] = await archive.searchStudies(find.accession ? { accessionNumber: find.accession } : { patientId: find.patientId });
  if (!study) return;
  const all = await archive.searchSeries(study.studyInstanceUID);
  const series = all.find(
    (s) => s.modality === find.modality && (find.seriesNumber === undefined || Number(s.seriesNumber) === find.seriesNumber),
  );
  if (!series) return;
  el.studyUid = study.studyInstanceUID;
  el.seriesUid = series.seriesInstanceUID;
  el.fusionSeriesUid = all.find((s) => fuse && s.modality === fuse)?.seriesInstanceUID ?? '';
}

const meta: Meta<Args> = {
  title: 'Elements/rad-viewport',
  component: 'rad-viewport',
  args: { activeTool: 'WindowLevel', colorScheme: 'dark' },
  argTypes: {
    activeTool: { control: 'select', options: ['WindowLevel', 'Pan', 'Zoom', ...MEASUREMENT_TOOLS] },
    colorScheme: { control: 'inline-radio', options: ['light', 'dark'] },
    view: { control: 'inline-radio', options: ['stack', 'axial', 'coronal', 'sagittal'] },
    slab: { control: 'inline-radio', options: ['thin', 'mip', 'minip', 'average'] },
    slabThickness: { control: { type: 'range', min: 1, max: 60, step: 1 } },
    fusionColormap: { control: 'inline-radio', options: ['hot-iron', 'rainbow', 'grey'] },
    fusionOpacity: { control: { type: 'range', min: 0, max: 1, step: 0.05 } },
    service: { control: false },
    find: { control: false },
  },
  render: ({ find, service, studyUid, seriesUid, activeTool, codecBasePath, colorScheme, view, slab, slabThickness, ...fusion }) =>
    html`<rad-viewport
      style="height: 520px; color-scheme: ${colorScheme}"
      .service=${service ?? archive}
      .codecBasePath=${codecBasePath}
      study-uid=${studyUid ?? ''}
      series-uid=${seriesUid ?? ''}
      active-tool=${activeTool}
      view=${view ?? 'stack'}
      slab=${slab ?? 'thin'}
      slab-thickness=${slabThickness ?? 10}
      fusion-colormap=${fusion.fusionColormap ?? 'hot-iron'}
      fusion-opacity=${fusion.fusionOpacity ?? 0.5}
      ${ref((el) => el && find && void locate(el as RadViewport, find, fusion.fuse))}
    ></rad-viewport>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Live stories read the corpus: run `npm run storybook`, which starts Orthanc. */
export const CT: Story = { args: { find: { accession: 'ACC-26-1001', modality: 'CT' } } };
export const CTLength: Story = { args: { find: { accession: 'ACC-26-1001', modality: 'CT' }, activeTool: 'Length' } };
export const CTEllipseROI: Story = { args: { find: { accession: 'ACC-26-1001', modality: 'CT' }, activeTool: 'EllipticalROI' } };
export const MR: Story = { args: { find: { accession: 'ACC-26-0877', modality: 'MR' } } };
export const PET: Story = { args: { find: { accession: 'ACC-26-0655', modality: 'PT' }, activeTool: 'Probe' } };
export const DXMonochrome1: Story = { args: { find: { accession: 'ACC-26-0990', modality: 'DX' }, activeTool: 'Length' } };
export const USCine: Story = { args: { find: { patientId: 'TR-1004', modality: 'US' } } };
export const XAMultiframe: Story = { args: { find: { accession: 'ACC-25-0733', modality: 'XA' }, activeTool: 'Angle' } };
/** Reformats (WebGL): a real head CT in the coronal plane; the volume phantom's rods in a sagittal MIP. */
export const CoronalReformat: Story = { args: { find: { accession: 'ACC-26-1001', modality: 'CT' }, view: 'coronal' } };
export const SagittalMIP: Story = {
  args: { find: { accession: 'ACC-26-1020', modality: 'CT', seriesNumber: 1 }, view: 'sagittal', slab: 'mip', slabThickness: 40 },
};
/** PET/CT: the PET fused onto the axial CT in Hot Iron, SUVbw 0–5, at half opacity. */
export const PETCTFusion: Story = { args: { find: { accession: 'ACC-26-0655', modality: 'CT' }, view: 'axial', fuse: 'PT' } };
/** The same in rainbow, the PET weighing 70 %. */
export const PETCTFusionRainbow: Story = {
  args: { find: { accession: 'ACC-26-0655', modality: 'CT' }, view: 'axial', fuse: 'PT', fusionColormap: 'rainbow', fusionOpacity: 0.7 },
};
/** A gantry-tilted scan is not reformatted: the stack stays, with the reason. */
export const ReformatRefused: Story = { args: { find: { accession: 'ACC-26-1020', modality: 'CT', seriesNumber: 2 }, view: 'coronal' } };
export const CompressedJPEG2000: Story = { args: { find: { accession: 'ACC-26-0012', modality: 'CT' } } };

/** An archive whose series metadata answers with `metadata` (a promise: pending, failing…). */
const answering = (metadata: () => ReturnType<SeriesService['retrieveSeriesMetadata']>): SeriesService => ({
  url: archive.url,
  auth: archive.auth,
  timeoutMs: archive.timeoutMs,
  urlOf: (ref) => archive.urlOf(ref),
  retrieveSeriesMetadata: metadata,
});
const failing = (error: DicomWebError) => answering(() => Promise.reject(error));

/** Never answers: the loading state. */
export const Loading: Story = {
  args: { studyUid: '2.25.1', seriesUid: '2.25.2', service: answering(() => new Promise(() => undefined)) },
};
export const NotFound: Story = { args: { studyUid: '2.25.1', seriesUid: '2.25.2', service: failing(new DicomWebError('not-found', 404, '/dicom-web/studies')) } };
export const Unauthorized: Story = { args: { studyUid: '2.25.1', seriesUid: '2.25.2', service: failing(new DicomWebError('unauthorized', 401, '/dicom-web/studies')) } };
export const NoImages: Story = {
  args: { studyUid: '2.25.1', seriesUid: '2.25.2', service: answering(async () => [{ '00080060': { vr: 'CS', Value: ['SR'] } }]) },
};
