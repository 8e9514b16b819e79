/** A direction in the patient coordinate system (LPS) as DICOM orientation letters, e.g. "L", "AF". */
export function orientationLabel(direction: readonly number[]): string {
  const letters: [number, string][] = [
    [direction[0], direction[0] > 0 ? 'L' : 'R'],
    [direction[1], direction[1] > 0 ? 'P' : 'A'],
    [direction[2], direction[2] > 0 ? 'H' : 'F'],
  ];
  // The dominant axis first; a second letter where the direction is clearly oblique.
  return letters
    .filter(([component]) => Math.abs(component) > 0.25)
    .sort((a, b) => Math.abs(b[0]) - Math.abs(a[0]))
    .slice(0, 2)
    .map(([, letter]) => letter)
    .join('');
}

/** Labels of the four screen edges, from the directions of screen right and screen up in LPS. */
export function edgeLabels(
  right: readonly number[],
  up: readonly number[],
): { left: string; right: string; top: string; bottom: string } {
  const negate = (v: readonly number[]) => v.map((c) => -c);
  return {
    left: orientationLabel(negate(right)),
    right: orientationLabel(right),
    top: orientationLabel(up),
    bottom: orientationLabel(negate(up)),
  };
}

const NICE_LENGTHS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

/** The longest "nice" length (mm) whose bar fits in `maxPixels` at `pixelsPerMm`. */
export function scaleBarLength(pixelsPerMm: number, maxPixels: number): number | undefined {
  return [...NICE_LENGTHS].reverse().find((mm) => mm * pixelsPerMm <= maxPixels);
}
