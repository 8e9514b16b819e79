// The React 19, Vue 3 and Angular examples, built by Vite like an application (npm run build:examples),
// mount <rad-viewer> and hear its events, under the host CSP header.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { RadViewer } from '@telerad/viewer';
import { hasContent } from '../viewport/helpers.js';

describe('framework examples', function () {
  this.timeout(120_000);

  for (const framework of ['react', 'vue', 'angular']) {
    it(`${framework}: the viewer draws the IID-launched study, the framework renders its audit events, no CSP violation`, async () => {
      const page = `/examples/dist/${framework}/index.html`;
      expect((await fetch(page)).headers.get('content-security-policy')).to.contain("require-trusted-types-for 'script'");
      const frame = await fixture<HTMLIFrameElement>(html`<iframe title=${framework} style="width:1300px;height:900px"></iframe>`);
      const loaded = oneEvent(frame, 'load');
      frame.src = page;
      await loaded;
      const violations: string[] = [];
      frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
      await waitUntil(() => frame.contentDocument!.querySelector('rad-viewer'), 'mounted by the framework', { timeout: 20_000 });
      const viewer = frame.contentDocument!.querySelector('rad-viewer') as RadViewer;
      expect([viewer.mode, viewer.iid]).to.deep.equal(['referring', true]);
      await waitUntil(() => viewer.viewports?.[0]?.frames.length && hasContent(viewer.viewports[0]), 'images drawn', { timeout: 90_000 });
      await waitUntil(() => frame.contentDocument!.querySelector('#audits')!.textContent!.includes('study-opened'), 'the framework re-rendered with the event');
      expect(violations).to.deep.equal([]);
    });
  }
});
