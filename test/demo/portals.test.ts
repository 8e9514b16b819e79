// The two demo portals end to end under their strict CSP with Trusted Types required: a radiologist
// reads a STAT study and signs a preliminary then a final report; a referring physician follows an
// IID link to the images and the final report.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { RadViewer } from '@telerad/viewer';
import { loadManifest } from '../support/corpus.js';
import { hasContent } from '../viewport/helpers.js';

async function open(path: string, [width, height] = [1400, 900]): Promise<{ frame: HTMLIFrameElement; violations: string[] }> {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe title="portal" style="width:${width}px;height:${height}px;border:0"></iframe>`);
  const violations: string[] = [];
  const loaded = oneEvent(frame, 'load');
  frame.src = path;
  await loaded;
  watch(frame, violations);
  return { frame, violations };
}

/** Collects CSP and Trusted Types violations of the page in `frame` (and of the pages it navigates to). */
function watch(frame: HTMLIFrameElement, violations: string[]): void {
  frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => {
    if (e.blockedURI !== 'eval') violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
  });
}

const viewerOf = (frame: HTMLIFrameElement) => frame.contentDocument!.querySelector('rad-viewer') as RadViewer;

describe('demo portals', function () {
  this.timeout(120_000);

  it('are served with the documented policy as a header: no eval, no inline styles, Trusted Types required', async () => {
    // The README's documented header, as one line.
    const readme = await (await fetch('/README.md')).text();
    const documented = readme.split('### Content-Security-Policy')[1].split('```')[1].trim().split(/\s*\n\s*/).join(' ');
    for (const page of ['facility', 'referring', 'viewer', 'index']) {
      const response = await fetch(`/demo/${page}.html`);
      const policy = response.headers.get('content-security-policy')!;
      // The page's own meta policy says the same (a copied page keeps it): before, the referring
      // page's lacked img-src and blocked its 'data:,' icon on every load.
      const meta = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('meta[http-equiv="Content-Security-Policy"]')!;
      expect(meta.getAttribute('content'), `${page} meta`).to.equal(policy);
      expect(policy, `${page} header = README`).to.equal(documented);
      expect(policy, page).to.contain("script-src 'self' 'wasm-unsafe-eval'");
      expect(policy).to.contain("style-src 'self'");
      expect(policy).to.contain("require-trusted-types-for 'script'");
      expect(policy).to.contain('trusted-types lit-html telerad-elements');
      expect(policy).to.not.contain('unsafe-inline');
    }
  });

  it('facility portal: a radiologist opens the STAT study, signs preliminary then final; the worklist follows', async () => {
    const manifest = await loadManifest();
    const stat = manifest.studies.find((s) => s.key === 'ct-head-garcia')!;
    const { frame, violations } = await open('/demo/facility.html');
    const viewer = viewerOf(frame);
    const browser = () => viewer.shadowRoot!.querySelector('rad-study-browser')!;
    const row = () => browser().shadowRoot?.querySelector<HTMLElement>(`[part~="row"][data-study-uid="${stat.studyInstanceUID}"]`);
    const status = () => row()?.querySelector('[data-column="readStatus"]')?.textContent?.trim();
    await waitUntil(() => status() === 'Unread', 'worklist with the STAT study, unread', { timeout: 20_000 });
    expect(browser().shadowRoot!.querySelector<HTMLElement>('[part~="row"]')!.dataset.studyUid, 'STAT first').to.equal(stat.studyInstanceUID);
    row()!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    await waitUntil(() => viewer.viewports[0]?.frames.length && hasContent(viewer.viewports[0]), 'images drawn', { timeout: 90_000 });
    const signed: string[] = [];
    try {
      const [viewport] = viewer.viewports;
      await viewport.setMeasurements([{ tool: 'Length', handles: [[60, 128], [196, 128]], sopInstanceUID: viewport.frames[0].sopInstanceUID }]);
      const panel = viewer.shadowRoot!.querySelector('rad-report-panel')!;
      await panel.loaded();
      panel.addEventListener('rad-report-signed', (e) => signed.push(e.detail.sopInstanceUID));
      await waitUntil(() => panel.availableMeasurements.length === 1, 'measurement offered to the report');
      panel.insertMeasurement(panel.availableMeasurements[0]);
      panel.setSection('impression', 'Acute left subdural haematoma.');
      await panel.updateComplete;
      const contentRight = panel.getBoundingClientRect().right - parseFloat(getComputedStyle(panel).paddingRight);
      const widest = Math.max(...[...panel.shadowRoot!.querySelectorAll('[part~="editor"] > *')].map((e) => e.getBoundingClientRect().right));
      expect(widest, 'long prior descriptions and texts stay inside the report column').to.be.at.most(contentRight + 0.5);
      await panel.signPreliminary();
      await waitUntil(() => status() === 'Preliminary', 'worklist shows the preliminary read', { timeout: 20_000 });
      await panel.signFinal();
      await waitUntil(() => status() === 'Final', 'worklist shows the final report', { timeout: 20_000 });
      // 136 px × 0.9375 mm PixelSpacing, on the first image in slice order, whose Instance Number
      // is 24 (they run backwards): named as the viewer's counter shows it, the instance labelled.
      expect(panel.latest!.sections.findings).to.contain('Length: 127.5 mm (series 2, image 1 of 24, instance no. 24).');
      expect(viewport.shadowRoot!.querySelector('[data-field="image"]')!.textContent).to.equal('Im 1/24 · Inst 24');
      expect(frame.contentDocument!.querySelectorAll('#audit li').length, 'audit records forwarded').to.be.at.least(3);
      expect(violations).to.deep.equal([]);
    } finally {
      for (const uid of signed) await fetch(`/__test/forget/${uid}`, { method: 'POST' });
    }
  });

  it('facility portal as npm start serves it (production build): the STAT study’s first image after a few dozen scripts, no violations', async () => {
    const manifest = await loadManifest();
    const stat = manifest.studies.find((s) => s.key === 'ct-head-garcia')!;
    const { frame, violations } = await open('/demo/dist/facility.html');
    const viewer = viewerOf(frame);
    const row = () => viewer.shadowRoot!.querySelector('rad-study-browser')?.shadowRoot?.querySelector<HTMLElement>(`[part~="row"][data-study-uid="${stat.studyInstanceUID}"]`);
    await waitUntil(() => row(), 'worklist listed', { timeout: 20_000 });
    row()!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    await waitUntil(() => viewer.viewports[0]?.frames.length && hasContent(viewer.viewports[0]), 'images drawn', { timeout: 30_000 });
    const resources = frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    // The test server's own script (its web socket) aside.
    const scripts = resources.filter((r) => new URL(r.name).pathname.endsWith('.js') && !new URL(r.name).pathname.startsWith('/__web-dev-server'));
    const seconds = (frame.contentWindow!.performance.now() / 1000).toFixed(1);
    // Served unbundled (npm start -- --dev), the same page fetched 1,827 modules first.
    expect(scripts.length, `scripts fetched (first image after ${seconds} s, ${resources.length} requests)`).to.be.below(40);
    expect(scripts.map((r) => new URL(r.name).pathname).filter((path) => !path.startsWith('/demo/dist/assets/')), 'all from the build').to.deep.equal([]);
    expect(violations).to.deep.equal([]);
  });

  for (const width of [1280, 1600, 1920]) {
    it(`facility portal at ${width}×1000: the worklist's reading columns fit without sideways scrolling; an opened study's images are in view`, async () => {
      const manifest = await loadManifest();
      const stat = manifest.studies.find((s) => s.key === 'ct-head-garcia')!;
      const { frame } = await open('/demo/dist/facility.html', [width, 1000]);
      const viewer = viewerOf(frame);
      const browser = () => viewer.shadowRoot!.querySelector('rad-study-browser')!;
      const row = () => browser().shadowRoot?.querySelector<HTMLElement>(`[part~="row"][data-study-uid="${stat.studyInstanceUID}"]`);
      await waitUntil(() => row(), 'worklist listed', { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 300));
      const scroller = browser().shadowRoot!.querySelector<HTMLElement>('.scroll')!;
      expect(scroller.scrollWidth, 'no sideways scrolling').to.be.at.most(scroller.clientWidth + 1);
      const right = scroller.getBoundingClientRect().right;
      for (const column of ['priority', 'readStatus', 'patientName', 'studyDateTime', 'modalities', 'description', 'turnaround']) {
        const header = browser().shadowRoot!.querySelector(`[role="columnheader"][data-column="${column}"]`);
        expect(header, `${column} shown`).to.exist;
        expect(header!.getBoundingClientRect().right, `${column} within the worklist`).to.be.at.most(right + 1);
        expect(header!.getBoundingClientRect().width, `${column} has room`).to.be.at.least(40);
      }
      const columns = browser().shadowRoot!.querySelectorAll('[role="columnheader"][data-column]').length;
      // From 1600 on, every column but at most the first to give way (series/images counts).
      if (width >= 1600) expect(columns, 'all but at most one column at 1600 and wider').to.be.at.least(11);

      row()!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
      await waitUntil(() => viewer.viewports[0]?.frames.length && hasContent(viewer.viewports[0]), 'images drawn', { timeout: 30_000 });
      await viewer.updateComplete;
      const box = viewer.viewports[0].getBoundingClientRect();
      const innerHeight = frame.contentWindow!.innerHeight;
      const inView = Math.min(box.bottom, innerHeight) - Math.max(box.top, 0);
      expect(inView / box.height, `image area in view (top ${Math.round(box.top)} of ${innerHeight})`).to.be.at.least(0.8);
      // The worklist is one click away, and comes back folded when the next study opens.
      const toggle = [...viewer.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Worklist')!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      await viewer.updateComplete;
      expect(browser().hidden).to.equal(false);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    });
  }

  it('referring portal: an IID link opens the images and the final report, read-only', async () => {
    const manifest = await loadManifest();
    const pet = manifest.studies.find((s) => s.key === 'pet-ct')!;
    const { frame, violations } = await open('/demo/referring.html');
    await waitUntil(() => frame.contentDocument!.querySelectorAll('#orders a').length > 1, 'IID links listed', { timeout: 20_000 });
    const link = [...frame.contentDocument!.querySelectorAll<HTMLAnchorElement>('#orders a')].find((a) => a.href.includes(`accessionNumber=${pet.accessionNumber}`))!;
    expect(new URL(link.href).searchParams.get('requestType')).to.equal('STUDY');
    const navigated = oneEvent(frame, 'load');
    link.click();
    await navigated;
    watch(frame, violations);
    const viewer = viewerOf(frame);
    await waitUntil(() => viewer.viewports[0]?.frames.length && hasContent(viewer.viewports[0]), 'images drawn', { timeout: 90_000 });
    expect(viewer.openStudyUid).to.equal(pet.studyInstanceUID);
    const panel = viewer.shadowRoot!.querySelector('rad-report-panel')!;
    await panel.loaded();
    expect(panel.shadowRoot!.querySelector('[part~="banner"]')!.getAttribute('data-status')).to.equal('final');
    expect(panel.shadowRoot!.querySelectorAll('textarea')).to.have.length(0);
    expect(violations).to.deep.equal([]);
  });
});
