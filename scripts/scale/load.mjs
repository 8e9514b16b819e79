// Many readers at once (issue 19): N Node readers (node-reader.mjs: the project's own service,
// signing and series retrieval) and 2 Chromium pages with the facility portal (page-reader.mjs),
// against the clustered archive, for a bounded time. They read a queue of unreported studies, so
// readers meet on the same study; signings fall on a shared beat, so some meet at the same moment.
// Afterwards every acknowledged report is looked for in the archive (auditReports).
import XMLHttpRequest from 'xhr2';
import { DicomWebService } from '../../packages/core/dist/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium.mjs';
import { auditReports, LoadFigures } from './load-figures.mjs';
import { NodeReader } from './node-reader.mjs';
import { PageReader } from './page-reader.mjs';

// The service speaks through dicomweb-client, which needs the browser's XMLHttpRequest: in Node,
// xhr2's (Node's own fetch serves the viewport's series retrieval).
globalThis.XMLHttpRequest ??= XMLHttpRequest;

/** The studies the readers share: the first `size` of the plan without a report. */
export const readingQueue = (plan, size) =>
  plan.studies
    .filter((s) => !s.report)
    .slice(0, size)
    .map(({ uid, accession }) => ({ uid, accession }));

const readerOf = (kind, n) => ({ name: `${kind}^Reader ${n}^^Dr`, id: `${kind.toUpperCase()}-${String(n).padStart(2, '0')}` });

/** The SR documents of `studyUids` as the archive lists them (one UID per row), read afresh. */
async function archivedDocuments(dicomWebUrl, studyUids) {
  const service = new DicomWebService({ url: dicomWebUrl, timeoutMs: 120_000 });
  return (await service.searchReportDocuments(studyUids)).map((d) => d.sopInstanceUID);
}

/** Chromium pages reading until `deadline`, each in its own browser context (its own session). */
async function runPages({ pages, pageUrl, deadline, options }) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const readers = await Promise.all(
      Array.from({ length: pages }, async (_, i) => {
        const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
        const page = await context.newPage();
        return new PageReader(page, { ...options, url: pageUrl, reader: readerOf('Page', i + 1) });
      }),
    );
    await Promise.all(readers.map((reader) => reader.run(deadline)));
  } finally {
    await browser.close();
  }
}

/**
 * @param {{ dicomWebUrl: string, pageUrl: string, queue: { uid: string, accession: string }[],
 *   facilities: string[], readers?: number, pages?: number, seconds?: number, beatMs?: number }} options
 */
export async function runLoad({ dicomWebUrl, pageUrl, queue, facilities, readers = 20, pages = 2, seconds = 90, beatMs = 2_000 }) {
  const figures = new LoadFigures();
  const studyUids = queue.map((s) => s.uid);
  const before = new Set(await archivedDocuments(dicomWebUrl, studyUids));
  const shared = { rnd: Math.random, beatMs, figures };
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  const progress = setInterval(() => {
    const at = Math.round((Date.now() - started) / 1000);
    console.log(`  load: ${at} s, ${figures.signedReports.length} reports stored`);
  }, 15_000);
  await Promise.all([
    ...Array.from({ length: readers }, (_, i) =>
      new NodeReader({ ...shared, dicomWebUrl, facilities, queue: studyUids, reader: readerOf('Node', i + 1) }).run(deadline),
    ),
    runPages({ pages, pageUrl, deadline, options: { ...shared, queue } }),
  ]).finally(() => clearInterval(progress));
  const ran = (Date.now() - started) / 1000;
  const audit = auditReports(figures.signedReports, await archivedDocuments(dicomWebUrl, studyUids), before);
  const fromPages = figures.signedReports.filter((r) => r.reader.startsWith('PAGE-')).length;
  return {
    readers: { node: readers, chromium: pages },
    seconds: Math.round(ran),
    queue: queue.length,
    latency: figures.latencies(),
    reports: {
      stored: audit.stored,
      storedFromPages: fromPages,
      lost: audit.lost.length,
      duplicated: audit.duplicated.length,
      unexpected: audit.unexpected.length,
    },
    conflicts: {
      stoppedBeforeStoring: figures.stopped.length,
      signedAtTheSameTime: audit.conflicts,
      detectedAfterStoring: audit.conflictsDetected,
      undetected: audit.undetected,
    },
    counts: figures.counts(),
    errors: figures.errors(),
  };
}
