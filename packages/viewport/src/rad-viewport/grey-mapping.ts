// How one viewport maps modality values to grey (PS3.3 C.11.2): the file's window, else its first
// VOI LUT; a VOI LUT chosen by the user until a window replaces it; the standard's threshold where
// Cornerstone would draw a window of no span; and the SIGMOID function in the CPU renderer, which
// draws linear windows only. Cornerstone forgets what was written into its grey mapping with each
// new image or actor: `redraw*` write it again and say whether the image must be drawn again.
import type { Types } from '@cornerstonejs/core';
import { stringValue } from '@telerad/core';
import type { CornerstoneRuntime } from './cornerstone-runtime.js';
import { cpuSigmoidLut, cpuViewportOf, modalityRange, type ImageRange } from './cpu-voi.js';
import type { StackFrame } from './series-stack.js';
import { atLeastThreshold, windowOfRange } from './voi-range.js';
import { cachedVoiLuts, drawVoiLut, greyMappingOf, lutRange, type VoiLut } from './voi-lut.js';

/** The viewport whose grey mapping this is, as it is at each call. */
export interface MappedViewport {
  runtime(): CornerstoneRuntime | undefined;
  viewport(): Types.IStackViewport | undefined;
  /** The frame of the image shown. */
  frame(): StackFrame | undefined;
}

export class GreyMapping {
  /** Mended grey mappings since the last drawing that needed none (see `mendDegenerate`). */
  #mendsInARow = 0;
  /** Index into the image's VOI LUT Sequence while a LUT, not a window, maps values to grey. */
  #voiLutIndex?: number;
  /** The transfer function (or CPU viewport) the grey mapping was last written to, and for which LUT. */
  #voiLutDrawn?: { target: object; lut: VoiLut };
  /** The image and window the CPU renderer's SIGMOID table was drawn for. */
  #cpuSigmoidDrawn?: string;

  constructor(private readonly on: MappedViewport) {}

  /** The VOI LUTs (PS3.3 C.11.2.1.1) of the image shown. */
  voiLuts(): readonly VoiLut[] {
    const frame = this.on.frame();
    return frame ? cachedVoiLuts(frame.metadata) : [];
  }

  /** The VOI LUT shown instead of a window: its index in the sequence and its LUT Explanation. */
  shownVoiLut(): { index: number; explanation?: string } | undefined {
    return this.#voiLutIndex === undefined
      ? undefined
      : { index: this.#voiLutIndex, explanation: this.#currentVoiLut()?.explanation };
  }

  /** Maps values to grey through VOI LUT `index` of the image shown, instead of a window. */
  showVoiLut(index: number): void {
    const viewport = this.on.viewport();
    const lut = this.voiLuts()[index];
    if (!viewport || !lut) return;
    this.#voiLutIndex = index;
    this.#voiLutDrawn = undefined;
    // Window tools start from the range the LUT covers.
    viewport.setProperties({ voiRange: lutRange(lut) });
    this.redrawVoiLut();
    viewport.render();
  }

  /** The image's own grey mapping, mended where degenerate: as loaded, and after a reset. */
  showAsLoaded(): void {
    this.#showDefault();
    this.#mendsInARow = 0;
    this.mendDegenerate();
  }

  /** A drawing that needed no mending: the next degenerate window may be mended again. */
  drawn(): void {
    this.#mendsInARow = 0;
  }

  /** A window set (by the API or a tool) replaces a VOI LUT shown. */
  windowSet(range: Types.VOIRange): void {
    const lut = this.#currentVoiLut();
    if (lut && (range.lower !== lutRange(lut).lower || range.upper !== lutRange(lut).upper)) this.#leaveVoiLut(range);
  }

  /** PS3.3 C.11.2.1.2: the file's window when it has one, else its first VOI LUT. */
  #showDefault(): void {
    const frame = this.on.frame();
    this.#voiLutIndex = undefined;
    if (frame && !frame.metadata['00281050']?.Value?.length && this.voiLuts().length) this.showVoiLut(0);
  }

  /**
   * Cornerstone gives a window of width 1, and an image of one value without a window, a ramp with
   * no span (or a reversed one) that each renderer draws its own way, and its GPU path keeps a grey
   * mapping of one node from it (every later window then draws one grey). The standard's threshold
   * replaces it (see voi-range.ts), with both ends written. True if it did (the image must be drawn
   * again); at most twice in a row, as the CPU path recomputes its window once after a reset.
   */
  mendDegenerate(): boolean {
    const viewport = this.on.viewport();
    const range = viewport?.getProperties().voiRange;
    if (!viewport || !range || this.#voiLutIndex !== undefined || this.#mendsInARow >= 2) return false;
    const mended = atLeastThreshold(range);
    const mapping = greyMappingOf(viewport) as { getSize?(): number } | undefined;
    if (mended.upper === range.upper && (mapping?.getSize?.() ?? 2) >= 2) return false;
    this.#mendsInARow++;
    viewport.setProperties({ voiRange: mended });
    drawVoiLut(viewport, undefined, mended, Boolean(viewport.getProperties().invert));
    return true;
  }

  #currentVoiLut(): VoiLut | undefined {
    return this.#voiLutIndex === undefined ? undefined : this.voiLuts()[this.#voiLutIndex];
  }

  /** Writes the current LUT where Cornerstone has not got it (a new image, a new actor); true if it did. */
  redrawVoiLut(): boolean {
    const viewport = this.on.viewport();
    const lut = this.#currentVoiLut();
    if (!viewport || !lut) return false;
    const target = greyMappingOf(viewport);
    // Cornerstone's invert flips what was written; only a new target or LUT needs writing.
    if (!target || (target === this.#voiLutDrawn?.target && lut === this.#voiLutDrawn.lut)) return false;
    drawVoiLut(viewport, lut, lutRange(lut), Boolean(viewport.getProperties().invert));
    this.#voiLutDrawn = { target, lut };
    return true;
  }

  /**
   * The SIGMOID VOI LUT function in the CPU renderer, which draws linear windows only: the window
   * written as a table, again for each new window or image. True if it wrote one.
   */
  redrawCpuSigmoid(): boolean {
    const viewport = this.on.viewport();
    const frame = this.on.frame();
    const cpu = viewport && cpuViewportOf(viewport);
    if (!cpu || !frame || this.#voiLutIndex !== undefined || stringValue(frame.metadata, '00281056') !== 'SIGMOID')
      return false;
    const image = this.on.runtime()?.core.cache.getImage(frame.imageId) as unknown as ImageRange | undefined;
    const { lower = 0, upper = 0 } = viewport.getProperties().voiRange ?? {};
    const window = windowOfRange({ lower, upper });
    const drawn = `${frame.imageId} ${window.center} ${window.width}`;
    if (!image || drawn === this.#cpuSigmoidDrawn) return false;
    this.#cpuSigmoidDrawn = drawn;
    cpu.voiLUT = cpuSigmoidLut(...modalityRange(image), window);
    return true;
  }

  #leaveVoiLut(range: Types.VOIRange): void {
    const viewport = this.on.viewport();
    this.#voiLutIndex = undefined;
    this.#voiLutDrawn = undefined;
    this.#cpuSigmoidDrawn = undefined;
    if (!viewport) return;
    drawVoiLut(viewport, undefined, range, Boolean(viewport.getProperties().invert));
    viewport.render();
  }

  /** Leaves a VOI LUT shown for the window `range` (a window set through the API). */
  leaveForWindow(range: Types.VOIRange): void {
    if (this.#voiLutIndex !== undefined) this.#leaveVoiLut(range);
  }
}
