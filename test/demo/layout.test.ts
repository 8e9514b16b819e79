// The demo as a first impression: every page laid out without overlapping regions or content running
// off the page, at a desktop, a laptop and a portrait tablet size, measured from the boxes of each
// page's main regions once its data has arrived.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';

const SIZES: [number, number][] = [
  [1600, 1000],
  [1280, 800],
  [820, 1180],
];

/** Each page, and when it has its content: the worklist's rows, the orders, the viewer's images. */
const PAGES: Record<string, (doc: Document) => boolean> = {
  'index.html': (doc) => Boolean(doc.querySelector('rad-study-browser')?.shadowRoot?.querySelector('[part~="row"]')),
  'facility.html': (doc) => Boolean(doc.querySelector('rad-viewer')?.shadowRoot?.querySelector('rad-study-browser')?.shadowRoot?.querySelector('[part~="row"]')),
  'referring.html': (doc) => (doc.querySelectorAll('#orders li a').length ?? 0) > 0,
  'viewer.html?requestType=STUDY&accessionNumber=ACC-26-0655': (doc) => Boolean(doc.querySelector('rad-viewer')?.viewports?.[0]?.frames.length),
};

/** The regions whose boxes must not overlap their siblings or leave the page. */
const REGIONS = 'body > header, body > nav, main > *, main > rad-dicomweb > *';

interface Box {
  name: string;
  parent: Element | null;
  rect: DOMRect;
  spills: boolean;
}

function boxesOf(doc: Document): Box[] {
  return [...doc.querySelectorAll(REGIONS)]
    .filter((el) => getComputedStyle(el).display !== 'contents' && el.getClientRects().length)
    .map((el) => ({
      name: `${el.localName}${el.id ? `#${el.id}` : ''}[${el.getAttribute('aria-labelledby') ?? el.className}]`,
      parent: el.parentElement,
      rect: el.getBoundingClientRect(),
      // Content wider than the box, shown beside it rather than scrolled inside it.
      spills: getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1,
    }));
}

const overlap = (a: DOMRect, b: DOMRect) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

describe('demo layout', function () {
  this.timeout(120_000);

  // The sources, and the production build `npm start` serves (made by `npm test` before this runs).
  for (const [build, prefix] of [['sources', '/demo/'], ['production build', '/demo/dist/']]) {
  for (const [page, ready] of Object.entries(PAGES)) {
    for (const [width, height] of SIZES) {
      it(`${page.split('?')[0]} (${build}) at ${width}×${height}: no overlapping regions, nothing off the page`, async () => {
        const frame = await fixture<HTMLIFrameElement>(html`<iframe title="demo page" style="width:${width}px;height:${height}px;border:0"></iframe>`);
        const loaded = oneEvent(frame, 'load');
        frame.src = `${prefix}${page}`;
        await loaded;
        const doc = frame.contentDocument!;
        await waitUntil(() => ready(doc), 'the page has its content', { timeout: 60_000 });
        await new Promise((resolve) => frame.contentWindow!.requestAnimationFrame(() => frame.contentWindow!.requestAnimationFrame(resolve)));
        const problems: string[] = [];
        const root = doc.documentElement;
        if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} px in ${root.clientWidth} px)`);
        const boxes = boxesOf(doc);
        for (const box of boxes) {
          if (box.rect.right > root.clientWidth + 1 || box.rect.left < -1) problems.push(`${box.name} leaves the page (${Math.round(box.rect.left)}–${Math.round(box.rect.right)} px)`);
          if (box.spills) problems.push(`${box.name} has content running out of its box`);
        }
        for (const [i, a] of boxes.entries()) {
          for (const b of boxes.slice(i + 1)) {
            if (a.parent === b.parent && overlap(a.rect, b.rect) > 1) problems.push(`${a.name} overlaps ${b.name}`);
          }
        }
        expect(problems).to.deep.equal([]);
      });
    }
  }
  }
});
