// Read status, turnaround clocks, series with thumbnails, and priors, against Orthanc.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '@telerad/core/rad-dicomweb.js';
import { DicomWebService, matchesWildcard } from '@telerad/core';
import '@telerad/study-browser/rad-study-browser.js';
import type { RadStudyBrowser, SeriesSelectDetail } from '@telerad/study-browser';
import { loadManifest, sortedUids, type ManifestStudy } from '../support/corpus.js';
import { cell, key, newestFirst, part, rowOf, rows, seriesRows, settled, shadow, statusesLoaded } from './helpers.js';
import { setViewport } from '@web/test-runner-commands';

async function worklist(now?: number): Promise<RadStudyBrowser> {
  const el = await fixture<RadStudyBrowser>(html`<rad-study-browser .service=${new DicomWebService({ url: '/dicom-web' })} .now=${now}></rad-study-browser>`);
  await settled(el);
  return el;
}

const STATUS_LABEL = { unread: 'Unread', preliminary: 'Preliminary', final: 'Final', amended: 'Amended' };
const arrival = (s: ManifestStudy) =>
  new Date(`${s.studyDate.slice(0, 4)}-${s.studyDate.slice(4, 6)}-${s.studyDate.slice(6)}T${s.studyTime.slice(0, 2)}:${s.studyTime.slice(2, 4)}:${s.studyTime.slice(4, 6)}`).getTime();


// A reading-room screen: every column fits (narrower, the worklist leaves some out; see column-fit.ts).
before(() => setViewport({ width: 1700, height: 1000 }));

describe('<rad-study-browser> read status', () => {
  it('derives unread / preliminary / final / amended from the SR documents of each study', async () => {
    const manifest = await loadManifest();
    const el = await worklist();
    await statusesLoaded(el);
    for (const study of manifest.studies) expect(cell(rowOf(el, study), 'readStatus'), study.key).to.equal(STATUS_LABEL[study.readStatus]);
    // Each status occurs, and a measurement report (TID 1500) alone leaves a study unread.
    expect(new Set(manifest.studies.map((s) => s.readStatus))).to.have.length(4);
    expect(manifest.studies.find((s) => s.reports.some((r) => r.kind === 'measurements'))!.readStatus).to.equal('unread');
  });

  it('changes after a report SR is stored in the study', async () => {
    const manifest = await loadManifest();
    const study = manifest.studies.find((s) => s.reports.some((r) => !r.stored))!;
    const report = study.reports.find((r) => !r.stored)!;
    const service = new DicomWebService({ url: '/dicom-web' });
    const el = await fixture<RadStudyBrowser>(html`<rad-study-browser .service=${service}></rad-study-browser>`);
    await settled(el);
    await statusesLoaded(el);
    expect(cell(rowOf(el, study), 'readStatus')).to.equal('Unread');
    const file = await (await fetch(`/corpus/${report.file}`)).arrayBuffer();
    try {
      const result = await service.storeInstances([file], study.studyInstanceUID);
      expect(result).to.deep.equal({ stored: [report.sopInstanceUID], failed: [], failures: [], warnings: [] });
      el.refresh();
      await settled(el);
      await waitUntil(() => cell(rowOf(el, study), 'readStatus') === 'Final', 'status became Final', { timeout: 10_000 });
      expect(cell(rowOf(el, study), 'counts')).to.equal(`${study.seriesCount + 1} / ${study.instanceCount + 1}`);
    } finally {
      expect((await fetch(`/__test/forget/${report.sopInstanceUID}`, { method: 'POST' })).status).to.equal(204);
    }
  });

  it('takes the status and priority from host providers when given', async () => {
    const manifest = await loadManifest();
    const el = await worklist();
    el.providers = { readStatus: () => 'amended', priority: (s) => (s.patientId === 'TR-1007' ? 'stat' : 'routine') };
    await el.updateComplete;
    expect(rows(el).every((r) => cell(r, 'readStatus') === 'Amended')).to.equal(true);
    const okafor = manifest.studies.filter((s) => s.patientId === 'TR-1007');
    // The host's STAT studies first (among them, the worklist's own order).
    expect(rows(el).slice(0, okafor.length).map((r) => r.dataset.studyUid).sort()).to.deep.equal(sortedUids(okafor));
  });
});

