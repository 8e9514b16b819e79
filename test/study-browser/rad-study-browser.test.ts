import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '@telerad/core/rad-dicomweb.js';
import { DicomWebService, setRadLocale, type PageRequest, type StudyQuery } from '@telerad/core';
import '@telerad/study-browser/rad-study-browser.js';
import { presetRange, type QueryChangeDetail, type RadStudyBrowser, type StudySelectDetail } from '@telerad/study-browser';
import { loadManifest, sortedUids, type ManifestStudy } from '../support/corpus.js';
import { hasGlyphs } from '../support/glyphs.js';
import {
  byPriorityThenNewest,
  cell,
  expectedDisplayName,
  key,
  newestFirst,
  part,
  rowOf,
  rows,
  rowUids,
  rowUidsInOrder,
  search,
  settled,
  shadow,
} from './helpers.js';
import { setViewport } from '@web/test-runner-commands';

async function browserInProvider(attributes = ''): Promise<RadStudyBrowser> {
  const provider = await fixture(html`<rad-dicomweb url="/dicom-web"><rad-study-browser></rad-study-browser></rad-dicomweb>`);
  const el = provider.querySelector('rad-study-browser')!;
  for (const [name, value] of attributes.split(' ').filter(Boolean).map((a) => a.split('='))) el.setAttribute(name, value);
  await settled(el);
  return el;
}

const isoDate = (dicom: string) => `${dicom.slice(0, 4)}-${dicom.slice(4, 6)}-${dicom.slice(6)}`;
/** Age in whole years on the study date, from the DICOM dates. */
const ageOf = (s: ManifestStudy) => Math.floor((Number(s.studyDate) - Number(s.patientBirthDate)) / 10_000);


// A reading-room screen: every column fits (narrower, the worklist leaves some out; see column-fit.ts).
before(() => setViewport({ width: 1700, height: 1000 }));

