// The viewer's parts around its grid: launch messages, the two toolbars (study and tools, with
// cine), the series strip, and one viewport slot. Each takes what it shows and what its controls do.
import { errorMessage, type DicomWebError, type Series, type Study, type ViewerError } from '@telerad/core';
import { toolLabel, type RadViewport, type ViewportTool } from '@telerad/viewport';
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { launchProblem, priorLabel, seriesLabel, smartTexts, texts, viewportLabel } from './messages.js';
import type { LaunchController } from './launch-controller.js';
import type { SmartController } from './smart-controller.js';

export type ViewerMode = 'radiologist' | 'referring';
import { fusionPair, type PlaneLook, type Slot, type ViewerLayout } from './layouts.js';
import { renderPlaneControls } from './plane-controls.js';
export type { Slot, ViewerLayout } from './layouts.js';

/** A series dragged from the strip onto a viewport. */
export const SERIES_TYPE = 'application/x-rad-series';

/** The shared toolbar's tools per mode: all viewports take the chosen one. */
const MODE_TOOLS: Record<ViewerMode, ViewportTool[]> = {
  radiologist: [
    'WindowLevel',
    'Pan',
    'Zoom',
    'StackScroll',
    'Length',
    'Angle',
    'Bidirectional',
    'EllipticalROI',
    'Probe',
    'ArrowAnnotate',
  ],
  referring: ['WindowLevel', 'Pan', 'Zoom', 'Length'],
};

const pressed = (on: boolean) => (on ? 'true' : 'false');

/** The locked viewer: nothing of the patient, one way back. */
export function renderLocked(resume: () => void) {
  return html`<div part="locked" class="locked" role="alert">
    <p>${texts().locked}</p>
    <button type="button" @click=${resume}>${texts().resume}</button>
  </div>`;
}

/** Launch problems, a failure to open, a launch notice, and the launch's studies to choose from. */
export function renderLaunchMessages(
  launch: LaunchController,
  failure: DicomWebError | ViewerError | undefined,
  iid: boolean,
  openStudyUid: string | undefined,
  open: (studyInstanceUID: string) => void,
) {
  const t = texts();
  const problems = launch.problems.map((p) => html`<li>${launchProblem(p)}</li>`);
  const failed = failure && (failure.kind === 'not-found' && iid ? t.noMatch : errorMessage(failure));
  const study = (s: Study) =>
    html`<button
      type="button"
      aria-pressed=${pressed(s.studyInstanceUID === openStudyUid)}
      @click=${() => open(s.studyInstanceUID)}
    >
      ${s.studyDate ?? ''} ${s.description ?? ''} ${s.modalities.join('/')}
    </button>`;
  return html`${
    problems.length
      ? html`<div part="message error" class="message error" role="alert">${t.launchFailed}<ul>${problems}</ul></div>`
      : nothing
  }
  ${
    failure
      ? html`<div part="message error" class="message error" role="alert" data-kind=${failure.kind}>${failed}</div>`
      : nothing
  }
  ${launch.notice ? html`<p part="message" class="message" role="status">${launch.notice}</p>` : nothing}
  ${
    launch.studies.length > 1
      ? html`<nav class="studies" aria-label=${t.studies}>${launch.studies.map(study)}</nav>`
      : nothing
  }`;
}

/** Alt+1…4 picks the viewport the series strip fills: the slot a key names (default prevented), if any. */
export function slotOfKey(event: KeyboardEvent, slots: number): number | undefined {
  if (!event.altKey || !/^[1-4]$/.test(event.key) || Number(event.key) > slots) return undefined;
  event.preventDefault();
  return Number(event.key) - 1;
}

/** A SMART launch under way (a status) or failed (an alert, with its reason in `data-reason`). */
export function renderSmart(smart: SmartController) {
  const t = smartTexts();
  if (smart.failure)
    return html`<div part="message error" class="message error" role="alert" data-reason=${smart.failure.reason}>
      ${t[smart.failure.reason]}
    </div>`;
  const step = smart.step;
  if (step === 'authorizing' || step === 'authorized' || step === 'opening')
    return html`<p part="message" class="message" role="status" data-step=${step}>${t[step]}</p>`;
  return nothing;
}

