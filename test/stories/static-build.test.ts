// The static Storybook (npm run build-storybook) as a designer opens it: every story renders its
// element in Chromium without console errors, and axe finds no violations in it.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import axe from 'axe-core';

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
}

const entries = async (): Promise<IndexEntry[]> => Object.values(((await (await fetch('/storybook-static/index.json')).json()) as { entries: Record<string, IndexEntry> }).entries);

describe('static Storybook build', function () {
  this.timeout(600_000);

  it('has a docs page per element and renders every story without console errors, axe-clean', async () => {
    const all = await entries();
    expect(all.filter((e) => e.type === 'docs').map((e) => e.title)).to.have.members([
      'Elements/rad-report-panel',
      'Elements/rad-study-browser',
      'Elements/rad-viewer',
      'Elements/rad-viewport',
    ]);
    const stories = all.filter((e) => e.type === 'story');
    const failures: string[] = [];
    for (const story of stories) {
      const frame = await fixture<HTMLIFrameElement>(html`<iframe title=${story.id} style="width:1200px;height:800px"></iframe>`);
      const loaded = oneEvent(frame, 'load');
      frame.src = `/storybook-static/iframe.html?id=${story.id}&viewMode=story`;
      await loaded;
      const win = frame.contentWindow as Window & typeof globalThis & { axe?: { run(context: Element): Promise<{ violations: { id: string; nodes: { target: unknown; failureSummary?: string }[] }[] }> } };
      const errors: string[] = [];
      const consoleError = win.console.error.bind(win.console);
      win.console.error = (...args: unknown[]) => {
        errors.push(args.map(String).join(' '));
        consoleError(...args);
      };
      win.addEventListener('error', (e) => errors.push(e.message));
      win.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
      // Let the story render and its element settle (live stories read the archive).
      const start = Date.now();
      while (!win.document.querySelector('#storybook-root > *') && Date.now() - start < 15_000) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1500));
      const element = win.document.querySelector('#storybook-root > *');
      if (!element) failures.push(`${story.id}: nothing rendered`);
      else {
        // axe in the story's own window (the Storybook page has no CSP).
        win.eval(axe.source);
        const { violations } = await win.axe!.run(win.document.querySelector('#storybook-root')!);
        for (const v of violations) failures.push(`${story.id}: axe ${v.id} at ${JSON.stringify(v.nodes.map((n) => n.target))} — ${v.nodes[0]?.failureSummary ?? ''}`);
      }
      if (errors.length) failures.push(`${story.id}: ${errors.join(' | ')}`);
      frame.remove();
    }
    expect(failures).to.deep.equal([]);
  });
});