describe('<rad-study-browser> turnaround clock', () => {
  it('runs against the target of the priority, flags overdue studies, and stops at the first report', async () => {
    const manifest = await loadManifest();
    const stat = manifest.studies.find((s) => s.priority === 'STAT' && s.readStatus === 'unread')!;
    const prelim = manifest.studies.find((s) => s.readStatus === 'preliminary')!;
    const el = await worklist(arrival(stat) + 20 * 60_000);
    await statusesLoaded(el);
    expect(cell(rowOf(el, stat), 'turnaround')).to.equal('20 min of 30 min');
    expect(rowOf(el, stat).querySelector('[data-overdue]')).to.equal(null);

    el.now = arrival(stat) + 75 * 60_000;
    await el.updateComplete;
    expect(cell(rowOf(el, stat), 'turnaround')).to.equal('Overdue: 1 h 15 min (target 30 min)');
    const clock = rowOf(el, stat).querySelector<HTMLElement>('[data-column="turnaround"] .clock')!;
    expect(clock.hasAttribute('data-overdue')).to.equal(true);
    expect(getComputedStyle(clock).color).to.not.equal(getComputedStyle(rowOf(el, stat)).color);

    // The preliminary read stopped that study's clock at its signing time.
    const report = prelim.reports.find((r) => r.status === 'preliminary')!;
    const signed = new Date(`${report.signedAt.replace(/(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/, '$1-$2-$3T$4:$5:$6')}`).getTime();
    const minutes = Math.floor((signed - arrival(prelim)) / 60_000);
    expect(cell(rowOf(el, prelim), 'turnaround')).to.equal(`Read in ${minutes} min`);

    el.turnaroundTargets = { stat: 120, urgent: 240, routine: 2880 };
    await el.updateComplete;
    expect(cell(rowOf(el, stat), 'turnaround')).to.equal('1 h 15 min of 2 h 00 min');
  });
});