describe('<rad-study-browser> against Orthanc: rows', () => {
  it('lists exactly the corpus studies, with each cell as the manifest says', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies));
    for (const study of manifest.studies) {
      const row = rowOf(el, study);
      expect(cell(row, 'patientName'), study.key).to.equal(expectedDisplayName(study.patientName) || '(no name)');
      expect(cell(row, 'patientId'), study.key).to.equal(study.patientId);
      expect(cell(row, 'accessionNumber'), study.key).to.equal(study.accessionNumber ?? '');
      expect(cell(row, 'description'), study.key).to.equal(study.description);
      expect(cell(row, 'modalities'), study.key).to.equal(study.modalities.join(', '));
      expect(cell(row, 'counts'), study.key).to.equal(`${study.seriesCount} / ${study.instanceCount}`);
      expect(cell(row, 'birthDateSex'), study.key).to.equal(`${isoDate(study.patientBirthDate)} · ${ageOf(study)} y · ${study.patientSex}`);
      expect(cell(row, 'priority'), study.key).to.equal({ STAT: 'STAT', HIGH: 'Urgent' }[study.priority ?? ''] ?? 'Routine');
    }
    const garcia = manifest.studies.find((s) => s.key === 'ct-head-garcia')!;
    // Born 1962-08-27, scanned 2026-11-30: 64 years.
    expect(cell(rowOf(el, garcia), 'birthDateSex')).to.equal('1962-08-27 · 64 y · F');
  });

  it('says "(no name)", muted, for a study without a patient name, and counts one image in the singular', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const anonymous = manifest.studies.find((s) => !s.patientName?.Alphabetic)!;
    const name = rowOf(el, anonymous).querySelector('[data-column="patientName"] .no-value')!;
    expect(name.textContent).to.equal('(no name)');
    expect(getComputedStyle(name).color).to.not.equal(getComputedStyle(rowOf(el, anonymous)).color);
    const single = manifest.studies.find((s) => s.series.some((series) => series.instanceCount === 1))!;
    el.expandStudy(single.studyInstanceUID);
    await waitUntil(() => shadow(el).querySelector('[part~="series-row"] [data-field="count"]'), 'series listed', { timeout: 10_000 });
    const counts = [...shadow(el).querySelectorAll('[part~="series-row"] [data-field="count"]')].map((c) => c.textContent);
    expect(counts).to.include('1 image');
    expect(counts).to.not.include('1 images');
    await setRadLocale('de');
    try {
      await el.updateComplete;
      expect([...shadow(el).querySelectorAll('[part~="series-row"] [data-field="count"]')].map((c) => c.textContent)).to.include('1 Bild');
    } finally {
      await setRadLocale('en');
    }
  });

  it('draws ideographic names with real glyphs (a CJK font is installed), not boxes', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const yamada = manifest.studies.find((s) => s.patientName?.Ideographic)!;
    const ideographic = yamada.patientName!.Ideographic!.replace(/[\^=]/g, '');
    const cellElement = rowOf(el, yamada).querySelector<HTMLElement>('[data-column="patientName"]')!;
    expect(cellElement.textContent).to.contain(yamada.patientName!.Ideographic!.split('^').join(' '));
    await document.fonts.ready;
    expect(hasGlyphs(ideographic, getComputedStyle(cellElement).fontFamily), ideographic).to.equal(true);
  });

  it('leaves out counts, born/age/sex, patient ID and accession, in that order, when narrower than its columns', async () => {
    const el = await browserInProvider();
    const shown = () => [...shadow(el).querySelectorAll<HTMLElement>('[role="columnheader"][data-column]')].map((h) => h.dataset.column);
    expect(shown()).to.include.members(['counts', 'birthDateSex', 'patientId', 'accessionNumber']);
    const steps: [number, string[]][] = [
      [1400, ['counts']],
      [1250, ['counts', 'birthDateSex']],
      [1100, ['counts', 'birthDateSex', 'patientId']],
      [1000, ['counts', 'birthDateSex', 'patientId', 'accessionNumber']],
    ];
    for (const [width, left] of steps) {
      el.style.width = `${width}px`;
      await waitUntil(() => left.every((id) => !shown().includes(id)), `${width} px leaves out ${left.join(', ')}`);
      expect(shown(), `${width} px`).to.include.members(['priority', 'readStatus', 'patientName', 'studyDateTime', 'modalities', 'description', 'turnaround']);
      const scroller = shadow(el).querySelector<HTMLElement>('.scroll')!;
      expect(scroller.scrollWidth, `${width} px: no sideways scrolling`).to.be.at.most(scroller.clientWidth + 1);
    }
  });

  it('cuts off no header, expander, date, count or badge (fixed-width columns), in English and German', async () => {
    const el = await browserInProvider();
    const clipped = () =>
      [...shadow(el).querySelectorAll<HTMLElement>('[role="columnheader"], .row.study > [role="gridcell"]')]
        .filter((c) => !['patientName', 'patientId', 'accessionNumber', 'description', 'institution', 'birthDateSex', 'turnaround'].includes(c.dataset.column ?? ''))
        .filter((c) => c.scrollWidth > c.clientWidth)
        .map((c) => `${c.dataset.column ?? 'expander'}: ${c.textContent!.trim()} ${c.scrollWidth}/${c.clientWidth}`);
    expect(clipped()).to.deep.equal([]);
    try {
      await setRadLocale('de');
      await el.updateComplete;
      expect(clipped()).to.deep.equal([]);
    } finally {
      await setRadLocale('en');
    }
  });

  it('puts STAT first, then urgent, then routine, newest first within each, and highlights STAT rows', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    expect(rowUidsInOrder(el)).to.deep.equal(byPriorityThenNewest(manifest.studies).map((s) => s.studyInstanceUID));
    const stat = rows(el).filter((r) => r.dataset.priority === 'stat');
    expect(stat.length).to.equal(manifest.studies.filter((s) => s.priority === 'STAT').length);
    expect(stat.length).to.be.greaterThan(0);
    const routine = rows(el).find((r) => r.dataset.priority === 'routine')!;
    expect(getComputedStyle(stat[0]).backgroundColor).to.not.equal(getComputedStyle(routine).backgroundColor);
  });

  it('sorts by any column from its header, including non-ASCII names by collation', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const header = (id: string) => shadow(el).querySelector<HTMLElement>(`[role="columnheader"][data-column="${id}"]`)!;
    header('patientName').querySelector('button')!.click();
    await el.updateComplete;
    expect(header('patientName').getAttribute('aria-sort')).to.equal('ascending');
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    const named = manifest.studies.filter((s) => expectedDisplayName(s.patientName));
    const byName = [...named].sort((a, b) => collator.compare(expectedDisplayName(a.patientName), expectedDisplayName(b.patientName)) || newestFirst(a, b));
    const displayed = rows(el).map((r) => cell(r, 'patientName'));
    expect(displayed.slice(0, named.length)).to.deep.equal(byName.map((s) => expectedDisplayName(s.patientName)));
    // "Müller" sorts among the Ms, not after "Z"; an empty name goes last.
    expect(displayed.findIndex((n) => n.startsWith('Müller'))).to.be.lessThan(displayed.findIndex((n) => n.startsWith('Novak')));
    expect(displayed.at(-1)).to.equal('(no name)');

    header('patientName').querySelector('button')!.click();
    await el.updateComplete;
    expect(header('patientName').getAttribute('aria-sort')).to.equal('descending');
    expect(rows(el).map((r) => cell(r, 'patientName')).slice(0, named.length)).to.deep.equal(
      [...named].sort((a, b) => collator.compare(expectedDisplayName(b.patientName), expectedDisplayName(a.patientName)) || newestFirst(a, b)).map((s) => expectedDisplayName(s.patientName)),
    );

    header('studyDateTime').querySelector('button')!.click();
    await el.updateComplete;
    expect(el.sortBy).to.equal('studyDateTime');
    expect(rowUidsInOrder(el)).to.deep.equal([...manifest.studies].sort((a, b) => -newestFirst(a, b)).map((s) => s.studyInstanceUID));
  });

  it('renders hostile tag values as literal text and executes nothing', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const hostile = manifest.studies.find((s) => s.description === manifest.hostileText)!;
    const row = rowOf(el, hostile);
    expect(cell(row, 'description')).to.equal(manifest.hostileText);
    expect(cell(row, 'patientName')).to.equal(expectedDisplayName(hostile.patientName));
    expect(cell(row, 'patientName')).to.contain('<script>');
    expect(shadow(el).querySelectorAll('[role="row"] script, [role="row"] img, [role="row"] b')).to.have.length(0);
    await new Promise((r) => setTimeout(r, 100));
    expect((window as unknown as { __teleradXss?: number }).__teleradXss).to.equal(undefined);
  });
});

