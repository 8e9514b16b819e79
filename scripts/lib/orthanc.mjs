// Starts a private Orthanc (+ DICOMweb plugin) on 127.0.0.1 with its own config and storage in a
// temporary folder, on a free port, with no DICOM port and no GDCM plugin; stops it by PID.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/system`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Orthanc did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * `storage`: a storage folder of its own by default (a cluster's nodes share one); `plugins` and
 * `config`: added to the DICOMweb plugin and the configuration below (a database index).
 * @returns {Promise<{url: string, dicomWebUrl: string, port: number, pid: number, stop: () => Promise<void>}>}
 */
export async function startOrthanc({ port, storage: sharedStorage, plugins = [], config: extra = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'telerad-orthanc-'));
  const storage = sharedStorage ?? join(dir, 'storage');
  if (!sharedStorage) mkdirSync(storage);
  const httpPort = port ?? (await freePort());
  const config = {
    Name: 'telerad-test',
    StorageDirectory: storage,
    // A node sharing its storage keeps anything of its own (no SQLite index with a database plugin) apart.
    IndexDirectory: sharedStorage ? dir : storage,
    HttpPort: httpPort,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    DicomServerEnabled: false,
    HttpCompressionEnabled: false,
    // QIDO answers keep non-Latin-1 names (e.g. Japanese ideographic groups) only in UTF-8.
    DefaultEncoding: 'Utf8',
    StorageCompression: false,
    MaximumStorageSize: 0,
    Plugins: [DICOMWEB_PLUGIN, ...plugins],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, StudiesMetadata: 'Full', SeriesMetadata: 'Full' },
    ...extra,
  };
  writeFileSync(join(dir, 'orthanc.json'), JSON.stringify(config, null, 2));
  const child = spawn('/usr/sbin/Orthanc', [`--logdir=${dir}`, join(dir, 'orthanc.json')], {
    stdio: 'ignore',
    detached: false,
  });
  const url = `http://127.0.0.1:${httpPort}`;
  let stopped;
  const stop = () => {
    stopped ??= new Promise((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null) return done();
      const kill = setTimeout(() => child.kill('SIGKILL'), 8000);
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      process.kill(child.pid, 'SIGTERM');
    });
    return stopped;
  };
  try {
    await waitUntilReady(url, child, 15000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message} (logs were in ${dir})`);
  }
  return { url, dicomWebUrl: `${url}/dicom-web`, port: httpPort, pid: child.pid, stop };
}
