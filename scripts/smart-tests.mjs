// SMART App Launch end to end (also a stage of `npm test`): `<rad-viewer smart>` from the standalone
// bundle, launched by an EHR against a real authorization server (oidc-provider), a real FHIR
// server (Medplum's router) and the test Orthanc, driven in Chromium: consent granted and denied,
// an unknown launch, no ImagingStudy, an archive that does not answer, an archive the token may not
// go to — and where the token went (never into the URL, storage or the console).
//   node scripts/smart-tests.mjs        (the standalone bundle must be built: npm run build:standalone)
import './setup.mjs';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const { chromium } = await import('playwright-core');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('./lib/chromium.mjs');
const { startOrthancWithCorpus } = await import('./lib/corpus-server.mjs');
const { startSmartServers } = await import('./lib/smart/smart-servers.mjs');

/** Resolves once `condition()` holds, checked every 100 ms; fails the test after 20 s, naming `what`. */
async function until(condition, what) {
  for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 100))) if (await condition()) return;
  assert.fail(`timed out: ${what}`);
}

const standaloneDir = fileURLToPath(new URL('../packages/viewer/dist/standalone', import.meta.url));

describe('SMART App Launch of <rad-viewer smart>', { timeout: 300_000 }, () => {
  let orthanc;
  let manifest;
  let servers;
  let browser;
  before(async () => {
    ({ orthanc, manifest } = await startOrthancWithCorpus());
    servers = await startSmartServers({ manifest, orthancDicomWebUrl: orthanc.dicomWebUrl, standaloneDir, accessTokenTtl: 20 });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  });
  after(async () => {
    await browser?.close();
    await servers?.close();
    await orthanc?.stop();
  });

  /**
   * Opens the EHR launch of `context` (or the launch id `launch`) in a fresh browser context and
   * answers the consent page with `decision`; resolves to the page, its console and what the viewer
   * announced, once the launch settled (the study shown, or a failure).
   */
  async function launched(context, { decision = 'Allow', launch = servers.auth.createLaunch(context) } = {}) {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    const consoleText = [];
    page.on('console', (message) => consoleText.push(message.text()));
    await page.addInitScript(() => {
      window.__smart = { steps: [], failures: [], errors: [], contexts: [] };
      document.addEventListener('rad-context-change', (e) => window.__smart.contexts.push(e.detail));
      document.addEventListener('rad-smart-step', (e) => window.__smart.steps.push(e.detail.step));
      document.addEventListener('rad-smart-failed', (e) => window.__smart.failures.push(e.detail));
      document.addEventListener('rad-error', (e) => window.__smart.errors.push({ kind: e.detail.error.kind, operation: e.detail.operation }));
    });
    const iss = encodeURIComponent(servers.fhir.fhirBaseUrl);
    await page.goto(`${servers.appUrl}?iss=${iss}&launch=${encodeURIComponent(launch)}`);
    // Through the EHR's consent page (answered once) and back, until the viewer has opened the study or failed.
    const settled = () => window.__smart && (window.__smart.steps.includes('opened') || window.__smart.failures.length || window.__smart.errors.length);
    let answered = false;
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 200))) {
      if (!answered && page.url().startsWith(`${servers.auth.url}/interaction/`)) {
        answered = true;
        await page.getByRole('button', { name: decision }).click();
        continue;
      }
      const done = await page.evaluate(settled).catch(() => false);
      if (done && page.url().startsWith(servers.appUrl)) break;
    }
    return { page, consoleText, smart: await page.evaluate(() => window.__smart) };
  }

  /** Every value in the page's storage, and its address: where a token must never be. */
  const traces = (page) =>
    page.evaluate(() => ({
      url: location.href,
      storage: JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)]),
    }));

  const viewerMessage = (page) => page.locator('rad-viewer').evaluate((el) => el.shadowRoot.querySelector('[part~="message"]')?.textContent?.trim() ?? '');

  it('opens the launch’s ImagingStudy from its DICOMweb endpoint with the token, consent granted', async () => {
    const ct = manifest.studies.find((s) => s.key === 'ct-phantom');
    const { page, consoleText, smart } = await launched({ patient: 'cora', imagingStudy: 'ct-phantom' });
    try {
      assert.deepEqual(smart.failures, []);
      assert.deepEqual(smart.steps, ['authorized', 'opening', 'opened']);
      assert.equal(await page.locator('rad-viewer').evaluate((el) => el.openStudyUid), ct.studyInstanceUID);
      await page.waitForFunction(() => document.querySelector('rad-viewer').viewports[0]?.frames.length > 0, null, { timeout: 30_000 });
      // The images came through the EHR's DICOMweb endpoint, every request with the token.
      const imaging = servers.fhir.requests.filter((r) => r.path.startsWith('/dicom-web/'));
      assert.ok(imaging.length > 0, 'DICOMweb requests reached the endpoint');
      assert.ok(imaging.every((r) => r.token || r.method === 'OPTIONS'), 'each with the access token');
      const { url, storage } = await traces(page);
      assert.equal(new URL(url).search, '', 'the launch parameters are out of the address bar');
      assert.doesNotMatch(storage, /access_token|refresh_token|tokenResponse|cora/i, 'no token or context in storage');
      assert.ok(!consoleText.some((text) => /access_token|Bearer /i.test(text)), 'no token in the console');
    } finally {
      await page.context().close();
    }
  });

  it('refreshes the token before it expires while the study is read, and goes on with the new one', async () => {
    const { page, smart } = await launched({ patient: 'cora', imagingStudy: 'ct-phantom' });
    try {
      assert.deepEqual(smart.failures, []);
      const refreshesBefore = servers.auth.tokenGrants.filter((g) => g === 'refresh_token').length;
      const imaging = () => servers.fhir.requests.filter((r) => r.path.startsWith('/dicom-web/') && r.tokenId);
      const firstToken = imaging().at(-1).tokenId;
      // The token lives 20 s and is refreshed within its last 10: reading on after 12 s needs a new one.
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      const found = await page.locator('rad-viewer').evaluate(async (el) => (await el.archive.searchStudies({})).length);
      assert.ok(found > 0, 'the archive answered the new request');
      assert.equal(servers.auth.tokenGrants.filter((g) => g === 'refresh_token').length, refreshesBefore + 1, 'one refresh');
      assert.notEqual(imaging().at(-1).tokenId, firstToken, 'the request carried the refreshed token');
      assert.doesNotMatch((await traces(page)).storage, /access_token|refresh_token/);
    } finally {
      await page.context().close();
    }
  });

  it('follows the EHR’s FHIRcast session (open, close, SyncError on a failed open) and publishes what it opens', async () => {
    const [ct, compression] = ['ct-phantom', 'ct-compression'].map((key) => manifest.studies.find((s) => s.key === key));
    const topic = `topic-${Date.now()}`;
    const { page, smart } = await launched({ patient: 'cora', imagingStudy: 'ct-phantom', topic });
    const { hub } = servers;
    const studyOf = (n) => n.event.context.find((c) => c.key === 'study')?.resource.identifier?.[0]?.value;
    const notification = (event, uid) => ({
      timestamp: new Date().toISOString(),
      id: `${event}-${uid}-${Date.now()}`,
      event: { 'hub.topic': topic, 'hub.event': event, context: [{ key: 'patient', resource: { resourceType: 'Patient', id: 'cora' } }, { key: 'study', resource: { resourceType: 'ImagingStudy', id: uid, status: 'available', identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${uid}` }] } }] },
    });
    const openUid = () => page.locator('rad-viewer').evaluate((el) => el.openStudyUid ?? null);
    const ackOf = (id) => hub.acknowledgements.find((a) => a.id === id)?.status;
    try {
      assert.deepEqual(smart.failures, []);
      await until(() => [...hub.subscriptions.values()].some((s) => s.topic === topic && s.socket), 'the viewer subscribed over WebSocket');
      const subscription = [...hub.subscriptions.values()].find((s) => s.topic === topic);
      assert.deepEqual(subscription.events, ['Patient-open', 'Patient-close', 'ImagingStudy-open', 'ImagingStudy-close', 'DiagnosticReport-open', 'DiagnosticReport-update', 'DiagnosticReport-close', 'SyncError']);
      // What the launch opened, published by the viewer with its patient.
      await until(() => hub.received.some((n) => n.event['hub.topic'] === topic && n.event['hub.event'] === 'ImagingStudy-open'), 'ImagingStudy-open published');
      const published = hub.received.find((n) => n.event['hub.topic'] === topic && n.event['hub.event'] === 'ImagingStudy-open');
      assert.equal(studyOf(published), `urn:oid:${ct.studyInstanceUID}`);
      assert.equal(published.event.context.find((c) => c.key === 'study').resource.id, 'ct-phantom');
      // The hub sends a publisher its own event too (whether the viewer's channel was bound when it
      // published is a race): the echo of the study shown is answered 200 and not followed.
      const echo = notification('ImagingStudy-open', ct.studyInstanceUID);
      hub.publish(echo);
      await until(() => ackOf(echo.id) !== undefined, 'the echo answered');
      assert.equal(ackOf(echo.id), 200);
      // The reporting system opens another study of the patient: the viewer follows (202, then open).
      const open = notification('ImagingStudy-open', compression.studyInstanceUID);
      hub.publish(open);
      await until(async () => (await openUid()) === compression.studyInstanceUID, 'the viewer opened the study in context');
      assert.equal(ackOf(open.id), 202);
      const close = notification('ImagingStudy-close', compression.studyInstanceUID);
      hub.publish(close);
      await until(async () => (await openUid()) === null, 'the viewer closed it');
      assert.equal(ackOf(close.id), 200);
      // A study the archive does not have: accepted, then a SyncError about that event.
      const missing = notification('ImagingStudy-open', '2.25.99999999999999999999');
      hub.publish(missing);
      await until(() => hub.received.some((n) => n.event['hub.event'] === 'SyncError' && n.event.context[0].resource.issue[0].details.coding[0].code === missing.id), 'a SyncError about the failed open');
      const contexts = await page.evaluate(() => window.__smart.contexts);
      assert.deepEqual(contexts.filter((c) => c.followed).map((c) => c.event), ['ImagingStudy-open', 'ImagingStudy-close', 'ImagingStudy-open'], JSON.stringify([contexts, hub.received.filter((n) => n.event['hub.topic'] === topic).map((n) => [n.event['hub.event'], studyOf(n)])]));
    } finally {
      await page.context().close();
    }
  });

  it('publishes DiagnosticReport-update with the signed report, a valid FHIR R4 DiagnosticReport', async () => {
    const { validateResource } = await import('@medplum/core');
    const ct = manifest.studies.find((s) => s.key === 'ct-phantom');
    const topic = `topic-report-${Date.now()}`;
    const { page, smart } = await launched({ patient: 'cora', imagingStudy: 'ct-phantom', topic });
    const { hub } = servers;
    const ofTopic = (name) => hub.received.filter((n) => n.event['hub.topic'] === topic && n.event['hub.event'] === name);
    try {
      assert.deepEqual(smart.failures, []);
      await until(() => ofTopic('ImagingStudy-open').length, 'the viewer in the session');
      // The reader signs a preliminary report in the viewer (radiologist mode), stored over the SMART endpoint.
      const signed = await page.locator('rad-viewer').evaluate(async (el) => {
        el.mode = 'radiologist';
        el.reader = { name: 'Reader^Rhea^^Dr', id: 'reader-1' };
        await el.updateComplete;
        const panel = el.shadowRoot.querySelector('rad-report-panel');
        await panel.loaded();
        panel.setSection('impression', 'No acute abnormality.');
        return (await panel.signPreliminary({ confirmTemplateText: true }))?.sopInstanceUID;
      });
      assert.ok(signed, 'the report was signed and stored');
      await until(() => ofTopic('DiagnosticReport-update').length, 'DiagnosticReport-update published');
      const [opened] = ofTopic('DiagnosticReport-open');
      const [update] = ofTopic('DiagnosticReport-update');
      assert.ok(opened && update, 'DiagnosticReport-open, then -update');
      assert.deepEqual(update.event.context.find((c) => c.key === 'report').reference, { reference: `DiagnosticReport/${signed}` });
      const bundle = update.event.context.find((c) => c.key === 'updates').resource;
      const report = bundle.entry.find((e) => e.resource.resourceType === 'DiagnosticReport').resource;
      const study = bundle.entry.find((e) => e.resource.resourceType === 'ImagingStudy').resource;
      assert.equal(report.status, 'preliminary');
      assert.deepEqual(report.identifier[0], { system: 'urn:dicom:uid', value: `urn:oid:${signed}` });
      assert.equal(report.imagingStudy[0].identifier.value, `urn:oid:${ct.studyInstanceUID}`);
      assert.equal(study.id, 'ct-phantom');
      // Valid against the FHIR R4 definitions (Medplum's validator): the report, and the bundle whole.
      validateResource(report);
      validateResource(bundle);
    } finally {
      await page.context().close();
    }
  });

  it('runs the EHR demo page: it launches the viewer, then sends it the next study over FHIRcast', async () => {
    const [ct, compression] = ['ct-phantom', 'ct-compression'].map((key) => manifest.studies.find((s) => s.key === key));
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    try {
      const ehr = await context.newPage();
      await ehr.goto(servers.ehrUrl);
      await ehr.locator('#session', { hasText: 'Subscribed' }).waitFor({ timeout: 20_000 });
      const opened = context.waitForEvent('page');
      await ehr.locator('li li', { hasText: ct.description }).getByRole('button', { name: 'Open in viewer' }).click();
      const viewer = await opened;
      await viewer.waitForURL(/\/interaction\//, { timeout: 20_000 });
      await viewer.getByRole('button', { name: 'Allow' }).click();
      const showing = (uid) => viewer.waitForFunction((u) => document.querySelector('rad-viewer')?.openStudyUid === u, uid, { timeout: 30_000 });
      await showing(ct.studyInstanceUID);
      await ehr.locator('#events li', { hasText: `ImagingStudy-open urn:oid:${ct.studyInstanceUID}` }).waitFor({ timeout: 20_000 });
      await ehr.locator('li li', { hasText: compression.description }).getByRole('button', { name: 'Open in viewer' }).click();
      await showing(compression.studyInstanceUID);
    } finally {
      await context.close();
    }
  });

  it('says that access was denied when the reader denies consent', async () => {
    const { page, smart } = await launched({ patient: 'cora', imagingStudy: 'ct-phantom' }, { decision: 'Deny' });
    try {
      assert.deepEqual(smart.failures.map((f) => f.reason), ['denied']);
      assert.match(await viewerMessage(page), /Access was not granted/);
      assert.equal(new URL((await traces(page)).url).search, '');
    } finally {
      await page.context().close();
    }
  });

  it('says that the EHR did not accept an unknown or expired launch', async () => {
    const { page, smart } = await launched(undefined, { launch: 'expired-launch-id' });
    try {
      assert.deepEqual(smart.failures.map((f) => f.reason), ['launch-rejected']);
      assert.match(await viewerMessage(page), /did not accept this launch/);
    } finally {
      await page.context().close();
    }
  });

  it('says that the patient has no imaging study', async () => {
    const { page, smart } = await launched({ patient: 'no-imaging' });
    try {
      assert.deepEqual(smart.failures.map((f) => f.reason), ['no-imaging-study']);
      assert.match(await viewerMessage(page), /no imaging study/);
    } finally {
      await page.context().close();
    }
  });

  it('opens the patient’s latest study when the launch names none', async () => {
    const latest = manifest.studies.filter((s) => s.patientKey === 'cora').sort((a, b) => `${b.studyDate}${b.studyTime}`.localeCompare(`${a.studyDate}${a.studyTime}`))[0];
    const { page, smart } = await launched({ patient: 'cora' });
    try {
      assert.deepEqual(smart.failures, []);
      assert.equal(await page.locator('rad-viewer').evaluate((el) => el.openStudyUid), latest.studyInstanceUID);
    } finally {
      await page.context().close();
    }
  });

  it('says the archive did not answer when the endpoint is unreachable', async () => {
    const { page, smart } = await launched({ patient: 'cora', imagingStudy: 'offline-archive' });
    try {
      assert.deepEqual(smart.failures, []);
      assert.equal(smart.errors[0]?.operation, 'open-study');
      assert.ok((await viewerMessage(page)).length > 0, 'a message in the element');
    } finally {
      await page.context().close();
    }
  });

  it('says that the EHR names no archive for the study', async () => {
    const { page, smart } = await launched({ patient: 'cora', imagingStudy: 'no-endpoint' });
    try {
      assert.deepEqual(smart.failures.map((f) => f.reason), ['no-endpoint']);
      assert.match(await viewerMessage(page), /does not say which image archive/);
    } finally {
      await page.context().close();
    }
  });

  it('launches standalone (launchSmart with the FHIR server): the patient picked at consent, their latest study opened', async () => {
    const latest = manifest.studies.filter((s) => s.patientKey === 'muller').sort((a, b) => `${b.studyDate}${b.studyTime}`.localeCompare(`${a.studyDate}${a.studyTime}`))[0];
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    try {
      await page.goto(servers.appUrl);
      await page.locator('rad-viewer').evaluate((el, iss) => void el.launchSmart({ iss, scope: 'launch/patient openid fhirUser online_access patient/ImagingStudy.rs' }), servers.fhir.fhirBaseUrl);
      await page.waitForURL(/\/interaction\//, { timeout: 20_000 });
      await page.getByLabel('Patient').selectOption('muller');
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForFunction((uid) => document.querySelector('rad-viewer')?.openStudyUid === uid, latest.studyInstanceUID, { timeout: 30_000 });
      assert.equal(new URL(page.url()).search, '');
    } finally {
      await page.context().close();
    }
  });

  it('does not send the token to an archive on an origin not allowlisted', async () => {
    const { page, smart } = await launched({ patient: 'cora', imagingStudy: 'elsewhere-archive' });
    try {
      assert.deepEqual(smart.failures.map((f) => f.reason), ['endpoint-not-allowed']);
      assert.deepEqual(servers.elsewhere.requests.filter((r) => r.token), [], 'no token reached the other origin');
      assert.match(await viewerMessage(page), /not among the origins allowed/);
    } finally {
      await page.context().close();
    }
  });
});
