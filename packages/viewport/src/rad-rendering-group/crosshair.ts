// The crosshair point a rendering group's reformats share: every plane passes through it. Setting
// it from one view (a click, a drag) moves the other planes to it; scrolling a plane moves the point
// along that plane's normal: the planes parallel to it (fusion's CT, PET and fused axial views)
// scroll with it, and the others redraw their reference lines.
import { dot, offset, rotateAbout, type Vec3 as Point3 } from '../rad-viewport/vector3.js';

/** A reformat that takes part: its plane, and how to move it and redraw its lines. */
export interface CrosshairMember {
  /** The plane's normal, while a reformat is shown. */
  normal(): Point3 | undefined;
  /** The patient point at the plane's centre, while a reformat is shown. */
  centre(): Point3 | undefined;
  /** The patient direction of screen up, while a reformat is shown. */
  up(): Point3 | undefined;
  /** Moves the plane along its normal through `point`. */
  moveTo(point: Point3): Promise<void>;
  /** Turns the plane to `normal` (screen up `up`), through `point`. */
  orient(normal: Point3, up: Point3, point: Point3): Promise<void>;
  /** The point or the other planes changed: redraw the lines. */
  changed(): void;
}

export class Crosshair {
  #point?: Point3;
  readonly #members = new Set<CrosshairMember>();

  /** The shared point (LPS, mm), once one is set. */
  get point(): Point3 | undefined {
    return this.#point;
  }

  /** The other members' plane normals, for `member`'s reference lines. */
  othersOf(member: CrosshairMember): Point3[] {
    const normals = [...this.#members].filter((m) => m !== member).map((m) => m.normal());
    return normals.filter((normal): normal is Point3 => normal !== undefined);
  }

  /** Adds `member`; returns its removal. */
  join(member: CrosshairMember): () => void {
    this.#members.add(member);
    this.#point ??= member.centre();
    this.#changed();
    return () => {
      this.#members.delete(member);
      if (!this.#members.size) this.#point = undefined;
      this.#changed();
    };
  }

  /** Sets the point from `from` (whose plane holds it): the other planes move through it. */
  async set(point: Point3, from: CrosshairMember): Promise<void> {
    this.#point = point;
    // The lines move at once (the planes' directions do not change); the planes follow as they draw.
    this.#changed();
    await Promise.all([...this.#members].filter((m) => m !== from && m.normal()).map((m) => m.moveTo(point)));
    this.#changed();
  }

  /**
   * Turns the other planes by `radians` about `from`'s normal, through the point (oblique planes;
   * right-handed: counterclockwise as `from` shows it).
   */
  async rotate(from: CrosshairMember, radians: number): Promise<void> {
    const [point, axis] = [this.#point, from.normal()];
    if (!point || !axis || !radians) return;
    const turns = [...this.#members].map((member) => {
      const [normal, up] = [member.normal(), member.up()];
      if (member === from || !normal || !up) return undefined;
      return member.orient(rotateAbout(normal, axis, radians), rotateAbout(up, axis, radians), point);
    });
    this.#changed();
    await Promise.all(turns);
    this.#changed();
  }

  /** `member`'s plane moved along its normal (a scroll): the point follows it, and the planes parallel to it. */
  moved(member: CrosshairMember): void {
    const [point, normal, centre] = [this.#point, member.normal(), member.centre()];
    if (!point || !normal || !centre) return;
    const along = dot(centre, normal) - dot(point, normal);
    if (Math.abs(along) < 1e-6) return;
    const moved = offset(point, normal, along);
    this.#point = moved;
    this.#changed();
    for (const other of this.#members) {
      const parallel = other !== member && Math.abs(dot(other.normal() ?? [0, 0, 0], normal)) > 0.999;
      if (parallel) void other.moveTo(moved);
    }
  }

  #changed(): void {
    for (const member of this.#members) member.changed();
  }
}