describe('<rad-study-browser> against Orthanc: search', () => {
  it('narrows to exactly the studies of each patient ID and each accession number', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    for (const patient of manifest.patients) {
      await search(el, { patientId: patient.id });
      expect(rowUids(el), patient.id).to.deep.equal(sortedUids(manifest.studies.filter((s) => s.patientId === patient.id)));
    }
    for (const study of manifest.studies.filter((s) => s.accessionNumber)) {
      await search(el, { accessionNumber: study.accessionNumber! });
      expect(rowUids(el), study.accessionNumber!).to.deep.equal([study.studyInstanceUID]);
    }
  });

  it('matches names (case-insensitively), descriptions and referring physicians as prefixes, including non-ASCII', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const cases: [field: 'patientName' | 'studyDescription' | 'referringPhysicianName', values: (s: ManifestStudy) => string][] = [
      ['patientName', (s) => s.patientName?.Alphabetic ?? ''],
      ['studyDescription', (s) => s.description],
      ['referringPhysicianName', (s) => s.referringPhysician],
    ];
    for (const [field, value] of cases) {
      const prefixes = [...new Set(manifest.studies.map(value).filter((v) => /^[A-Za-zÀ-ž]/.test(v)).map((v) => v.slice(0, 3)))];
      expect(prefixes.length, field).to.be.greaterThan(3);
      // Person names match case-insensitively (PS3.18 leaves other text to the server's rules).
      const typed = (prefix: string) => (field === 'studyDescription' ? prefix : prefix.toLowerCase());
      for (const prefix of prefixes) {
        await search(el, { [field]: typed(prefix) });
        const expected = manifest.studies.filter((s) => value(s).toLowerCase().startsWith(prefix.trim().toLowerCase()));
        expect(rowUids(el), `${field} ${prefix}`).to.deep.equal(sortedUids(expected));
      }
    }
    await search(el, { patientName: 'mül' });
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies.filter((s) => s.patientKey === 'muller')));
  });

  it('folds accents and case in names, descriptions and referring physicians ("MULLER" finds Müller)', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const of = (patient: string) => sortedUids(manifest.studies.filter((s) => s.patientKey === patient));
    for (const typed of ['MULLER', 'muller^jurgen', 'Müll']) {
      await search(el, { patientName: typed });
      expect(rowUids(el), typed).to.deep.equal(of('muller'));
    }
    await search(el, { patientName: 'GARCIA MARQUEZ^LUCIA' });
    expect(rowUids(el)).to.deep.equal(of('garcia'));
    // Without accents in the data, an accented search still finds it.
    await search(el, { patientName: 'Phäntom' });
    expect(rowUids(el)).to.deep.equal(of('cora'));
  });

  it('Clear resets every filter: text, modalities and the date preset', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const latest = [...manifest.studies].sort(newestFirst)[0];
    el.now = new Date(`${isoDate(latest.studyDate)}T12:00:00`).getTime();
    const select = shadow(el).querySelector<HTMLSelectElement>('select[name="datePreset"]')!;
    select.value = 'last-7-days';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settled(el);
    await search(el, { studyDescription: 'CT' }, ['CT']);
    expect(rows(el).length).to.be.lessThan(manifest.studies.length);
    const changes: QueryChangeDetail[] = [];
    el.addEventListener('rad-query-change', (e) => changes.push(e.detail));
    [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Clear')!.click();
    await settled(el);
    await waitUntil(() => rows(el).length === manifest.studies.length, 'every study listed again');
    expect(el.query).to.deep.equal({});
    expect(changes.map((c) => c.query)).to.deep.equal([{}]);
    expect(shadow(el).querySelector<HTMLSelectElement>('select[name="datePreset"]')!.value).to.equal('any');
    expect([...shadow(el).querySelectorAll<HTMLInputElement>('input[type="search"]')].map((i) => i.value).join('')).to.equal('');
    expect([...shadow(el).querySelectorAll<HTMLInputElement>('input[name="modality"]')].some((b) => b.checked)).to.equal(false);
  });

  it('narrows by each modality and by a combination (any of them)', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const modalities = [...new Set(manifest.studies.flatMap((s) => s.modalities))];
    for (const modality of modalities) {
      await search(el, {}, [modality]);
      expect(rowUids(el), modality).to.deep.equal(sortedUids(manifest.studies.filter((s) => s.modalities.includes(modality))));
    }
    await search(el, {}, ['US', 'DX']);
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies.filter((s) => s.modalities.some((m) => m === 'US' || m === 'DX'))));
  });

  it('filters by date presets relative to the clock, and by a custom range', async () => {
    const manifest = await loadManifest();
    const latest = [...manifest.studies].sort(newestFirst)[0];
    // The clock set to noon of the newest study's day, so every preset has something to find.
    const now = new Date(`${isoDate(latest.studyDate)}T12:00:00`).getTime();
    const el = await browserInProvider();
    el.now = now;
    const select = shadow(el).querySelector<HTMLSelectElement>('select[name="datePreset"]')!;
    for (const preset of ['today', 'yesterday', 'last-7-days', 'last-30-days'] as const) {
      select.value = preset;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await settled(el);
      const { from, to } = presetRange(preset, now)!;
      const expected = manifest.studies.filter((s) => isoDate(s.studyDate) >= from! && isoDate(s.studyDate) <= to!);
      expect(rowUids(el), preset).to.deep.equal(sortedUids(expected));
      if (!expected.length) expect(part(el, 'empty'), preset).to.exist;
      expect(el.query.datePreset).to.equal(preset);
    }
    el.query = { datePreset: 'custom', dateFrom: '2025-06-01', dateTo: '2025-12-31' };
    await settled(el);
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies.filter((s) => s.studyDate >= '20250601' && s.studyDate <= '20251231')));
    expect(shadow(el).querySelector<HTMLInputElement>('input[name="dateFrom"]')!.value).to.equal('2025-06-01');
  });

  it('combines filters', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    const study = manifest.studies.find((s) => s.key === 'mr-brain')!;
    await search(el, { patientName: 'müller', accessionNumber: study.accessionNumber! });
    expect(rowUids(el)).to.deep.equal([study.studyInstanceUID]);
    await search(el, { patientName: 'müller' }, ['MR']);
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies.filter((s) => s.patientKey === 'muller')));
    await search(el, { referringPhysicianName: 'wells', studyDescription: 'CT ABDOMEN PELVIS' });
    expect(rowUids(el)).to.deep.equal([manifest.studies.find((s) => s.key === 'ct-phantom')!.studyInstanceUID]);
    await search(el, { patientName: 'müller', patientId: 'TR-1001' });
    expect(part(el, 'empty')).to.exist;
  });

  it('shows the empty state with the query restated', async () => {
    const el = await browserInProvider();
    await search(el, { patientName: 'Nobody-Here' }, ['MG']);
    expect(rows(el)).to.have.length(0);
    expect(part(el, 'empty')!.textContent).to.contain('“Nobody-Here”').and.contain('MG');
  });

  it('searches as the user types: debounced, one rad-query-change, the stale request aborted', async () => {
    const manifest = await loadManifest();
    const real = new DicomWebService({ url: '/dicom-web' });
    const signals: AbortSignal[] = [];
    // The real service, slowed so that a search is still running when the next one starts.
    const service = Object.assign(Object.create(real) as DicomWebService, {
      searchStudiesPage: async (query: StudyQuery, page: PageRequest, options: { signal?: AbortSignal } = {}) => {
        signals.push(options.signal!);
        await new Promise((r) => setTimeout(r, 150));
        return real.searchStudiesPage(query, page, options);
      },
    });
    const el = await fixture<RadStudyBrowser>(html`<rad-study-browser .service=${service} debounce-ms="200"></rad-study-browser>`);
    await settled(el);
    const changes: QueryChangeDetail[] = [];
    el.addEventListener('rad-query-change', (e) => changes.push(e.detail));
    const input = shadow(el).querySelector<HTMLInputElement>('input[name="patientId"]')!;
    for (const text of ['T', 'TR', 'TR-', 'TR-10', 'TR-1003']) {
      input.value = text;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(changes, 'nothing before the pause').to.have.length(0);
    await waitUntil(() => changes.length === 1, 'one rad-query-change after the pause');
    expect(changes[0].query).to.deep.equal({ patientId: 'TR-1003' });
    expect(el.query).to.deep.equal({ patientId: 'TR-1003' });
    // A new search while this one is in flight aborts it.
    const inFlight = signals.at(-1)!;
    input.value = 'TR-1002';
    shadow(el).querySelector('form')!.requestSubmit();
    await el.updateComplete;
    expect(inFlight.aborted).to.equal(true);
    await settled(el);
    await waitUntil(() => rowUids(el).join() === sortedUids(manifest.studies.filter((s) => s.patientId === 'TR-1002')).join());
    expect(changes.map((c) => c.query.patientId)).to.deep.equal(['TR-1003', 'TR-1002']);
  });

  it('visits every study exactly once when paging', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider('page-size=4');
    const seen: string[] = [];
    for (let page = 0; page < 10; page++) {
      seen.push(...rowUids(el));
      const next = [...part(el, 'pager')!.querySelectorAll('button')][1];
      if (next.disabled) break;
      next.click();
      await settled(el);
      expect(rows(el).length).to.be.at.most(4);
    }
    expect(seen).to.have.length(manifest.studies.length);
    expect([...seen].sort()).to.deep.equal(sortedUids(manifest.studies));
  });

  it('takes a query from the host and shows it in the form', async () => {
    const manifest = await loadManifest();
    const el = await browserInProvider();
    el.query = { patientId: 'TR-1009', modalities: ['CT'] };
    await settled(el);
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies.filter((s) => s.patientId === 'TR-1009' && s.modalities.includes('CT'))));
    expect(shadow(el).querySelector<HTMLInputElement>('input[name="patientId"]')!.value).to.equal('TR-1009');
    expect(shadow(el).querySelector<HTMLInputElement>('input[value="CT"]')!.checked).to.equal(true);
  });
});

