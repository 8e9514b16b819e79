// `npm run test:hosts` (also a stage of `npm test`): what users install, tested as they use it. The
// packages are built and packed, installed from their tarballs into host apps in a temporary folder
// outside the repository (after publint, attw and npm publish --dry-run pass on them), built by each app's own bundler, served under the README's CSP with
// /dicom-web proxied to a private Orthanc, and driven in Chromium (see lib/host-apps/drive.mjs).
//   node scripts/host-apps.mjs [app…]      (default: every app in lib/host-apps/builders.mjs but the opt-in ones)
import './setup.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { chromium } = await import('playwright-core');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('./lib/chromium.mjs');
const { startOrthancWithCorpus } = await import('./lib/corpus-server.mjs');
const { HOST_APPS } = await import('./lib/host-apps/builders.mjs');
const { driveElementsPage, driveViewerPage } = await import('./lib/host-apps/drive.mjs');
const { installHostProject, packPackages } = await import('./lib/host-apps/workspace.mjs');
const { checkPackages } = await import('./lib/host-apps/package-checks.mjs');
const { serveHostApp } = await import('./lib/host-apps/serve.mjs');
const { HOST_CSP } = await import('./lib/dev-server.mjs');

const bin = (name) => join(root, 'node_modules/.bin', name);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Bytes of JavaScript and WebAssembly a build emitted (what a host ships), recursively. */
function shippedBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(m?js|wasm)$/.test(entry.name)) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function deleteSigned(orthancUrl, sopInstanceUID) {
  const hits = await (await fetch(`${orthancUrl}/tools/lookup`, { method: 'POST', body: sopInstanceUID })).json();
  for (const hit of hits.filter((h) => h.Type === 'Instance')) await fetch(`${orthancUrl}/instances/${hit.ID}`, { method: 'DELETE' });
}

const apps = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(HOST_APPS).filter((app) => !HOST_APPS[app].optIn);
let started = Date.now();
console.log('▶ Packages built (tsc -b, rollup, Cornerstone pre-built into the viewport) and packed');
execFileSync(bin('tsc'), ['-b'], { cwd: root, stdio: 'inherit' });
execFileSync(bin('rollup'), ['-c', '--silent'], { cwd: root, stdio: 'inherit' });
execFileSync(bin('vite'), ['build', '-c', 'vite.cornerstone.config.mjs'], { cwd: root, stdio: 'inherit' });
// The standalone bundle ships inside @telerad/viewer: built here, unless `npm test` has just built it.
if (!process.env.TELERAD_STANDALONE_BUILT || !existsSync(join(root, 'packages/viewer/dist/standalone/telerad-elements.js'))) {
  execFileSync(bin('vite'), ['build', '-c', 'vite.standalone.config.mjs'], { cwd: root, stdio: 'inherit' });
}
const tarballs = packPackages();
console.log(`  ${tarballs.map((t) => `${t.name} ${(t.size / 1024).toFixed(0)} KB`).join(', ')} (${seconds(started)})`);
started = Date.now();
checkPackages(tarballs);
console.log(`▶ publint (strict), attw (esm-only) and npm publish --dry-run: no problem (${seconds(started)})`);

const { orthanc, manifest } = await startOrthancWithCorpus();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
const study = manifest.studies.find((s) => s.key === 'ct-head-garcia');
const results = [];
let failures = 0;
try {
  for (const app of apps) {
    started = Date.now();
    let server;
    try {
      const project = installHostProject(app, tarballs, HOST_APPS[app].packages);
      const installed = seconds(started);
      started = Date.now();
      const dist = HOST_APPS[app].build(project);
      const built = seconds(started);
      if (HOST_APPS[app].typesOnly) {
        console.log(`  ✓ ${app}: strict tsc against the packed declarations, every @ts-expect-error caught (installed in ${installed}, checked in ${built})`);
        continue;
      }
      if (HOST_APPS[app].pages) {
        for (const { path, trustedTypes = [] } of HOST_APPS[app].pages) {
          const pageServer = await serveHostApp(dist, orthanc.dicomWebUrl, { csp: [HOST_CSP, ...trustedTypes].join(' ') });
          try {
            const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
            const outcome = await driveViewerPage(context, `${pageServer.url}/${path}`, manifest);
            await context.close();
            results.push({ app: `${app}: ${path.split('/')[0]}`, installed, built, 'JS+wasm KB': Math.round(shippedBytes(dist) / 1024), ...outcome });
            console.log(`  ✓ ${app} ${path}: first image ${outcome.firstImageMs} ms, ${outcome.pixelsChecked} regions, audit rendered by the framework`);
          } finally {
            await pageServer.close();
          }
        }
        continue;
      }
      server = await serveHostApp(dist, orthanc.dicomWebUrl, { csp: [HOST_CSP, ...(HOST_APPS[app].trustedTypes ?? [])].join(' ') });
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      const outcome = await driveElementsPage(context, `${server.url}/index.html`, study);
      await context.close();
      await deleteSigned(orthanc.url, outcome.signedUid);
      results.push({ app, installed, built, 'JS+wasm KB': Math.round(shippedBytes(dist) / 1024), ...outcome });
      console.log(`  ✓ ${app}: first image ${outcome.firstImageMs} ms, ${outcome.pixelsChecked} regions, ${outcome.measuredMm} mm, signed (installed in ${installed}, built in ${built})`);
    } catch (error) {
      failures++;
      console.error(`  ✖ ${app}: ${error.stderr ?? ''}${error.message}`);
    } finally {
      await server?.close();
    }
  }
} finally {
  await browser.close();
  await orthanc.stop();
}
if (results.length) console.table(results.map(({ signedUid: _, ...r }) => r));
process.exit(failures ? 1 : 0);
