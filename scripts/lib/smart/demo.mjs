// `npm start`'s EHR demo: the SMART test bed (smart-servers.mjs) with the standalone bundle, built
// first when missing or older than the viewer's sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSmartServers } from './smart-servers.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const standaloneDir = join(root, 'packages/viewer/dist/standalone');

/** The newest modification time under `dir` (TypeScript sources). */
const newest = (dir) =>
  Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));

function ensureStandalone() {
  const bundle = join(standaloneDir, 'telerad-elements.js');
  const sources = Math.max(...['core', 'study-browser', 'viewport', 'report-panel', 'viewer'].map((p) => newest(join(root, 'packages', p, 'src'))));
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return;
  console.log('Building the standalone bundle for the EHR demo (npm run build:standalone)…');
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '-c', 'vite.standalone.config.mjs', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

export async function startSmartDemo(manifest, orthancDicomWebUrl) {
  ensureStandalone();
  return startSmartServers({ manifest, orthancDicomWebUrl, standaloneDir });
}
