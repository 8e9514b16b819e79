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

const studyRows = (win: Window) => [...(win.document.querySelector('rad-study-browser')?.shadowRoot?.querySelectorAll<HTMLElement>('tbody tr') ?? [])];

describe('demo portal', () => {
  it('runs the elements under its strict Content-Security-Policy', async () => {
    const manifest = await loadManifest();
    const win = await openDemo();
    const policy = win.document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(policy).to.not.contain("'unsafe-eval'");
    expect(policy).to.not.contain("'unsafe-inline'");
    expect(() => (win as Window & typeof globalThis).eval('1 + 1'), 'eval is blocked: the policy is in force').to.throw();
    await waitUntil(() => studyRows(win).length === manifest.studies.length, 'rows did not render', { timeout: 10_000 });
    const header = win.document.querySelector('rad-study-browser')!.shadowRoot!.querySelector('th')!;
    expect(win.getComputedStyle(header).position, 'element styles applied').to.equal('sticky');
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
});
