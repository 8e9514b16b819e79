// `<rad-viewport>`'s settings: its attributes and the properties a host sets, which the element
// (rad-viewport.ts) reacts to. A class of their own so that the element's file holds its behaviour.
import { RadElement } from '@telerad/core';
import { property } from 'lit/decorators/property.js';
import { DEFAULT_CACHE_MB } from './cornerstone-runtime.js';
import type { FusionSettings } from './fusion-controller.js';
import type { FusionColormap } from './fusion-colormaps.js';
import type { ReformatSettings, SlabMode, ViewPlane } from './reformat-controller.js';
import type { PlaneAsked } from './series-show.js';
import type { SeriesService } from './series-stack.js';
import type { Interpolation, ViewportTool } from './viewport-controller.js';

/** `fusion-window`: "lower upper" (or "lower,upper"), e.g. "0 5". */
const windowConverter = {
  fromAttribute: (value: string | null): [number, number] => {
    const [lower, upper] = (value ?? '').split(/[\s,]+/).map(Number);
    return Number.isFinite(lower) && Number.isFinite(upper) && upper > lower ? [lower, upper] : [0, 5];
  },
  toAttribute: ([lower, upper]: [number, number]) => `${lower} ${upper}`,
};

/** The settings of `<rad-viewport>` (see there). */
export class RadViewportSettings extends RadElement {
  /** A DICOMweb service to use instead of the one provided by an enclosing `<rad-dicomweb>`. */
  @property({ attribute: false }) service?: SeriesService;

  /** Study Instance UID of the series shown. */
  @property({ attribute: 'study-uid' }) studyUid = '';
  /** Series Instance UID: the series shown (from the DICOMweb service). */
  @property({ attribute: 'series-uid' }) seriesUid = '';

  /**
   * Images to show instead of a DICOMweb series: WADO-URI image ids (`wadouri:<url>`, with
   * `&frame=N` for multi-frame). Their attributes are read from the files as they load.
   */
  @property({ attribute: false }) imageIds?: readonly string[];

  /** The tool on the primary pointer button. */
  @property({ attribute: 'active-tool', reflect: true }) activeTool: ViewportTool = 'WindowLevel';

  /** Where the codecs' .wasm files are served, when the page's bundler did not emit them. */
  @property({ attribute: 'codec-base-path' }) codecBasePath?: string;

  /**
   * Megabytes of decoded images the page keeps: one bound for all its viewports (the last value set
   * applies). Images shown least recently are dropped first and load again when shown; a series
   * larger than the bound is loaded ahead only as far as it fits. Default 1024.
   */
  @property({ type: Number, attribute: 'cache-size' }) cacheSize = DEFAULT_CACHE_MB;

  /**
   * How images are resampled on screen: `linear` (the default) or `nearest`, which shows each image
   * pixel as a block of one grey, for small matrices and pixel-exact reading.
   */
  @property({ reflect: true }) interpolation: Interpolation = 'linear';

  /** Render on the CPU (no WebGL). Takes effect for the first viewport of a page. */
  @property({ type: Boolean, attribute: 'cpu-rendering' }) cpuRendering = false;

  /** Show the four-corner overlays. */
  @property({ type: Boolean, reflect: true }) overlays = true;

  /**
   * Draw the image's overlay planes (PS3.3 C.9.2: graphics and text the modality or a workstation
   * burnt into groups 6000–601E), as a display is expected to. On by default; the toolbar and the
   * `g` key toggle it.
   */
  @property({ type: Boolean, attribute: 'overlay-planes', reflect: true }) overlayPlanes = true;
  /** Cine rate in frames per second; unset: the series' Frame Time (or Recommended Display Frame Rate), else 10. */
  @property({ type: Number, attribute: 'cine-fps' }) cineFps?: number;

  /**
   * What is shown: the series as acquired (`stack`, the default) or a plane reformatted from its
   * volume (`axial`, `coronal`, `sagittal`; WebGL only). A series whose slices make no volume (a
   * gantry tilt, uneven gaps, too few slices) stays on the stack and says why (`rad-view-change`).
   */
  @property({ reflect: true }) view: ViewPlane = 'stack';

  /** How a reformat's slab makes each pixel: `thin` (the plane; default), `mip`, `minip` or `average`. */
  @property({ reflect: true }) slab: SlabMode = 'thin';

  /** The slab's thickness in mm, for `mip`, `minip` and `average` (default 10). */
  @property({ type: Number, attribute: 'slab-thickness' }) slabThickness = 10;

  /**
   * Share a crosshair point with the other reformats of the enclosing `<rad-rendering-group>`:
   * each shows where the others' planes cut it (reference lines), and the `Crosshairs` tool moves
   * the point, and with it the other planes.
   */
  @property({ type: Boolean, reflect: true }) crosshairs = false;

  /**
   * A series of the same study to fuse onto the plane shown (a PET onto its CT): drawn through
   * `fusion-colormap` over `fusion-window`, blended at `fusion-opacity`. It must share the series'
   * frame of reference and make a volume; otherwise the element says why. Shown on planes only.
   */
  @property({ attribute: 'fusion-series-uid' }) fusionSeriesUid = '';

  /** The fused series' colour map: `hot-iron` (DICOM Hot Iron; default), `rainbow` or `grey`. */
  @property({ attribute: 'fusion-colormap', reflect: true }) fusionColormap: FusionColormap = 'hot-iron';

  /** The fused series' weight in the blend, 0–1 (default 0.5): fused = (1 − o) · grey + o · colour. */
  @property({ type: Number, attribute: 'fusion-opacity' }) fusionOpacity = 0.5;

  /** The values the colour map spans, "lower upper" in the series' unit (SUVbw for PET; default "0 5"). */
  @property({ attribute: 'fusion-window', converter: windowConverter }) fusionWindow: [number, number] = [0, 5];

  protected get reformatSettings(): ReformatSettings {
    return {
      plane: this.view,
      slab: this.slab,
      slabThicknessMm: this.slabThickness,
      interpolation: this.interpolation === 'nearest' ? 'nearest' : 'linear',
    };
  }

  /** A plane asked for, and whether it may be drawn from the slices as they arrive (see early-plane.ts). */
  protected get planeAsked(): PlaneAsked | undefined {
    if (this.view === 'stack') return undefined;
    const drawnAlike = this.slab === 'thin' && !this.fusionSeriesUid && this.interpolation !== 'nearest';
    return { plane: this.view, early: drawnAlike && !this.cpuRendering };
  }

  protected get fusionSettings(): FusionSettings {
    const [lower, upper] = this.fusionWindow;
    return {
      seriesUid: this.fusionSeriesUid,
      colormap: this.fusionColormap,
      opacity: this.fusionOpacity,
      window: { lower, upper },
    };
  }
}
