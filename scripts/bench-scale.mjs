// `npm run bench:scale`: the elements on the archive tier a teleradiology group deploys (issue 19).
// Starts PostgreSQL, two Orthanc nodes on its index and one storage folder, and a round-robin
// proxy (scripts/lib/orthanc-cluster.mjs); stores the corpus and a generated group worklist of
// 20,000 studies (scripts/scale/generate.mjs); times a worklist page at offsets over the whole
// list, pages through every study (each once), times two server-matched searches; runs the
// request-budget test against it; runs the many-readers load (scripts/scale/load.mjs); prints
// the figures and writes them to .cache/bench/scale.json. Loopback only; stops everything after.
//   node scripts/bench-scale.mjs [studies] [load seconds]     (default 20000, 90)
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from './corpus/build.mjs';
import { loadCorpus } from './corpus/load.mjs';
import { startOrthancCluster } from './lib/orthanc-cluster.mjs';
import { ensureSystemPackages, SCALE_PACKAGES } from './lib/system-deps.mjs';
import { FACILITIES, REPORT_STATES, scalePlan, storePlan } from './scale/generate.mjs';
import { pageLatency, pageThroughAll, searches } from './scale/worklist-figures.mjs';
import { ensureDemoBuild } from './lib/demo-build.mjs';
import { startPageServer } from './lib/page-server.mjs';
import { freePort } from './lib/orthanc.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const studies = Number(process.argv[2] ?? 20_000);
const loadSeconds = Number(process.argv[3] ?? 90);

/**
 * test/viewer/request-budget.test.ts in Chromium against the cluster: its pass or failure, and the
 * requests each reading counted (the test logs them).
 */
async function requestBudget(cluster) {
  const env = { ...process.env, DICOMWEB_URL: cluster.dicomWebUrl, ORTHANC_URL: cluster.url };
  const runner = spawn(`${root}node_modules/.bin/web-test-runner`, ['test/viewer/request-budget.test.ts'], { cwd: root, env });
  let output = '';
  for (const stream of [runner.stdout, runner.stderr]) stream.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => runner.on('exit', (c) => resolve(c ?? 1)));
  const readings = [...output.matchAll(/requests of the reading: (\{.*\})/g)].map((m) => JSON.parse(m[1]));
  const { passed, failed } = JSON.parse(readFileSync(`${root}.cache/test-summary.json`, 'utf8'));
  if (code !== 0) console.log(output);
  return { passed, failed, readings };
}

ensureSystemPackages();
ensureSystemPackages(SCALE_PACKAGES);
// The load's Node readers import the packages' builds (Rollup's); its Chromium pages load the demo's.
execFileSync(`${root}node_modules/.bin/rollup`, ['-c', '--silent'], { cwd: root, stdio: 'inherit' });
ensureDemoBuild();
const { runLoad, readingQueue } = await import('./scale/load.mjs');
const manifest = buildCorpus();
const cluster = await startOrthancCluster({ nodes: 2 });
console.log(`Clustered archive: ${cluster.dicomWebUrl} (2 Orthanc nodes on PostgreSQL, round-robin)`);
// Interrupted: the archive's processes go too.
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => void cluster.stop().finally(() => process.exit(130)));
try {
  await loadCorpus(cluster.dicomWebUrl, manifest);
  const plan = scalePlan({ studies, patients: Math.round(studies / 4), reportedPerState: Math.round(studies / 10) });
  let shown = 0;
  const stored = await storePlan(cluster.dicomWebUrl, plan, {
    progress: (done, total) => {
      if (done - shown < total / 10 && done < total) return;
      shown = done;
      console.log(`  stored ${done} of ${total} studies`);
    },
  });
  const total = studies + manifest.studies.length;
  const figures = {
    archive: { nodes: 2, index: 'PostgreSQL 15', studies: total, patients: plan.patients.length, facilities: FACILITIES.length },
    generated: {
      studies,
      instances: stored.instances,
      seconds: Math.round(stored.seconds),
      instancesPerSecond: Math.round(stored.instances / stored.seconds),
      reportedPerState: Object.fromEntries(REPORT_STATES.map((s) => [s, plan.studies.filter((p) => p.report === s).length])),
    },
    worklistPage: await pageLatency(cluster.dicomWebUrl, { pageSize: 50, total }),
    paging: await pageThroughAll(cluster.dicomWebUrl, { pageSize: 500, expected: total }),
    ...(await searches(cluster.dicomWebUrl, plan)),
  };
  console.log('Request budget of a reading, on the clustered archive…');
  figures.requestBudget = await requestBudget(cluster);
  console.log(`Load: 20 Node readers and 2 Chromium pages for ${loadSeconds} s…`);
  const server = await startPageServer(cluster.dicomWebUrl, await freePort(), { dev: false });
  try {
    const pageUrl = `http://localhost:${server.config.port}/demo/facility.html`;
    const queue = readingQueue(plan, 40);
    figures.load = await runLoad({ dicomWebUrl: cluster.dicomWebUrl, pageUrl, queue, facilities: FACILITIES, seconds: loadSeconds });
  } finally {
    await server.stop();
  }
  figures.requestsPerNode = [...cluster.served];
  console.log(JSON.stringify(figures, null, 2));
  mkdirSync(`${root}.cache/bench`, { recursive: true });
  writeFileSync(`${root}.cache/bench/scale.json`, `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await cluster.stop();
}