/** Play/pause and the rate for a viewport that shows more than one image. */
export function renderCine(viewport: RadViewport | undefined, fps: number | undefined, setFps: (fps?: number) => void) {
  if (!viewport || viewport.frames.length < 2) return nothing;
  const t = texts();
  const toggle = () => (viewport.playing ? viewport.pause() : viewport.play());
  const rate = (e: Event) => setFps(Number((e.target as HTMLInputElement).value) || undefined);
  return html`<button type="button" aria-pressed=${pressed(viewport.playing)} @click=${toggle}>
      ${viewport.playing ? t.pause : t.play}
    </button>
    <label class="check"
      >${t.fps}
      <input
        class="fps"
        type="number"
        min="1"
        max="60"
        step="1"
        .value=${String(Math.round(fps ?? viewport.cineRate))}
        @change=${rate}
    /></label>`;
}

/** What the study toolbar shows. */
export interface StudyToolbarState {
  study: Study;
  /** The study's series (fusion is offered where they hold a CT and a PET). */
  series: readonly Series[];
  mode: ViewerMode;
  layout: ViewerLayout;
  prior?: Study;
  comparing: boolean;
  synchronised: boolean;
  /** The worklist can be shown above the study (radiologist mode, worklist on). */
  worklist: boolean;
  worklistShown: boolean;
}

/** What the study toolbar's controls do. */
export interface StudyToolbarActions {
  setLayout(layout: ViewerLayout): void;
  compareWithPrior(): void;
  setSynchronised(on: boolean): void;
  toggleWorklist(): void;
  close(): void;
}

/** The study's title, layouts, comparison with the prior, the worklist toggle and close. */
export function renderStudyToolbar(state: StudyToolbarState, actions: StudyToolbarActions) {
  const t = texts();
  const { study, prior } = state;
  const names = { mpr: t.mpr, fusion: t.fusion } as Partial<Record<ViewerLayout, string>>;
  // Fusion: for a study with a CT and a PET (the viewports say so where their frames of reference differ).
  const canFuse = fusionPair(state.series) !== undefined;
  const layouts = (['1x1', '1x2', '2x2', 'mpr', 'fusion'] as const).map(
    (layout) =>
      html`<button
        type="button"
        aria-pressed=${pressed(state.layout === layout)}
        ?disabled=${layout === 'fusion' && !canFuse}
        title=${layout === 'fusion' && !canFuse ? t.noFusion : ''}
        @click=${() => actions.setLayout(layout)}
      >
        ${names[layout] ?? layout.replace('x', '×')}
      </button>`,
  );
  const sync = (e: Event) => actions.setSynchronised((e.target as HTMLInputElement).checked);
  return html`<div part="toolbar" class="toolbar" role="toolbar" aria-label=${t.viewer}>
    <strong class="title">${study.description ?? ''} ${study.studyDate ?? ''}</strong>
    ${state.mode === 'radiologist' ? html`<span role="group" aria-label=${t.layout}>${layouts}</span>` : nothing}
    <button
      type="button"
      aria-pressed=${pressed(state.comparing)}
      ?disabled=${!prior}
      title=${prior ? '' : t.noPrior}
      @click=${() => actions.compareWithPrior()}
    >
      ${t.compare}${prior ? ` (${priorLabel(prior.studyDate ?? '')})` : ''}
    </button>
    ${
      state.comparing
        ? html`<label class="check"
            ><input type="checkbox" .checked=${state.synchronised} @change=${sync} /> ${t.sync}</label
          >`
        : nothing
    }
    ${
      state.worklist
        ? html`<button
          type="button"
          aria-controls="worklist"
          aria-expanded=${pressed(state.worklistShown)}
          @click=${() => actions.toggleWorklist()}
        >
          ${t.worklist}
        </button>`
        : nothing
    }
    <button type="button" @click=${() => actions.close()}>${t.close}</button>
  </div>`;
}

/** The mode's tools (the active one pressed), invert and reset for the active viewport, and cine. */
export function renderToolsToolbar(
  mode: ViewerMode,
  activeTool: ViewportTool,
  setTool: (tool: ViewportTool) => void,
  active: RadViewport | undefined,
  cine: unknown,
  planes: { layout: ViewerLayout; look: PlaneLook; setLook(look: PlaneLook): void },
) {
  const t = texts();
  const onPlanes = planes.layout === 'mpr' || planes.layout === 'fusion';
  const tools = [...MODE_TOOLS[mode], ...(onPlanes ? (['Crosshairs'] as const) : [])].map(
    (tool) =>
      html`<button type="button" aria-pressed=${pressed(activeTool === tool)} @click=${() => setTool(tool)}>
        ${toolLabel(tool)}
      </button>`,
  );
  return html`<div class="toolbar" role="toolbar" aria-label=${t.tools}>
    ${tools}
    <button type="button" @click=${() => active?.invert()}>${t.invert}</button>
    <button type="button" @click=${() => active?.reset()}>${t.reset}</button>
    ${onPlanes ? renderPlaneControls(planes.layout, planes.look, planes.setLook) : cine}
  </div>`;
}

