// The script-tag example: the standalone bundle alone, no bundler, under the host CSP header.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { RadViewer } from '@telerad/viewer';
import { hasContent } from '../viewport/helpers.js';

describe('examples/plain (standalone bundle from a script tag)', function () {
  this.timeout(120_000);

  it('shows the IID-launched study and its final report; the page hears the events; no CSP violation', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe title="plain" style="width:1300px;height:900px"></iframe>`);
    const loaded = oneEvent(frame, 'load');
    frame.src = '/examples/plain/index.html';
    await loaded;
    const violations: string[] = [];
    frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    const policy = (await fetch('/examples/plain/index.html')).headers.get('content-security-policy');
    expect(policy).to.contain("require-trusted-types-for 'script'");
    const viewer = frame.contentDocument!.querySelector('rad-viewer') as RadViewer;
    await waitUntil(() => viewer.viewports?.[0]?.frames.length && hasContent(viewer.viewports[0]), 'images drawn', { timeout: 90_000 });
    const panel = viewer.shadowRoot!.querySelector('rad-report-panel')!;
    await panel.loaded();
    expect(panel.shadowRoot!.querySelector('[part~="banner"]')!.getAttribute('data-status')).to.equal('final');
    const seen = frame.contentDocument!.querySelector<HTMLElement>('#last-event')!.dataset;
    expect([seen.radaudit, seen.radimagerendered]).to.deep.equal(['seen', 'seen']);
    // The elements came from the bundle, not from the workspace sources.
    const scripts = frame.contentWindow!.performance.getEntriesByType('resource').map((e) => e.name);
    expect(scripts.some((name) => name.includes('/packages/viewer/dist/standalone/'))).to.equal(true);
    expect(scripts.filter((name) => name.includes('/packages/viewer/src/'))).to.deep.equal([]);
    expect(violations).to.deep.equal([]);
  });
});
