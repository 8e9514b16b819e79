// The production build of the demo portals (vite.demo.config.mjs), made again only when a source
// it comes from is newer than the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_BUILD = join(root, 'demo/dist');
const built = join(DEMO_BUILD, 'index.html');

/** Newest modification time under `path` (a file or a folder), skipping build output. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    0,
    ...readdirSync(path, { withFileTypes: true })
      .filter((entry) => !['dist', 'node_modules'].includes(entry.name))
      .map((entry) => newest(join(path, entry.name))),
  );
}

const SOURCES = ['demo', 'packages/core/src', 'packages/study-browser/src', 'packages/viewport/src', 'packages/report-panel/src', 'packages/viewer/src', 'vite.demo.config.mjs', 'scripts/lib/browser-build.mjs', 'package-lock.json'];

export function demoBuildIsCurrent() {
  return existsSync(built) && statSync(built).mtimeMs >= Math.max(...SOURCES.map((source) => newest(join(root, source))));
}

/** Builds the demo when it is missing or older than its sources; exits on a failed build. */
export function ensureDemoBuild() {
  if (demoBuildIsCurrent()) return;
  console.log('Building the demo portals (production build, vite.demo.config.mjs)…');
  const result = spawnSync(join(root, 'node_modules/.bin/vite'), ['build', '-c', 'vite.demo.config.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
