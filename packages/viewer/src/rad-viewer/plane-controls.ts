// The tools toolbar's controls for planes: MPR's slab (how its planes make each pixel, how thick)
// and fusion's look (the PET's colour map, its opacity on a slider that keys and pointers move, and
// the top of its SUV window).
import type { FusionColormap } from '@telerad/viewport';
import { html } from 'lit';
import type { MprSlab, PlaneLook, ViewerLayout } from './layouts.js';
import { texts } from './messages.js';

/** MPR's slab or fusion's look, by layout. */
export function renderPlaneControls(layout: ViewerLayout, look: PlaneLook, setLook: (look: PlaneLook) => void) {
  return layout === 'fusion'
    ? renderFusionControls(look.fusion, (fusion) => setLook({ ...look, fusion }))
    : renderSlabControls(look.slab, (slab) => setLook({ ...look, slab }));
}

const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

function renderSlabControls(slab: MprSlab, setSlab: (slab: MprSlab) => void) {
  const t = texts();
  const modes = { thin: t.slabThin, mip: 'MIP', minip: 'MinIP', average: 'Avg' } as const;
  const thickness = (e: Event) => {
    const value = Number(valueOf(e));
    if (value > 0) setSlab({ ...slab, thicknessMm: value });
  };
  return html`<label class="check"
      >${t.slab}
      <select part="slab" @change=${(e: Event) => setSlab({ ...slab, mode: valueOf(e) as MprSlab['mode'] })}>
        ${Object.entries(modes).map(
          ([value, label]) => html`<option value=${value} ?selected=${slab.mode === value}>${label}</option>`,
        )}
      </select></label
    >
    <label class="check"
      >${t.slabThickness}
      <input
        part="slab-thickness"
        type="number"
        min="1"
        max="100"
        step="1"
        .value=${String(slab.thicknessMm)}
        ?disabled=${slab.mode === 'thin'}
        @change=${thickness}
    /></label>`;
}

function renderFusionControls(fusion: PlaneLook['fusion'], setFusion: (fusion: PlaneLook['fusion']) => void) {
  const t = texts();
  const colormaps: Record<FusionColormap, string> = { 'hot-iron': t.hotIron, rainbow: t.rainbow, grey: t.grey };
  const percent = Math.round(fusion.opacity * 100);
  const top = (e: Event) => {
    const value = Number(valueOf(e));
    if (value > fusion.window[0]) setFusion({ ...fusion, window: [fusion.window[0], value] });
  };
  return html`<span role="group" aria-label=${t.fusionControls} class="fusion">
    <label class="check"
      >${t.colormap}
      <select
        part="fusion-colormap"
        @change=${(e: Event) => setFusion({ ...fusion, colormap: valueOf(e) as FusionColormap })}
      >
        ${Object.entries(colormaps).map(
          ([value, label]) => html`<option value=${value} ?selected=${fusion.colormap === value}>${label}</option>`,
        )}
      </select></label
    >
    <label class="check"
      >${t.petOpacity}
      <input
        part="fusion-opacity"
        type="range"
        min="0"
        max="100"
        step="5"
        .value=${String(percent)}
        aria-valuetext=${`${percent} %`}
        @input=${(e: Event) => setFusion({ ...fusion, opacity: Number(valueOf(e)) / 100 })}
      /><output>${percent} %</output></label
    >
    <label class="check"
      >${t.suvWindow}
      <input
        part="fusion-window"
        type="number"
        min="0.5"
        max="50"
        step="0.5"
        .value=${String(fusion.window[1])}
        @change=${top}
    /></label>
  </span>`;
}
