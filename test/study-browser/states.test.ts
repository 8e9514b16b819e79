// Failure states, sign-in refresh, localization and long pages.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { DicomWebService, setRadLocale, type AuthRequiredDetail, type RadErrorDetail } from '@telerad/core';
import '@telerad/study-browser/rad-study-browser.js';
import type { RadStudyBrowser } from '@telerad/study-browser';
import { manyStudies, staticArchive } from '../../stories/support/study-fixtures.js';
import { loadManifest, sortedUids } from '../support/corpus.js';
import { cell, part, rows, rowUids, settled, shadow } from './helpers.js';
import { setViewport } from '@web/test-runner-commands';

async function failingBrowser(url: string): Promise<{ el: RadStudyBrowser; detail: RadErrorDetail }> {
  const service = new DicomWebService({ url, timeoutMs: 2000 });
  let detail: RadErrorDetail | undefined;
  const holder = await fixture(html`<div @rad-error=${(e: CustomEvent<RadErrorDetail>) => (detail ??= e.detail)}></div>`);
  const el = document.createElement('rad-study-browser');
  el.service = service;
  holder.append(el);
  await settled(el);
  expect(detail, 'rad-error fired').to.exist;
  return { el, detail: detail! };
}


// A reading-room screen: every column fits (narrower, the worklist leaves some out; see column-fit.ts).
before(() => setViewport({ width: 1700, height: 1000 }));

describe('<rad-study-browser> states', () => {
  it('shows an error, not a blank element, when the server is down', async () => {
    const { el, detail } = await failingBrowser('http://127.0.0.1:9/dicom-web');
    expect(detail.error.kind).to.equal('network');
    expect(detail.operation).to.equal('search-studies');
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('could not be reached');
    expect(error.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(part(el, 'retry')).to.exist;
  });

  it('shows the HTTP status of a server error (500) and retries', async () => {
    const { el, detail } = await failingBrowser('/__test/status/500');
    expect(detail.error.status).to.equal(500);
    expect(part(el, 'error')!.dataset.kind).to.equal('server');
    expect(part(el, 'error')!.textContent).to.contain('HTTP 500');
    el.service = new DicomWebService({ url: '/dicom-web' });
    part(el, 'retry')!.click();
    await settled(el);
    expect(rows(el).length).to.be.greaterThan(0);
  });

  it('shows a timeout distinctly', async () => {
    const { el, detail } = await failingBrowser('/__test/slow/5000');
    expect(detail.error.kind).to.equal('timeout');
    expect(part(el, 'error')!.textContent).to.contain('did not answer in time');
  });

  it('shows a loading skeleton while the archive answers', async () => {
    const el = await fixture<RadStudyBrowser>(html`<rad-study-browser .service=${new DicomWebService({ url: '/__test/slow/800' })}></rad-study-browser>`);
    expect(part(el, 'loading')!.getAttribute('role')).to.equal('status');
    expect(part(el, 'loading')!.querySelectorAll('.skeleton').length).to.be.greaterThan(2);
    await settled(el);
    expect(part(el, 'empty')).to.exist;
  });

  it('says so when no service is configured, then searches once one is provided', async () => {
    const el = await fixture<RadStudyBrowser>(html`<rad-study-browser></rad-study-browser>`);
    await settled(el);
    expect(part(el, 'error')!.textContent).to.contain('No image archive is configured');
    el.service = new DicomWebService({ url: '/dicom-web' });
    await settled(el);
    expect(rows(el).length).to.equal((await loadManifest()).studies.length);
  });

  it('on 401 fires rad-auth-required, waits for the host to refresh its token, and retries', async () => {
    const manifest = await loadManifest();
    let token = 'expired-token';
    const service = new DicomWebService({ url: '/__quirks/auth/dicom-web', tokenProvider: async () => token });
    const requests: string[] = [];
    const holder = await fixture(html`<div
      @rad-auth-required=${(e: CustomEvent<AuthRequiredDetail>) => {
        requests.push(e.detail.operation);
        e.detail.waitUntil(new Promise((resolve) => setTimeout(() => resolve((token = 'fresh-token')), 50)));
      }}
    ></div>`);
    const el = document.createElement('rad-study-browser');
    el.service = service;
    holder.append(el);
    await settled(el);
    expect(requests[0]).to.equal('search-studies');
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies));
  });

  it('shows the sign-in state when the refreshed token is refused too', async () => {
    const service = new DicomWebService({ url: '/__quirks/auth/dicom-web', tokenProvider: async () => 'still-wrong' });
    let asked = 0;
    const holder = await fixture(html`<div @rad-auth-required=${() => asked++}></div>`);
    const el = document.createElement('rad-study-browser');
    el.service = service;
    holder.append(el);
    await settled(el);
    expect(asked).to.equal(1);
    expect(part(el, 'error')!.dataset.kind).to.equal('unauthorized');
    expect(part(el, 'error')!.textContent).to.contain('Sign-in is required');
  });

  it('works with a server that ignores includefield: rows without the optional attributes', async () => {
    const manifest = await loadManifest();
    const el = await fixture<RadStudyBrowser>(html`<rad-study-browser .service=${new DicomWebService({ url: '/__quirks/no-includefield/dicom-web' })}></rad-study-browser>`);
    await settled(el);
    expect(rowUids(el)).to.deep.equal(sortedUids(manifest.studies));
    expect(rows(el).every((r) => cell(r, 'description') === '')).to.equal(true);
    for (const study of manifest.studies) expect(cell(rows(el).find((r) => r.dataset.studyUid === study.studyInstanceUID)!, 'counts')).to.equal(`${study.seriesCount} / ${study.instanceCount}`);
    expect(rows(el).every((r) => cell(r, 'priority') === 'Routine')).to.equal(true);
  });
});

describe('<rad-study-browser> localization and scale', () => {
  afterEach(() => setRadLocale('en'));

  it('switches to German and back', async () => {
    const el = await fixture<RadStudyBrowser>(html`<rad-study-browser .service=${staticArchive(manyStudies(3), { delayMs: 0 })}></rad-study-browser>`);
    await settled(el);
    await setRadLocale('de');
    await el.updateComplete;
    const headers = () => [...shadow(el).querySelectorAll('[role="columnheader"][data-column]')].map((h) => h.textContent!.trim());
    expect(headers()).to.include.members(['Priorität', 'Patient', 'Studiendatum', 'Befundzeit']);
    expect(shadow(el).querySelector('label')!.textContent).to.contain('Patientenname');
    expect(cell(rows(el)[0], 'priority')).to.equal('Notfall');
    await setRadLocale('en');
    await el.updateComplete;
    expect(headers()).to.include('Priority');
  });

  it('renders a 500-row page with off-screen rows left unpainted (content-visibility)', async () => {
    const el = await fixture<RadStudyBrowser>(
      html`<rad-study-browser style="--rad-study-browser-max-height: 30rem" page-size="500" .service=${staticArchive(manyStudies(500), { delayMs: 0 })}></rad-study-browser>`,
    );
    await settled(el);
    const all = rows(el);
    expect(all).to.have.length(500);
    expect(getComputedStyle(all[499]).contentVisibility).to.equal('auto');
    const scroller = shadow(el).querySelector<HTMLElement>('.scroll')!;
    scroller.scrollTop = scroller.scrollHeight;
    await waitUntil(() => all[499].getBoundingClientRect().bottom <= scroller.getBoundingClientRect().bottom + 1, 'scrolled to the last row');
    expect(all[499].textContent).to.contain('Patient');
  });
});
