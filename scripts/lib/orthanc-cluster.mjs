// The archive tier as a teleradiology group runs it (Orthanc's documented way to scale out): a
// PostgreSQL index, Orthanc nodes sharing that database and one storage folder, and a round-robin
// proxy in front, all on 127.0.0.1 and started by the project's scripts (`npm run bench:scale`).
// `npm start` and `npm test` keep the single Orthanc with SQLite (orthanc.mjs).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrthanc } from './orthanc.mjs';
import { startPostgres } from './postgres.mjs';

const POSTGRESQL_INDEX = '/usr/share/orthanc/plugins/libOrthancPostgreSQLIndex.so';

/** An HTTP proxy on 127.0.0.1 handing each request to the next of `targets` in turn. */
export function roundRobinProxy(targets) {
  let next = 0;
  const served = targets.map(() => 0);
  const server = createServer((incoming, outgoing) => {
    const index = next++ % targets.length;
    served[index]++;
    const target = new URL(targets[index]);
    // The client's Host stays: Orthanc writes the URLs of its answers (BulkDataURI, RetrieveURL) with it.
    const forwarded = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({ url, served, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/**
 * Starts PostgreSQL, `nodes` Orthanc processes on its index and one storage folder (the first
 * creates the schema, the others join), and the proxy.
 * @returns {Promise<{url: string, dicomWebUrl: string, nodes: {url: string}[], served: number[], stop: () => Promise<void>}>}
 */
export async function startOrthancCluster({ nodes = 2 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'telerad-cluster-'));
  const storage = join(dir, 'storage');
  mkdirSync(storage);
  const postgres = await startPostgres();
  const started = [];
  const stop = async () => {
    await Promise.all(started.map((node) => node.stop()));
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const config = {
      PostgreSQL: {
        EnableIndex: true,
        EnableStorage: false,
        Host: postgres.host,
        Port: postgres.port,
        Database: postgres.database,
        Username: postgres.user,
        Password: '',
        // Several Orthanc processes on one database (the plugin's lock would keep all but one out).
        Lock: false,
      },
    };
    for (let i = 0; i < nodes; i++) {
      const node = await startOrthanc({ storage, plugins: [POSTGRESQL_INDEX], config: { ...config, Name: `telerad-node-${i + 1}` } });
      started.push(node);
    }
    const proxy = await roundRobinProxy(started.map((node) => node.url));
    let stopping;
    const stopAll = () =>
      (stopping ??= (async () => {
        await proxy.close();
        await stop();
      })());
    return { url: proxy.url, dicomWebUrl: `${proxy.url}/dicom-web`, nodes: started, served: proxy.served, stop: stopAll };
  } catch (error) {
    await stop();
    throw error;
  }
}
