// The demo portal (demo/index.html) as a host page: strict CSP in force, elements wired by tags.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { loadManifest } from '../support/corpus.js';

async function openDemo(): Promise<Window> {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe title="demo" style="width:1200px;height:800px"></iframe>`);
  const loaded = oneEvent(frame, 'load');
  frame.src = '/demo/index.html';
  await loaded;
  return frame.contentWindow!;
}

const browser = (win: Window) => win.document.querySelector('rad-study-browser')!;
const studyRows = (win: Window) => [...(browser(win)?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="row"]') ?? [])];

describe('demo portal', () => {
  it('runs the elements under its strict Content-Security-Policy', async () => {
    const manifest = await loadManifest();
    const win = await openDemo();
    const policy = win.document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(policy).to.not.contain("'unsafe-eval'");
    expect(policy).to.not.contain("'unsafe-inline'");
    expect(() => (win as Window & typeof globalThis).eval('1 + 1'), 'eval is blocked: the policy is in force').to.throw();
    const violations: string[] = [];
    win.document.addEventListener('securitypolicyviolation', (e) => {
      // The test's own eval probe, refused by script-src and by Trusted Types.
      if (e.blockedURI !== 'eval' && !e.sample.startsWith('eval|')) violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
    await waitUntil(() => studyRows(win).length === manifest.studies.length, 'rows did not render', { timeout: 10_000 });
    const header = browser(win).shadowRoot!.querySelector('[part~="header"]')!;
    expect(win.getComputedStyle(header).position, 'element styles applied').to.equal('sticky');
    expect(win.getComputedStyle(header).gridTemplateColumns.split(' ').length, 'column widths applied').to.equal(header.children.length);
    // Series thumbnails (blob: images) and the grid's column widths (CSSOM) work under the policy.
    const study = manifest.studies.find((s) => s.key === 'dx-chest')!;
    browser(win).expandStudy(study.studyInstanceUID);
    await waitUntil(() => browser(win).shadowRoot!.querySelector('rad-series-thumbnail')?.shadowRoot?.querySelector('img')?.complete, 'thumbnail', { timeout: 10_000 });
    expect(violations).to.deep.equal([]);
  });

  it('opens a study in the viewport under the same policy: images drawn, no violation', async function () {
    // The first page to import Cornerstone unbundled waits for the dev server to transform it.
    this.timeout(90_000);
    const manifest = await loadManifest();
    const win = await openDemo();
    const violations: string[] = [];
    win.document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    await waitUntil(() => studyRows(win).length > 0, 'rows did not render', { timeout: 10_000 });
    const study = manifest.studies.find((s) => s.key === 'ct-compression')!;
    const viewport = win.document.querySelector('rad-viewport')!;
    const rendered = oneEvent(viewport, 'rad-image-rendered');
    studyRows(win)
      .find((r) => r.dataset.studyUid === study.studyInstanceUID)!
      .dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    await rendered;
    // Series 1 of that study is uncompressed; series 3 is JPEG lossless, decoded by a wasm codec in a worker.
    expect(viewport.seriesUid).to.equal(study.series[0].seriesInstanceUID);
    const compressed = study.series.find((s) => s.transferSyntax === 'jpegLsLossless')!;
    const next = oneEvent(viewport, 'rad-image-rendered');
    viewport.seriesUid = compressed.seriesInstanceUID;
    await next;
    await waitUntil(() => viewport.viewState.count === compressed.instanceCount);
    const canvas = viewport.canvas!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    expect(data.some((v, i) => i % 4 === 0 && v > 50), 'image drawn').to.equal(true);
    expect(violations).to.deep.equal([]);
  });

  it('shows the study a user selects in the host page, as text', async () => {
    const manifest = await loadManifest();
    const win = await openDemo();
    await waitUntil(() => studyRows(win).length > 0, 'rows did not render', { timeout: 10_000 });
    const hostile = manifest.studies.find((s) => s.description === manifest.hostileText)!;
    studyRows(win)
      .find((r) => r.dataset.studyUid === hostile.studyInstanceUID)!
      .click();
    const selection = win.document.querySelector('#selection')!;
    expect(selection.textContent).to.contain(hostile.studyInstanceUID);
    expect(selection.textContent).to.contain(manifest.hostileText);
    expect(selection.querySelector('img, script, b')).to.equal(null);
  });

  it('reports the selected study in the panel under the same policy: its final report, read-only for referring', async () => {
    const manifest = await loadManifest();
    const win = await openDemo();
    const violations: string[] = [];
    win.document.addEventListener('securitypolicyviolation', (e) => {
      if (e.blockedURI !== 'eval') violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
    await waitUntil(() => studyRows(win).length > 0, 'rows did not render', { timeout: 10_000 });
    const final = manifest.studies.find((s) => s.key === 'pet-ct')!;
    studyRows(win)
      .find((r) => r.dataset.studyUid === final.studyInstanceUID)!
      .click();
    const panel = win.document.querySelector('rad-report-panel')!;
    expect(panel.studyUid).to.equal(final.studyInstanceUID);
    await panel.loaded();
    expect(panel.shadowRoot!.querySelector('[part~="banner"]')!.getAttribute('data-status')).to.equal('final');
    expect(panel.shadowRoot!.querySelector('textarea[name="addendum"]'), 'the radiologist may add an addendum').to.exist;
    const mode = win.document.querySelector<HTMLSelectElement>('#report-mode')!;
    mode.value = 'referring';
    mode.dispatchEvent(new Event('change'));
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelectorAll('textarea')).to.have.length(0);
    expect(violations).to.deep.equal([]);
  });
});