describe('<rad-study-browser> series and thumbnails', () => {
  it('expands a study into its series with server-rendered, non-blank thumbnails; Enter selects a series', async () => {
    const manifest = await loadManifest();
    const study = manifest.studies.find((s) => s.key === 'pet-ct')!;
    const el = await worklist();
    const row = rowOf(el, study);
    row.focus();
    key(row, ' ');
    await waitUntil(() => seriesRows(el).length > 0, 'series rows shown');
    const expected = [...study.series.map((s) => ({ uid: s.seriesInstanceUID, number: s.seriesNumber })), ...study.reports.filter((r) => r.stored).map((r, i) => ({ uid: r.seriesInstanceUID, number: 900 + i }))].sort(
      (a, b) => a.number - b.number,
    );
    expect(seriesRows(el).map((r) => r.dataset.seriesUid)).to.deep.equal(expected.map((e) => e.uid));
    const ct = seriesRows(el)[0];
    expect(ct.textContent).to.contain(`Series ${study.series[0].seriesNumber}`).and.contain(study.series[0].description).and.contain(`${study.series[0].instanceCount} images`);

    const thumbnail = ct.querySelector('rad-series-thumbnail')!;
    const image = await waitUntil(() => thumbnail.shadowRoot!.querySelector<HTMLImageElement>('img[part="image"]'), 'thumbnail loaded', { timeout: 10_000 }).then(
      () => thumbnail.shadowRoot!.querySelector<HTMLImageElement>('img')!,
    );
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.naturalWidth, image.naturalHeight];
    expect(Math.max(canvas.width, canvas.height)).to.be.within(16, 128);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const grey = Array.from({ length: data.length / 4 }, (_, i) => data[i * 4]);
    const mean = grey.reduce((a, b) => a + b, 0) / grey.length;
    const sd = Math.sqrt(grey.reduce((a, b) => a + (b - mean) ** 2, 0) / grey.length);
    expect(sd, 'thumbnail has structure').to.be.greaterThan(10);

    key(row, 'ArrowDown');
    expect(shadow(el).activeElement).to.equal(ct);
    setTimeout(() => key(ct, 'Enter'));
    const chosen = (await oneEvent(el, 'rad-series-select')) as CustomEvent<SeriesSelectDetail>;
    expect(chosen.detail.series.seriesInstanceUID).to.equal(ct.dataset.seriesUid);
    expect(chosen.detail.study.studyInstanceUID).to.equal(study.studyInstanceUID);

    key(ct, 'ArrowLeft');
    expect(shadow(el).activeElement).to.equal(row);
    key(row, 'ArrowLeft');
    await el.updateComplete;
    expect(seriesRows(el)).to.have.length(0);
    expect(row.getAttribute('aria-expanded')).to.equal('false');
  });

  it('loads thumbnails only when they scroll into view', async () => {
    const manifest = await loadManifest();
    const study = manifest.studies.find((s) => s.key === 'pydicom-transfer-syntaxes')!;
    const el = await fixture<RadStudyBrowser>(
      html`<rad-study-browser style="--rad-study-browser-max-height: 14rem" .service=${new DicomWebService({ url: '/dicom-web' })}></rad-study-browser>`,
    );
    await settled(el);
    el.expandStudy(study.studyInstanceUID);
    await waitUntil(() => seriesRows(el).length === study.series.length, 'series shown');
    seriesRows(el)[0].scrollIntoView({ block: 'start' });
    const thumbnails = seriesRows(el).map((r) => r.querySelector('rad-series-thumbnail')!);
    const scroller = shadow(el).querySelector<HTMLElement>('.scroll')!;
    const visible = (t: Element) => t.getBoundingClientRect().top < scroller.getBoundingClientRect().bottom;
    await waitUntil(() => thumbnails.some((t) => t.shadowRoot!.querySelector('img, [part="placeholder"]:not(:empty)')), 'a visible thumbnail loads', { timeout: 10_000 });
    const hidden = thumbnails.filter((t) => !visible(t));
    expect(hidden.length).to.be.greaterThan(0);
    for (const t of hidden) expect(t.shadowRoot!.querySelector('img'), 'off-screen thumbnail not fetched').to.equal(null);
  });
});

