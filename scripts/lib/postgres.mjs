// A private PostgreSQL for the clustered archive (`npm run bench:scale`): its own cluster in a
// temporary folder, on a free 127.0.0.1 port, one database and one user without a password
// (trust, loopback only); stopped and deleted by `stop`. PostgreSQL refuses to run as root: as
// root (CI), its tools run as the system's `postgres` user.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './orthanc.mjs';

const BIN = '/usr/lib/postgresql/15/bin';
const asRoot = () => process.getuid?.() === 0;
const idOf = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());

/** Runs a PostgreSQL tool (as `postgres` when this process is root). */
function run(tool, args) {
  const [file, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]] : [join(BIN, tool), args];
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** @returns {Promise<{host: string, port: number, database: string, user: string, stop: () => Promise<void>}>} */
export async function startPostgres({ database = 'orthanc', user = 'telerad' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'telerad-postgres-'));
  const data = join(dir, 'data');
  if (asRoot()) chownSync(dir, idOf('-u'), idOf('-g'));
  chmodSync(dir, 0o700);
  run('initdb', ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // Loopback only, its socket in its own folder; durable writes off: a benchmark's data.
  const settings = [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'max_connections = 200',
  ];
  const auto = join(data, 'postgresql.auto.conf');
  writeFileSync(auto, `${settings.join('\n')}\n`);
  if (asRoot()) chownSync(auto, idOf('-u'), idOf('-g'));
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', user, database]);
  let stopped;
  const stop = () => {
    stopped ??= Promise.resolve().then(() => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    return stopped;
  };
  return { host: '127.0.0.1', port, database, user, stop };
}
