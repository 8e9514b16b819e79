// What every navigation-benchmark page shares: the series from the address (#study=…&series=…), the
// first-image check (pixels on the canvas, not only an event), and the figures handed to the driver.
export const target = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
export const seriesRoot = `/dicom-web/studies/${target.study}/series/${target.series}`;

// Room for every request of a 1,000-slice series (the browser keeps 250 by default).
performance.setResourceTimingBufferSize(5_000);

/** Figures so far; the driver (scripts/bench/navigation.mjs) waits for `done`. */
window.__bench = { done: false };

export function record(figures) {
  Object.assign(window.__bench, figures);
}

/** Whether a canvas shows anything but black (the first image really drawn). */
export function hasPixels(canvas) {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < data.length; i += 4 * 97) if (data[i] > 10) return true;
  return false;
}

/** The series' instances (WADO-RS metadata) in slice order. */
export async function seriesInstances() {
  const response = await fetch(`${seriesRoot}/metadata`, { headers: { Accept: 'application/dicom+json' } });
  const instances = await response.json();
  return instances.sort((a, b) => (a['00200013']?.Value?.[0] ?? 0) - (b['00200013']?.Value?.[0] ?? 0));
}

/**
 * Milliseconds per image while scrolling through the cached series (at most 100 steps):
 * `show(index)` resolves when image `index` is drawn. Resolves to every step's time.
 */
export async function scrollTimes(count, show) {
  const times = [];
  // The first hundred steps: a long series scrolls as a short one does, and its visit stays short.
  for (let index = 1; index < Math.min(count, 101); index++) {
    const started = performance.now();
    await show(index);
    times.push(performance.now() - started);
  }
  return times;
}
