// The event map (core's RadEventMap, which each package extends): an element emits only the events
// of the map, each with its own detail, and a host's listener knows that detail without a cast.
// The type checks are checked by `tsc -b` (npm test's type-check step); the dispatch here.
import { expect, oneEvent } from '@open-wc/testing';
import { radEvent, RadElement, type RadEventMap } from '@telerad/core';
import type { ReportSignedDetail } from '@telerad/report-panel';
import type { ImageRenderedDetail } from '@telerad/viewport';
import type {} from '@telerad/study-browser';
import type {} from '@telerad/viewer';

class EventProbe extends RadElement {
  fireWrongDetails(): void {
    // @ts-expect-error: rad-error's detail is a RadErrorDetail
    this.emit('rad-error', { message: 'not a failure' });
    // @ts-expect-error: not an event of the map
    this.emit('rad-made-up', {});
    // @ts-expect-error: a measurement's detail is not an image's
    this.emit('rad-image-rendered', { tool: 'Length' });
  }

  fireSigned(detail: ReportSignedDetail): boolean {
    return this.emit('rad-report-signed', detail);
  }
}
customElements.define('event-map-probe', EventProbe);

describe('the rad-* event map', () => {
  it("has every element's events, each with its detail type", () => {
    const names: (keyof RadEventMap)[] = [
      'rad-error',
      'rad-auth-required',
      'rad-study-select',
      'rad-study-open',
      'rad-series-select',
      'rad-query-change',
      'rad-load-progress',
      'rad-first-image',
      'rad-image-rendered',
      'rad-measurement-added',
      'rad-measurement-modified',
      'rad-measurement-removed',
      'rad-cine-change',
      'rad-view-change',
      'rad-reformat-rendered',
      'rad-fusion-rendered',
      'rad-report-draft-change',
      'rad-report-signed',
      'rad-critical-result',
      'rad-report-unsaved',
      'rad-sign-blocked',
      'rad-audit',
      'rad-session-expired',
      'rad-session-resume',
      'rad-smart-step',
      'rad-smart-failed',
    ];
    // A listener on the document reads the detail as typed (a wrong field would not compile).
    const onRendered = (event: CustomEvent<ImageRenderedDetail>) => event.detail.sopInstanceUID;
    document.addEventListener('rad-image-rendered', onRendered);
    document.removeEventListener('rad-image-rendered', onRendered);
    expect(new Set(names).size).to.equal(26);
  });

  it('dispatches bubbling, composed events out of a shadow root, cancelable where asked', async () => {
    const host = document.createElement('div');
    const probe = new EventProbe();
    host.attachShadow({ mode: 'open' }).append(probe);
    document.body.append(host);
    try {
      const detail: ReportSignedDetail = {
        status: 'final',
        studyInstanceUID: '1.2',
        seriesInstanceUID: '1.2.3',
        sopInstanceUID: '1.2.3.4',
      };
      const heard = oneEvent(document, 'rad-report-signed');
      expect(probe.fireSigned(detail)).to.equal(true);
      const event = await heard;
      expect(event.detail).to.deep.equal(detail);
      expect([event.bubbles, event.composed, event.cancelable]).to.deep.equal([true, true, false]);
      expect(radEvent('rad-session-resume', null, { cancelable: true }).cancelable).to.equal(true);
    } finally {
      host.remove();
    }
  });
});
