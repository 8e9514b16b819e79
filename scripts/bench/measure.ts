// What every benchmark page shares: alternating runs of a baseline and an element, kept as medians.

export interface Result {
  name: string;
  unit: string;
  baseline: number;
  element: number;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const percentile95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];
export const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Runs baseline and element alternately, `runs` times each, and keeps the medians. */
export async function compare(name: string, runs: number, baseline: () => Promise<number>, element: () => Promise<number>, unit = 'ms'): Promise<Result> {
  const times = { baseline: [] as number[], element: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.baseline.push(await baseline());
    times.element.push(await element());
  }
  return { name, unit, baseline: median(times.baseline), element: median(times.element) };
}

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

declare global {
  interface Window {
    benchResults?: Result[];
  }
}

/** Runs a page's benchmarks and hands the results to scripts/bench/run.mjs. */
export function publish(run: () => Promise<Result[]>): void {
  void run().then((results) => (window.benchResults = results));
}
