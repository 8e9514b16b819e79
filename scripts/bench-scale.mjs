// `npm run bench:scale`: the elements on the archive tier a teleradiology group deploys (issue 19).
// Starts PostgreSQL, two Orthanc nodes on its index and one storage folder, and a round-robin
// proxy (scripts/lib/orthanc-cluster.mjs); stores the corpus and a generated group worklist of
// 20,000 studies (scripts/scale/generate.mjs); times a worklist page at offsets over the whole
// list, pages through every study (each once), times two server-matched searches; prints
// the figures and writes them to .cache/bench/scale.json. Loopback only; stops everything after.
//   node scripts/bench-scale.mjs [studies]     (default 20000)
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from './corpus/build.mjs';
import { loadCorpus } from './corpus/load.mjs';
import { startOrthancCluster } from './lib/orthanc-cluster.mjs';
import { ensureSystemPackages, SCALE_PACKAGES } from './lib/system-deps.mjs';
import { FACILITIES, REPORT_STATES, scalePlan, storePlan } from './scale/generate.mjs';
import { pageLatency, pageThroughAll, searches } from './scale/worklist-figures.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const studies = Number(process.argv[2] ?? 20_000);

ensureSystemPackages();
ensureSystemPackages(SCALE_PACKAGES);
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
    requestsPerNode: [...cluster.served],
  };
  console.log(JSON.stringify(figures, null, 2));
  mkdirSync(`${root}.cache/bench`, { recursive: true });
  writeFileSync(`${root}.cache/bench/scale.json`, `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await cluster.stop();
}