/** The series of the study, each a thumbnail to click or drag onto a viewport. */
export function renderSeriesStrip(
  study: Study,
  series: readonly Series[],
  shownSeriesUid: string | undefined,
  openSeries: (seriesInstanceUID: string) => void,
) {
  const t = texts();
  const count = (s: Series) => String(s.instanceCount ?? '?');
  return html`<nav part="series-strip" class="strip" aria-label=${t.series}>
    ${repeat(
      series,
      (s) => s.seriesInstanceUID,
      (s) => html`<button
        type="button"
        draggable="true"
        data-series-uid=${s.seriesInstanceUID}
        aria-pressed=${pressed(shownSeriesUid === s.seriesInstanceUID)}
        @click=${() => openSeries(s.seriesInstanceUID)}
        @dragstart=${(e: DragEvent) => e.dataTransfer?.setData(SERIES_TYPE, s.seriesInstanceUID)}
      >
        <rad-series-thumbnail
          study-uid=${study.studyInstanceUID}
          series-uid=${s.seriesInstanceUID}
          modality=${s.modality ?? nothing}
          size="64"
        ></rad-series-thumbnail>
        <span>${seriesLabel(String(s.seriesNumber ?? '?'), s.modality ?? '', count(s))}</span>
        <span class="description">${s.description ?? ''}</span>
      </button>`,
    )}
  </nav>`;
}

/** A slot's viewport, with the viewer's tool, codecs and cine rate; `changed` on cine and load progress. */
export function renderViewport(
  shows: Slot,
  settings: { codecBasePath?: string; activeTool: ViewportTool; cineFps?: number; look: PlaneLook },
  changed: (progress: boolean) => void,
) {
  const slab = shows.slab ?? settings.look.slab;
  const { fusion } = settings.look;
  return html`<rad-viewport
    study-uid=${shows.studyUid}
    series-uid=${shows.seriesUid}
    view=${shows.view ?? 'stack'}
    ?crosshairs=${shows.view !== undefined}
    slab=${shows.view ? slab.mode : 'thin'}
    slab-thickness=${slab.thicknessMm}
    fusion-series-uid=${shows.fusionSeriesUid ?? ''}
    fusion-colormap=${fusion.colormap}
    fusion-opacity=${fusion.opacity}
    .fusionWindow=${fusion.window}
    codec-base-path=${settings.codecBasePath ?? nothing}
    active-tool=${settings.activeTool}
    cine-fps=${settings.cineFps ?? nothing}
    @rad-cine-change=${() => changed(false)}
    @rad-load-progress=${() => changed(true)}
    ><span slot="toolbar"></span
  ></rad-viewport>`;
}

/** One viewport of the grid, its slot activated by pointer or focus, a series dropped on it opened. */
export function renderSlot(
  slot: { index: number; shows?: Slot; active: boolean; priorDate?: string },
  viewport: unknown,
  actions: { activate(): void; drop(seriesInstanceUID: string): void },
) {
  const drop = (event: DragEvent) => {
    const uid = event.dataTransfer?.getData(SERIES_TYPE);
    if (!uid) return;
    event.preventDefault();
    actions.drop(uid);
  };
  return html`<section
    part="viewport"
    class="slot"
    data-slot=${slot.index}
    ?data-active=${slot.active}
    aria-label=${viewportLabel(slot.index + 1)}
    @pointerdown=${() => actions.activate()}
    @focusin=${() => actions.activate()}
    @dragover=${(e: DragEvent) => e.dataTransfer?.types.includes(SERIES_TYPE) && e.preventDefault()}
    @drop=${drop}
  >
    ${slot.shows ? viewport : html`<p class="empty">${texts().emptyViewport}</p>`}
    ${slot.priorDate !== undefined ? html`<span class="badge">${priorLabel(slot.priorDate)}</span>` : nothing}
  </section>`;
}
