// What the load run (issue 19) counts, and its audit: every signed report read back from the
// archive exactly once, and every pair of reports signed at the same time on one study told to
// at least one of their readers.

/** The value below which `share` of `values` lie (nearest rank); undefined when there are none. */
export function percentile(values, share) {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

export class LoadFigures {
  /** @type {Map<string, number[]>} */
  #samples = new Map();
  /** @type {Map<string, number>} */
  #counts = new Map();
  /** @type {Map<string, number>} */
  #errors = new Map();
  /** Reports stored: `{ studyInstanceUID, sopInstanceUID, status, concurrent?, reader, seen }`. */
  signedReports = [];
  /** Signings stopped by the check before storing: `{ studyInstanceUID, newer }`. */
  stopped = [];

  sample(name, ms) {
    this.#samples.set(name, [...(this.#samples.get(name) ?? []), ms]);
  }

  /** Runs `work`, its time a sample of `name` when it succeeds. */
  async timed(name, work) {
    const started = performance.now();
    const result = await work();
    this.sample(name, performance.now() - started);
    return result;
  }

  count(name) {
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + 1);
  }

  error(kind) {
    this.#errors.set(kind, (this.#errors.get(kind) ?? 0) + 1);
  }

  stoppedBeforeStoring(studyInstanceUID, newer) {
    this.stopped.push({ studyInstanceUID, newer });
  }

  /** A report the archive acknowledged, with the reports its reader had seen when opening the study. */
  signed(record) {
    this.signedReports.push(record);
  }

  /** Latency figures (p50, p95, count) per kind, in ms. */
  latencies() {
    return Object.fromEntries(
      [...this.#samples].map(([name, values]) => [
        name,
        { p50: Math.round(percentile(values, 0.5)), p95: Math.round(percentile(values, 0.95)), n: values.length },
      ]),
    );
  }

  counts() {
    return Object.fromEntries(this.#counts);
  }

  errors() {
    return Object.fromEntries([...this.#errors].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/**
 * The audit of the signed reports against the archive's SR documents of the same studies
 * (`archived`: one SOP Instance UID per QIDO-RS row, as the archive lists them).
 * - lost: acknowledged, not in the archive; duplicated: listed more than once;
 * - unexpected: in the archive, signed by nobody of the run (and not there before it, `before`);
 * - conflicts: two reports of one study whose readers had each not seen the other's. Each must be
 *   detected: named as concurrent by at least one of the two readers after storing.
 */
export function auditReports(signedReports, archived, before = new Set()) {
  const listed = new Map();
  for (const uid of archived) listed.set(uid, (listed.get(uid) ?? 0) + 1);
  const signedUids = new Set(signedReports.map((r) => r.sopInstanceUID));
  const pairs = [];
  for (const [i, a] of signedReports.entries())
    for (const b of signedReports.slice(i + 1)) {
      if (a.studyInstanceUID !== b.studyInstanceUID) continue;
      if (a.seen.includes(b.sopInstanceUID) || b.seen.includes(a.sopInstanceUID)) continue;
      const told = (x, y) => (x.concurrent ?? []).includes(y.sopInstanceUID);
      pairs.push({ a: a.sopInstanceUID, b: b.sopInstanceUID, detected: told(a, b) || told(b, a) });
    }
  return {
    stored: signedReports.length,
    lost: signedReports.filter((r) => !listed.has(r.sopInstanceUID)).map((r) => r.sopInstanceUID),
    duplicated: [...listed].filter(([, n]) => n > 1).map(([uid]) => uid),
    unexpected: [...listed.keys()].filter((uid) => !signedUids.has(uid) && !before.has(uid)),
    conflicts: pairs.length,
    conflictsDetected: pairs.filter((p) => p.detected).length,
    undetected: pairs.filter((p) => !p.detected),
  };
}