describe('<rad-study-browser> thumbnails asked once', () => {
  it('asks /rendered once per image series (a failure included) and never for SR series', async function () {
    this.timeout(40_000);
    const manifest = await loadManifest();
    const colour = manifest.studies.find((s) => s.series.some((series) => series.photometricInterpretation === 'YBR_FULL_422'))!;
    const ybr = colour.series.find((series) => series.photometricInterpretation === 'YBR_FULL_422')!;
    const reported = manifest.studies.find((s) => s.reports.some((r) => r.stored))!;
    const real = new DicomWebService({ url: '/dicom-web' });
    const asked: string[] = [];
    const service = new Proxy(real, {
      get(target, name) {
        if (name === 'retrieveRenderedInstance') return (...args: Parameters<DicomWebService['retrieveRenderedInstance']>) => (asked.push(args[0].seriesInstanceUID), target.retrieveRenderedInstance(...args));
        const value = Reflect.get(target, name) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const el = await fixture<RadStudyBrowser>(html`<rad-study-browser .service=${service}></rad-study-browser>`);
    await settled(el);
    const thumbnailOf = (uid: string) => seriesRows(el).find((r) => r.dataset.seriesUid === uid)?.querySelector('rad-series-thumbnail');
    /** Shows each series row in turn (thumbnails load when seen) until its thumbnail has settled. */
    const settledThumbnails = async () => {
      await waitUntil(() => seriesRows(el).length > 0, 'series listed', { timeout: 10_000 });
      for (const row of seriesRows(el)) {
        row.scrollIntoView({ block: 'center' });
        const thumbnail = row.querySelector('rad-series-thumbnail')!;
        await waitUntil(() => thumbnail.shadowRoot!.querySelector('img') || !['', '…'].includes(thumbnail.shadowRoot!.textContent!), 'thumbnail settled', { timeout: 10_000 });
      }
    };
    for (let round = 0; round < 3; round++) {
      for (const study of [colour, reported]) {
        el.expandStudy(study.studyInstanceUID);
        await settledThumbnails();
        if (study === colour) {
          const ybrText = () => thumbnailOf(ybr.seriesInstanceUID)?.shadowRoot!.textContent;
          await waitUntil(() => ybrText() === 'No preview', 'the YBR series says so', { timeout: 20_000 }).catch(() => {
            throw new Error(`YBR thumbnail: ${JSON.stringify(ybrText())}; rows ${seriesRows(el).map((r) => r.dataset.seriesUid).join()}; ybr ${ybr.seriesInstanceUID}`);
          });
        }
        el.collapseStudy(study.studyInstanceUID);
        await el.updateComplete;
      }
    }
    const srSeries = reported.reports.filter((r) => r.stored).map((r) => r.seriesInstanceUID);
    expect(asked.filter((uid) => srSeries.includes(uid)), 'SR series').to.deep.equal([]);
    expect(asked.filter((uid) => uid === ybr.seriesInstanceUID), 'the series Orthanc cannot render').to.have.length(1);
    const perSeries = new Map<string, number>();
    for (const uid of asked) perSeries.set(uid, (perSeries.get(uid) ?? 0) + 1);
    expect([...perSeries.values()].every((n) => n === 1), JSON.stringify([...perSeries])).to.equal(true);
    el.expandStudy(reported.studyInstanceUID);
    await settledThumbnails();
    expect(thumbnailOf(srSeries[0])!.shadowRoot!.textContent).to.equal('No preview');
  });
});

describe('<rad-study-browser> priors', () => {
  it("lists the selected study's priors (same patient ID and issuer), newest first, marked as priors", async () => {
    const manifest = await loadManifest();
    const el = await worklist();
    for (const study of manifest.studies.filter((s) => manifest.studies.some((o) => o !== s && o.patientId === s.patientId))) {
      rowOf(el, study).click();
      const expected = manifest.studies
        .filter((s) => s.patientId === study.patientId && s.issuerOfPatientId === study.issuerOfPatientId && s !== study)
        .sort(newestFirst)
        .map((s) => s.studyInstanceUID);
      await waitUntil(
        () => [...(part(el, 'priors')?.querySelectorAll<HTMLElement>('li') ?? [])].map((li) => li.dataset.studyUid).join() === expected.join(),
        `priors of ${study.key}`,
      );
      expect(part(el, 'priors')!.querySelector('li .badge')!.textContent).to.equal('Prior');
    }
    const loner = manifest.studies.find((s) => manifest.studies.filter((o) => o.patientId === s.patientId).length === 1)!;
    rowOf(el, loner).click();
    await waitUntil(() => part(el, 'priors')!.textContent!.includes('No prior studies'));

    const withPrior = manifest.studies.find((s) => s.key === 'mr-brain')!;
    rowOf(el, withPrior).click();
    await waitUntil(() => part(el, 'priors')!.querySelector('li button'));
    setTimeout(() => part(el, 'priors')!.querySelector<HTMLButtonElement>('li button')!.click());
    const picked = (await oneEvent(el, 'rad-study-select')) as CustomEvent<{ prior: boolean; study: { studyInstanceUID: string } }>;
    expect(picked.detail.prior).to.equal(true);
    expect(picked.detail.study.studyInstanceUID).to.equal(manifest.studies.find((s) => s.key === 'mr-brain-prior')!.studyInstanceUID);
  });
});

describe('<rad-study-browser> facilities', () => {
  const CENTRE = 'Telerad Test Imaging Centre';
  /** The facility each study of the archive was acquired at, as the archive says. */
  const facilityOf = async () =>
    new Map((await new DicomWebService({ url: '/dicom-web' }).searchStudies()).map((s) => [s.studyInstanceUID, s.institution ?? '']));
  /** The study searches the worklist sent since `since`, as query strings. */
  const studySearches = () =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((url) => url.pathname.endsWith('/dicom-web/studies'))
      .map((url) => url.searchParams);

  it('shows each study’s facility as text, and the archive matches a facility typed in the search', async () => {
    const el = await worklist();
    const facilities = await facilityOf();
    for (const row of rows(el)) expect(cell(row, 'institution')).to.equal(facilities.get(row.dataset.studyUid!));
    // The corpus' hostile facility name stays text.
    expect(rows(el).some((row) => cell(row, 'institution').startsWith('<img'))).to.equal(true);
    expect((window as { __teleradXss?: number }).__teleradXss).to.equal(undefined);

    performance.clearResourceTimings();
    shadow(el).querySelector<HTMLInputElement>('input[name="institution"]')!.value = 'telerad test';
    shadow(el).querySelector('form')!.requestSubmit();
    await settled(el);
    // What the archive matches (Institution Name is an equipment attribute: a study whose images
    // lack it is matched or not as the archive reads it); every row is of that facility.
    const matched = await new DicomWebService({ url: '/dicom-web' }).searchStudies({ institution: 'telerad test' });
    expect(matched.length).to.be.greaterThan(5);
    expect(rows(el).map((r) => r.dataset.studyUid).sort()).to.deep.equal(sortedUids(matched));
    expect(rows(el).every((row) => cell(row, 'institution') === CENTRE)).to.equal(true);
    // The archive is sent a matching key for it (widened where servers differ: spaces, accents).
    const keys = studySearches().map((params) => params.get('InstitutionName') ?? '');
    expect(keys.some((k) => k && matchesWildcard(k, CENTRE)), keys.join(' ')).to.equal(true);
  });

  it("offers the host's facilities (a group's contracts) to choose from", async () => {
    const el = await worklist();
    el.facilities = ['Community Hospital', CENTRE];
    await el.updateComplete;
    const select = shadow(el).querySelector<HTMLSelectElement>('select[name="institution"]')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Any facility', 'All my facilities', 'Community Hospital', CENTRE]);
    select.value = CENTRE;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settled(el);
    expect(el.query.institution).to.equal(CENTRE);
    const matched = await new DicomWebService({ url: '/dicom-web' }).searchStudies({ institution: CENTRE });
    expect(rows(el).map((r) => r.dataset.studyUid).sort()).to.deep.equal(sortedUids(matched));
    expect(rows(el).every((row) => cell(row, 'institution') === CENTRE)).to.equal(true);
  });

  it('shows all my facilities at once: each matched by the archive, merged, each study once over the pages', async () => {
    const service = new DicomWebService({ url: '/dicom-web' });
    const hostile = [...new Set((await facilityOf()).values())].find((name) => name.startsWith('<img'))!;
    const el = await worklist();
    el.facilities = [CENTRE, hostile];
    el.pageSize = 4;
    await el.updateComplete;
    const select = shadow(el).querySelector<HTMLSelectElement>('select[name="institution"]')!;
    const mine = [...select.options].find((o) => o.textContent!.trim() === 'All my facilities')!;
    select.value = mine.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settled(el);
    expect(el.query.myFacilities).to.equal(true);
    const matched = [...(await service.searchStudies({ institution: CENTRE })), ...(await service.searchStudies({ institution: hostile }))];
    expect(matched.length, 'more than a page').to.be.greaterThan(4);
    const visited: string[] = [];
    for (;;) {
      visited.push(...rows(el).map((r) => r.dataset.studyUid!));
      const next = [...part(el, 'pager')!.querySelectorAll('button')][1];
      if (next.disabled) break;
      next.click();
      await settled(el);
    }
    expect([...visited].sort()).to.deep.equal(sortedUids(matched));
    expect(new Set(visited).size, 'each once').to.equal(visited.length);
    await expect(el).shadowDom.to.be.accessible();
  });
});
