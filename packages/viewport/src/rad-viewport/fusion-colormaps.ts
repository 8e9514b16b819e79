// The colour maps a fused PET is shown through: DICOM's Hot Iron palette (PS3.6 B.1.2, as Cornerstone
// carries it for its CPU renderer, registered here for the GPU one), a rainbow (blue, cyan, green,
// yellow, red) and grey. Each spans the PET window: its lowest colour at the window's lower end.
import type { CornerstoneRuntime } from './cornerstone-runtime.js';

export const FUSION_COLORMAPS = ['hot-iron', 'rainbow', 'grey'] as const;
export type FusionColormap = (typeof FUSION_COLORMAPS)[number];

/** Cornerstone's (or vtk.js's) name of each colour map. */
const NAMES: Record<FusionColormap, string> = {
  'hot-iron': 'rad-hot-iron',
  rainbow: 'rainbow',
  grey: 'Grayscale',
};

/** A colour map's Cornerstone name, registering DICOM Hot Iron on first use. */
export function colormapName(runtime: CornerstoneRuntime, colormap: FusionColormap): string {
  const { utilities, CONSTANTS } = runtime.core;
  const name = NAMES[FUSION_COLORMAPS.includes(colormap) ? colormap : 'hot-iron'];
  if (name === NAMES['hot-iron'] && !utilities.colormap.getColormap(name)) {
    const { colors } = CONSTANTS.CPU_COLORMAPS.hotIron as { colors: number[][] };
    const last = colors.length - 1;
    const RGBPoints = colors.flatMap(([r, g, b], i) => [i / last, r / 255, g / 255, b / 255]);
    utilities.colormap.registerColormap({ ColorSpace: 'RGB', Name: name, name, RGBPoints } as never);
  }
  return name;
}
