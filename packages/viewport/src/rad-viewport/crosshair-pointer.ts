// The `Crosshairs` tool on a reformat's image area: pressed or dragged near the crossing, it sets
// the group's crosshair point there (the other planes move through it); pressed on a reference line
// away from the crossing and dragged around it, it turns the other planes about this plane's
// normal: oblique planes, as radiologists tilt them along a vessel or a spine.
import type { Crosshair, CrosshairMember } from '../rad-rendering-group/crosshair.js';
import type { ReferenceLine } from './crosshair-lines.js';
import type { Point3 } from './reformat-viewport.js';

/** What the pointer reads of the reformat it is on. */
export interface PointedReformat {
  canvasToPatient(point: readonly [number, number]): Point3 | undefined;
  patientToCanvas(point: readonly number[]): [number, number] | undefined;
  referenceLines(): ReferenceLine[];
}

/** Within this many CSS px of a line, away from the crossing by more than `ROTATE_FROM`, a press turns the planes. */
const NEAR_LINE = 8;
const ROTATE_FROM = 24;

const distanceToLine = ([px, py]: readonly number[], { x1, y1, x2, y2 }: ReferenceLine) =>
  Math.abs((x2 - x1) * (y1 - py) - (x1 - px) * (y2 - y1)) / Math.hypot(x2 - x1, y2 - y1);

export class CrosshairPointer {
  /** The angle (canvas radians) of the pointer about the crossing, while turning the planes. */
  #turning?: number;
  #remove = () => {};

  constructor(
    private readonly reformat: PointedReformat,
    private readonly member: CrosshairMember,
    /** The group's crosshair, while the reformat takes part in it with the tool active. */
    private readonly crosshair: () => Crosshair | undefined,
  ) {}

  attach(area: HTMLElement): void {
    this.detach();
    const down = (event: PointerEvent) => this.#down(event, area);
    const move = (event: PointerEvent) => this.#move(event, area);
    const up = () => (this.#turning = undefined);
    area.addEventListener('pointerdown', down);
    area.addEventListener('pointermove', move);
    area.addEventListener('pointerup', up);
    this.#remove = () => {
      area.removeEventListener('pointerdown', down);
      area.removeEventListener('pointermove', move);
      area.removeEventListener('pointerup', up);
    };
  }

  detach(): void {
    this.#remove();
    this.#remove = () => {};
    this.#turning = undefined;
  }

  #canvasPoint(event: PointerEvent, area: HTMLElement): [number, number] {
    const box = area.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  }

  /** The pointer's angle about the crossing, if it is on a reference line away from it. */
  #angleOnLine(at: [number, number], crosshair: Crosshair): number | undefined {
    const crossing = crosshair.point && this.reformat.patientToCanvas(crosshair.point);
    if (!crossing || Math.hypot(at[0] - crossing[0], at[1] - crossing[1]) < ROTATE_FROM) return undefined;
    const onLine = this.reformat.referenceLines().some((line) => distanceToLine(at, line) <= NEAR_LINE);
    return onLine ? Math.atan2(at[1] - crossing[1], at[0] - crossing[0]) : undefined;
  }

  #down(event: PointerEvent, area: HTMLElement): void {
    const crosshair = this.crosshair();
    if (!crosshair || !(event.buttons & 1)) return;
    const at = this.#canvasPoint(event, area);
    this.#turning = this.#angleOnLine(at, crosshair);
    if (this.#turning === undefined) this.#setPoint(at, crosshair);
  }

  #move(event: PointerEvent, area: HTMLElement): void {
    const crosshair = this.crosshair();
    if (!crosshair || !(event.buttons & 1)) return;
    const at = this.#canvasPoint(event, area);
    if (this.#turning === undefined) return this.#setPoint(at, crosshair);
    const crossing = crosshair.point && this.reformat.patientToCanvas(crosshair.point);
    if (!crossing) return;
    const angle = Math.atan2(at[1] - crossing[1], at[0] - crossing[0]);
    // Canvas angles run clockwise (y down); about the normal, towards the viewer, that is negative.
    void crosshair.rotate(this.member, -(angle - this.#turning));
    this.#turning = angle;
  }

  #setPoint(at: [number, number], crosshair: Crosshair): void {
    const point = this.reformat.canvasToPatient(at);
    if (point) void crosshair.set(point, this.member);
  }
}
