// Runs in Chromium (scripts/bench/run.mjs): the study browser against bare baselines.
import { DicomWebService, formatPersonName, studyQueryParams, type Study } from '@telerad/core';
import '@telerad/study-browser/rad-study-browser.js';
import { manyStudies, staticArchive } from '../../stories/support/study-fixtures.js';
import { compare, nextFrame, percentile95, publish, timed, type Result } from './measure.js';

const service = new DicomWebService({ url: '/dicom-web' });
const qidoUrl = `/dicom-web/studies?${new URLSearchParams({ ...studyQueryParams({}), limit: '51' })}`.replaceAll('%2C', ',');

const studies = manyStudies(500);

/** The baseline worklist: a plain table of the same cells, built with DOM calls. */
function plainTable(rows: Study[]): HTMLElement {
  const scroller = document.createElement('div');
  scroller.style.cssText = 'height: 600px; overflow: auto';
  const table = document.createElement('table');
  for (const study of rows) {
    const tr = table.insertRow();
    for (const text of [
      study.priority ?? 'ROUTINE',
      'Unread',
      formatPersonName(study.patientName),
      study.patientId ?? '',
      study.patientBirthDate ?? '',
      study.accessionNumber ?? '',
      `${study.studyDate} ${study.studyTime}`,
      study.modalities.join(', '),
      study.description ?? '',
      `${study.seriesCount} / ${study.instanceCount}`,
      '1 h 05 min of 2 h 00 min',
    ])
      tr.insertCell().textContent = text;
  }
  scroller.append(table);
  return scroller;
}

async function worklist(): Promise<HTMLElement> {
  const el = document.createElement('rad-study-browser');
  el.pageSize = 500;
  el.now = Date.now();
  el.service = staticArchive(studies, { delayMs: 0 });
  el.style.setProperty('--rad-study-browser-max-height', '600px');
  document.body.append(el);
  while (el.shadowRoot?.querySelectorAll('[part~="row"]').length !== 500) await el.updateComplete.then(nextFrame);
  return el;
}

/** Scrolls a container 40 px a frame to its end and returns the p95 frame interval. */
async function scrollFrames(scroller: HTMLElement): Promise<number> {
  const intervals: number[] = [];
  let last = await nextFrame();
  for (let frame = 0; frame < 150 && scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight; frame++) {
    scroller.scrollTop += 40;
    const now = await nextFrame();
    intervals.push(now - last);
    last = now;
  }
  return percentile95(intervals);
}

async function run(): Promise<Result[]> {
  const results: Result[] = [];
  results.push(
    await compare(
      'QIDO page of studies (fetch vs service)',
      30,
      () => timed(async () => (await fetch(qidoUrl, { headers: { Accept: 'application/dicom+json' } })).json()),
      () => timed(() => service.searchStudiesPage({}, { limit: 50 })),
    ),
  );
  results.push(
    await compare(
      'Render 500 rows to first layout',
      7,
      () =>
        timed(async () => {
          const table = plainTable(studies);
          document.body.append(table);
          table.getBoundingClientRect();
          await nextFrame();
          table.remove();
        }),
      () =>
        timed(async () => {
          const el = await worklist();
          el.getBoundingClientRect();
          el.remove();
        }),
    ),
  );
  results.push(
    await compare(
      'Scroll 500 rows, p95 frame interval',
      3,
      async () => {
        const table = plainTable(studies);
        document.body.append(table);
        const p95 = await scrollFrames(table);
        table.remove();
        return p95;
      },
      async () => {
        const el = await worklist();
        const scroller = el.shadowRoot?.querySelector<HTMLElement>('.scroll');
        if (!scroller) throw new Error('no scroller');
        const p95 = await scrollFrames(scroller);
        el.remove();
        return p95;
      },
    ),
  );
  return results;
}

publish(run);
