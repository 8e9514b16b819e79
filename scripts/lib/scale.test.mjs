// The pure parts of `npm run bench:scale`: the round-robin proxy, the generated worklist's plan and
// the load run's audit.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { FACILITIES, REPORT_STATES, scalePlan, studyFiles } from '../scale/generate.mjs';
import { auditReports, percentile } from '../scale/load-figures.mjs';
import { roundRobinProxy } from './orthanc-cluster.mjs';

/** A server answering with its name, the Host it was sent and the body it received. */
function echo(name) {
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => response.end(JSON.stringify({ name, host: request.headers.host, body: Buffer.concat(chunks).toString() })));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

test('the proxy hands requests to each node in turn, with the client’s Host and body', async () => {
  const nodes = await Promise.all([echo('a'), echo('b')]);
  const proxy = await roundRobinProxy(nodes.map((n) => n.url));
  try {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await (await fetch(`${proxy.url}/dicom-web/studies`, { method: 'POST', body: `study ${i}` })).json());
    assert.deepEqual(answers.map((a) => a.name), ['a', 'b', 'a', 'b']);
    assert.deepEqual(answers.map((a) => a.body), ['study 0', 'study 1', 'study 2', 'study 3']);
    assert.ok(answers.every((a) => a.host === new URL(proxy.url).host), 'Orthanc writes its URLs with the proxy’s host');
    assert.deepEqual(proxy.served, [2, 2]);
  } finally {
    await proxy.close();
    for (const { server } of nodes) server.close();
  }
});

test('the plan: studies, patients and facilities as asked, each report state on its own studies, the same for a seed', () => {
  const plan = scalePlan({ studies: 2_000, patients: 500, reportedPerState: 200, seed: 7, now: Date.UTC(2026, 11, 7) });
  assert.equal(plan.studies.length, 2_000);
  assert.equal(new Set(plan.studies.map((s) => s.patient.id)).size, 500);
  assert.equal(FACILITIES.length, 40);
  for (const state of REPORT_STATES) assert.equal(plan.studies.filter((s) => s.report === state).length, 200, state);
  assert.ok(plan.studies.every((s) => s.date >= '20241207' && s.date <= '20261207'), 'two years of dates');
  assert.ok(new Set(plan.studies.map((s) => s.modality)).size >= 6, 'a modality mix');
  const again = scalePlan({ studies: 2_000, patients: 500, reportedPerState: 200, seed: 7, now: Date.UTC(2026, 11, 7) });
  assert.deepEqual(
    again.studies.map((s) => [s.patient.id, s.modality, s.date, s.report ?? '']),
    plan.studies.map((s) => [s.patient.id, s.modality, s.date, s.report ?? '']),
  );
  const amended = plan.studies.find((s) => s.report === 'amended');
  assert.equal(studyFiles(amended).length, 3, 'the image, the final report and its addendum');
});

test('percentiles by nearest rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(percentile(values, 0.5), 50);
  assert.equal(percentile(values, 0.95), 95);
  assert.equal(percentile([7], 0.95), 7);
  assert.equal(percentile([], 0.5), undefined);
});

test('the audit: reports lost, listed twice, or unknown; pairs signed unseen by each other, and whether either reader was told', () => {
  const report = (uid, study, seen = [], concurrent) => ({ sopInstanceUID: uid, studyInstanceUID: study, seen, ...(concurrent ? { concurrent } : {}) });
  const signed = [
    report('a1', 'A'),
    // Signed at the same moment as a1: each unseen by the other; b's reader was told.
    report('a2', 'A', [], ['a1']),
    // Opened after a1 and a2 were stored: no conflict with either.
    report('a3', 'A', ['a1', 'a2']),
    // On another study, at the same moment as b2, and nobody was told: undetected.
    report('b1', 'B'),
    report('b2', 'B'),
    // Acknowledged but not in the archive.
    report('c1', 'C'),
  ];
  const archived = ['a1', 'a2', 'a2', 'a3', 'b1', 'b2', 'x0', 'old'];
  const audit = auditReports(signed, archived, new Set(['old']));
  assert.equal(audit.stored, 6);
  assert.deepEqual(audit.lost, ['c1']);
  assert.deepEqual(audit.duplicated, ['a2']);
  assert.deepEqual(audit.unexpected, ['x0']);
  assert.equal(audit.conflicts, 2);
  assert.equal(audit.conflictsDetected, 1);
  assert.deepEqual(audit.undetected, [{ a: 'b1', b: 'b2', detected: false }]);
});
