// <rad-series-thumbnail> has its own side-effect entry: a page (or element, such as <rad-viewer>'s
// series strip) that shows thumbnails imports what it uses, not the worklist.
import { expect } from '@open-wc/testing';
import '@telerad/study-browser/rad-series-thumbnail.js';

describe('the rad-series-thumbnail entry point', () => {
  it('registers the thumbnail alone', () => {
    expect(customElements.get('rad-series-thumbnail'), 'thumbnail').to.not.equal(undefined);
    expect(customElements.get('rad-study-browser'), 'worklist').to.equal(undefined);
  });
});
