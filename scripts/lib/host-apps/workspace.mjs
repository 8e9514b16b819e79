// A folder outside the repository where host apps live, as a new user's project would: the five
// packages installed from their `npm pack` tarballs, plus public registry packages (bundlers,
// frameworks) at the versions this repository uses — nothing resolved from the workspace.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
export const HOSTS_DIR = join(tmpdir(), 'telerad-host-apps');
export const HOST_SOURCES = join(root, 'test/hosts');

/** Versions of the public packages host apps add: the repository's own ranges, or these. */
const HOST_ONLY_VERSIONS = { webpack: '~5.113.0', 'webpack-cli': '~7.3.1', esbuild: '~0.28.2', dwv: '~0.36.4' };

const npm = (args, cwd) => execFileSync('npm', args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const bin = (name) => join(root, 'node_modules/.bin', name);

/**
 * Builds the packages as they are published (tsc -b, rollup, Cornerstone pre-built into the
 * viewport, the standalone bundle unless `standaloneBuilt`) and packs them; resolves to the tarballs.
 */
export function buildAndPackPackages({ standaloneBuilt = false } = {}) {
  const build = (command, args) => execFileSync(bin(command), args, { cwd: root, stdio: 'inherit' });
  build('tsc', ['-b']);
  build('rollup', ['-c', '--silent']);
  build('vite', ['build', '-c', 'vite.cornerstone.config.mjs']);
  if (!standaloneBuilt || !existsSync(join(root, 'packages/viewer/dist/standalone/telerad-elements.js'))) build('vite', ['build', '-c', 'vite.standalone.config.mjs']);
  return packPackages();
}

/** Packs every workspace package (their `dist` must be built) into `HOSTS_DIR/packs`; resolves to the tarball paths. */
export function packPackages() {
  const packs = join(HOSTS_DIR, 'packs');
  rmSync(packs, { recursive: true, force: true });
  mkdirSync(packs, { recursive: true });
  const packed = JSON.parse(npm(['pack', '--workspaces', '--json', '--pack-destination', packs], root));
  return packed.map((p) => ({ name: p.name, file: join(packs, p.filename), size: p.size, unpackedSize: p.unpackedSize, entries: p.entryCount }));
}

/**
 * A fresh host project `HOSTS_DIR/<name>` with its own node_modules: the tarballs and the public
 * packages `registryPackages` (one project per app, as one bundler's dependencies — webpack's
 * `events`, say — must not make another app work by accident).
 */
export function installHostProject(name, tarballs, registryPackages) {
  const project = join(HOSTS_DIR, name);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  const versions = { ...JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies, ...HOST_ONLY_VERSIONS };
  const dependencies = Object.fromEntries([...tarballs.map((t) => [t.name, `file:${t.file}`]), ...registryPackages.map((p) => [p, versions[p]])]);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: `host-${name}`, private: true, type: 'module', dependencies }, null, 2)}\n`);
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], project);
  return project;
}

/** Copies the host app sources `names` (folders of test/hosts) into `dir`. */
export function copyHostSources(names, dir) {
  mkdirSync(dir, { recursive: true });
  for (const name of names) for (const entry of readdirSync(join(HOST_SOURCES, name))) cpSync(join(HOST_SOURCES, name, entry), join(dir, entry), { recursive: true });
}
