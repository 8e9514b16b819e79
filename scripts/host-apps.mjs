// `npm run test:hosts` (also a stage of `npm test`): what users install, tested as they use it. The
// packages are built and packed, installed from their tarballs into host apps in a temporary folder
// outside the repository (after publint, attw and npm publish --dry-run pass on them), built by each app's own bundler, served under the README's CSP with
// /dicom-web proxied to a private Orthanc, and driven in Chromium (see lib/host-apps/drive.mjs).
//   node scripts/host-apps.mjs [app…]      (default: every app in lib/host-apps/builders.mjs)
import './setup.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const { chromium } = await import('playwright-core');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('./lib/chromium.mjs');
const { startOrthancWithCorpus } = await import('./lib/corpus-server.mjs');
const { HOST_APPS } = await import('./lib/host-apps/builders.mjs');
const { driveElementsPage, driveViewerPage } = await import('./lib/host-apps/drive.mjs');
const { buildAndPackPackages, installHostProject } = await import('./lib/host-apps/workspace.mjs');
const { checkPackages } = await import('./lib/host-apps/package-checks.mjs');
const { serveHostApp } = await import('./lib/host-apps/serve.mjs');
const { HOST_CSP } = await import('./lib/dev-server.mjs');

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** KB of JavaScript and WebAssembly a build emitted (what a host ships), raw and gzipped. */
function shippedKB(dir) {
  let raw = 0;
  let gzipped = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(m?js|wasm)$/.test(entry.name)) continue;
    const bytes = readFileSync(join(entry.parentPath, entry.name));
    raw += bytes.length;
    gzipped += gzipSync(bytes).length;
  }
  return { 'JS+wasm KB': Math.round(raw / 1024), 'gzip KB': Math.round(gzipped / 1024) };
}

async function deleteSigned(orthancUrl, sopInstanceUID) {
  const hits = await (await fetch(`${orthancUrl}/tools/lookup`, { method: 'POST', body: sopInstanceUID })).json();
  for (const hit of hits.filter((h) => h.Type === 'Instance')) await fetch(`${orthancUrl}/instances/${hit.ID}`, { method: 'DELETE' });
}

/** Builds and packs the five packages, then checks the tarballs; resolves to them. */
function packChecked() {
  let started = Date.now();
  console.log('▶ Packages built (tsc -b, rollup, Cornerstone pre-built into the viewport) and packed');
  const tarballs = buildAndPackPackages({ standaloneBuilt: Boolean(process.env.TELERAD_STANDALONE_BUILT) });
  console.log(`  ${tarballs.map((t) => `${t.name} ${(t.size / 1024).toFixed(0)} KB`).join(', ')} (${seconds(started)})`);
  started = Date.now();
  checkPackages(tarballs);
  console.log(`▶ publint (strict), attw (esm-only) and npm publish --dry-run: no problem (${seconds(started)})`);
  return tarballs;
}

/** Serves `dist` under the host CSP plus `trustedTypes`, runs `drive(url)`, and stops serving. */
async function served(dist, dicomWebUrl, trustedTypes, drive) {
  const server = await serveHostApp(dist, dicomWebUrl, { csp: [HOST_CSP, ...trustedTypes].join(' ') });
  try {
    return await drive(server.url);
  } finally {
    await server.close();
  }
}

/** Installs, builds and drives one host app; resolves to its result rows. */
async function runApp(app, { tarballs, browser, orthanc, manifest }) {
  const recipe = HOST_APPS[app];
  let started = Date.now();
  const project = installHostProject(app, tarballs, recipe.packages);
  const timing = { installed: seconds(started) };
  started = Date.now();
  const dist = recipe.build(project);
  timing.built = seconds(started);
  if (recipe.typesOnly) {
    console.log(`  ✓ ${app}: strict tsc against the packed declarations, every @ts-expect-error caught (installed in ${timing.installed}, checked in ${timing.built})`);
    return [];
  }
  const sizes = shippedKB(dist);
  const withContext = async (viewport, work) => {
    const context = await browser.newContext({ viewport });
    try {
      return await work(context);
    } finally {
      await context.close();
    }
  };
  if (recipe.pages) {
    const rows = [];
    for (const { path, trustedTypes = [] } of recipe.pages) {
      const outcome = await served(dist, orthanc.dicomWebUrl, trustedTypes, (url) =>
        withContext({ width: 1300, height: 900 }, (context) => driveViewerPage(context, `${url}/${path}`, manifest)),
      );
      rows.push({ app: `${app}: ${path.split('/')[0]}`, ...timing, ...sizes, ...outcome });
      console.log(`  ✓ ${app} ${path}: first image ${outcome.firstImageMs} ms, ${outcome.pixelsChecked} regions, audit rendered by the framework`);
    }
    return rows;
  }
  const study = manifest.studies.find((s) => s.key === 'ct-head-garcia');
  const { signedUid, ...outcome } = await served(dist, orthanc.dicomWebUrl, recipe.trustedTypes ?? [], (url) =>
    withContext({ width: 1280, height: 1000 }, (context) => driveElementsPage(context, `${url}/index.html`, study)),
  );
  await deleteSigned(orthanc.url, signedUid);
  console.log(`  ✓ ${app}: first image ${outcome.firstImageMs} ms, ${outcome.pixelsChecked} regions, ${outcome.measuredMm} mm, signed (installed in ${timing.installed}, built in ${timing.built})`);
  return [{ app, ...timing, ...sizes, ...outcome }];
}

const apps = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(HOST_APPS);
const tarballs = packChecked();
const { orthanc, manifest } = await startOrthancWithCorpus();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
const results = [];
let failures = 0;
try {
  for (const app of apps) {
    try {
      results.push(...(await runApp(app, { tarballs, browser, orthanc, manifest })));
    } catch (error) {
      failures++;
      console.error(`  ✖ ${app}: ${error.stderr ?? ''}${error.message}`);
    }
  }
} finally {
  await browser.close();
  await orthanc.stop();
}
if (results.length) console.table(results);
process.exit(failures ? 1 : 0);