describe('<rad-study-browser> keyboard and events', () => {
  it('moves with arrows, Home and End; Enter opens; double-click opens; click selects', async () => {
    const el = await browserInProvider();
    const all = rows(el);
    all[0].focus();
    key(all[0], 'ArrowDown');
    expect(shadow(el).activeElement).to.equal(all[1]);
    key(all[1], 'End');
    expect(shadow(el).activeElement).to.equal(all.at(-1));
    key(all.at(-1)!, 'ArrowUp');
    expect(shadow(el).activeElement).to.equal(all.at(-2));
    key(all.at(-2)!, 'Home');
    expect(shadow(el).activeElement).to.equal(all[0]);
    await el.updateComplete;
    expect(all[0].tabIndex).to.equal(0);
    expect(all.filter((r) => r.tabIndex === 0)).to.have.length(1);

    setTimeout(() => key(all[2], 'Enter'));
    const opened = (await oneEvent(el, 'rad-study-open')) as CustomEvent<StudySelectDetail>;
    expect(opened.detail.study.studyInstanceUID).to.equal(all[2].dataset.studyUid);
    expect(opened.bubbles && opened.composed).to.equal(true);

    setTimeout(() => all[3].click());
    const selected = (await oneEvent(el, 'rad-study-select')) as CustomEvent<StudySelectDetail>;
    expect(selected.detail.study.studyInstanceUID).to.equal(all[3].dataset.studyUid);
    expect(el.getAttribute('selected-study-uid')).to.equal(all[3].dataset.studyUid);
    expect(all[3].getAttribute('aria-selected')).to.equal('true');

    setTimeout(() => all[4].dispatchEvent(new MouseEvent('dblclick', { bubbles: true })));
    const doubleClicked = (await oneEvent(el, 'rad-study-open')) as CustomEvent<StudySelectDetail>;
    expect(doubleClicked.detail.study.studyInstanceUID).to.equal(all[4].dataset.studyUid);
  });

  it('has treegrid semantics and is accessible (axe-core), with a study expanded and priors shown', async () => {
    const el = await browserInProvider();
    const grid = part(el, 'table')!;
    expect(grid.getAttribute('role')).to.equal('treegrid');
    expect(grid.getAttribute('aria-label')).to.equal('Studies');
    const first = rows(el)[0];
    first.click();
    key(first, ' ');
    await waitUntil(() => shadow(el).querySelector('[part~="series-row"]'), 'series shown');
    await waitUntil(() => part(el, 'priors')?.querySelector('ul, p:not([role])'), 'priors shown');
    expect(first.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });
});
