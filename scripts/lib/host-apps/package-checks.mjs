// Package hygiene of the packed tarballs, as a registry and a consumer's tooling see them:
// publint (exports, files, sideEffects, fields) in strict mode, Are the Types Wrong? for browser ESM
// (the `esm-only` profile: CommonJS and node10 resolution do not apply to these packages), and
// `npm publish --dry-run` of every workspace.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = (name) => join(root, 'node_modules/.bin', name);

function check(title, command, args) {
  const { status, stdout, stderr } = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (status !== 0) throw new Error(`${title} failed:\n${stdout}${stderr}`);
}

/** Throws with the tool's report when a tarball has a packaging problem. */
export function checkPackages(tarballs) {
  for (const { name, file } of tarballs) {
    check(`publint ${name}`, bin('publint'), ['run', '--strict', file]);
    check(`attw ${name}`, bin('attw'), ['--profile', 'esm-only', '--format', 'ascii', file]);
  }
  check('npm publish --dry-run', 'npm', ['publish', '--dry-run', '--workspaces', '--loglevel=error']);
}
