// What the test runner, the demo server and Storybook share: a same-origin proxy to Orthanc (which
// sends no CORS headers) and the corpus manifest; plus, for tests, endpoints that misbehave on purpose.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { join } from 'node:path';
import { CORPUS_DIR, MANIFEST_PATH } from '../corpus/build.mjs';
import { answerAsFault, FRESH_TOKEN, injectedFault, refusedUnlessFresh } from './fault-injection.mjs';

/** Koa middleware proxying `/dicom-web/*` to `dicomWebUrl` (the Host header is kept, so Orthanc's
 *  retrieve URLs point back through the proxy). */
export function dicomWebProxy(dicomWebUrl) {
  const target = new URL(dicomWebUrl);
  const proxy = createProxyMiddleware({ target: target.origin, changeOrigin: false, xfwd: false });
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/dicom-web/') && ctx.path !== '/dicom-web') return next();
    // The proxy writes the response itself; Koa must not, and must not report it as a 404.
    ctx.respond = false;
    ctx.status = 200;
    await proxy(ctx.req, ctx.res, next);
  };
}

/**
 * The Content-Security-Policy a host page needs for the elements (README: "Content-Security-Policy"):
 * no inline script or style, no eval (WebAssembly only), Trusted Types required, with the two
 * policies the elements create: Lit's `lit-html` and `telerad-elements` (the decode workers, the series reader).
 */
export const HOST_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html telerad-elements',
].join('; ');

/**
 * Koa middleware: the demo and example pages are served with `HOST_CSP` as a response header. A
 * framework may need its own Trusted Types policy besides the elements' (Vue creates `vue`).
 */
export function hostCspMiddleware() {
  return async (ctx, next) => {
    await next();
    if (!/^\/(demo|examples)\/([\w-]+\/)*[\w-]*(\.html)?$/.test(ctx.path)) return;
    ctx.set('Content-Security-Policy', ctx.path.includes('/vue/') ? `${HOST_CSP} vue` : HOST_CSP);
  };
}

/**
 * Koa middleware: a script asked by its published name (`x.js`) that exists only as TypeScript
 * (`x.ts`) is served from the TypeScript, as the sources' imports are. A worker's script is asked by
 * URL (`new URL('./series-reader.worker.js', import.meta.url)`), which no import resolution sees.
 */
export function typeScriptSourcesMiddleware(root = process.cwd()) {
  return async (ctx, next) => {
    if (/^\/packages\/[\w/.-]+\.js$/.test(ctx.path)) {
      const source = join(root, ctx.path.slice(1, -3) + '.ts');
      if (!existsSync(join(root, ctx.path.slice(1))) && existsSync(source)) ctx.url = ctx.url.replace(/\.js(\?|$)/, '.ts$1');
    }
    return next();
  };
}

/** Koa middleware serving the corpus manifest at /corpus/manifest.json and its files under /corpus/files/. */
export function manifestMiddleware() {
  return async (ctx, next) => {
    // The fuzz run's size and seed (test/fuzz): FUZZ_COUNT mutants from FUZZ_SEED (fixed unless given).
    if (ctx.path === '/__fuzz/config') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ count: Number(process.env.FUZZ_COUNT ?? 2000), seed: Number(process.env.FUZZ_SEED ?? 20261206) });
      return;
    }
    if (ctx.path === '/corpus/manifest.json') {
      ctx.type = 'application/json';
      ctx.body = readFileSync(MANIFEST_PATH, 'utf8');
      return;
    }
    const file = /^\/corpus\/(files\/[\w.-]+\/\d+\/\d+\.dcm)$/.exec(ctx.path);
    if (!file) return next();
    ctx.type = 'application/dicom';
    ctx.body = readFileSync(join(CORPUS_DIR, file[1]));
  };
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Accept, X-Api-Key',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

/**
 * Test-only endpoints, reachable from any origin (CORS open):
 *  - /__test/echo/…        one QIDO study whose StudyDescription is the Authorization header received
 *  - /__test/status/N/…    answers HTTP N
 *  - /__test/slow/MS/…     answers an empty result after MS milliseconds
 *  - /__test/garbage/…     answers 200 with a body that is not DICOM JSON
 */
export function misbehavingServerMiddleware() {
  return async (ctx, next) => {
    const match = /^\/__test\/(echo|status|slow|garbage)(?:\/(\d+))?\//.exec(ctx.path);
    if (!match) return next();
    ctx.set(CORS);
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      return;
    }
    const [, kind, number] = match;
    if (kind === 'status') {
      ctx.status = Number(number);
      ctx.body = '';
      return;
    }
    ctx.type = 'application/dicom+json';
    if (kind === 'garbage') {
      ctx.body = '<html>not json</html>';
      return;
    }
    if (kind === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, Number(number)));
      ctx.body = '[]';
      return;
    }
    ctx.body = JSON.stringify([
      {
        '0020000D': { vr: 'UI', Value: ['1.2.826.0.1.3680043.2.1125.1'] },
        '00081030': { vr: 'LO', Value: [ctx.get('Authorization') || 'none'] },
      },
    ]);
  };
}

/** The token the `auth` wrapper accepts (a test refreshes to it after a 401). */
export { FRESH_TOKEN };

/**
 * Request and answer rewrites that make Orthanc behave like other DICOMweb servers, each under
 * /__quirks/<name>/dicom-web/…:
 *  - backslash-lists   list matching only with '\' (a ',' list matches nothing)
 *  - no-paging         ignores limit and offset
 *  - no-offset         honours limit, ignores offset
 *  - no-includefield   ignores includefield (optional attributes missing)
 *  - empty-204         answers 204 No Content instead of an empty array
 *  - relative-bulkdata BulkDataURIs relative to the request URL
 *  - auth              401 unless "Authorization: Bearer fresh-token"
 *  - stow-refused      STOW-RS answers 500 and stores nothing
 *  - stow-stored-late  STOW-RS stores, then answers 5 s later (after a client timeout)
 *  - corrupt-frames    frames answer 200 with bytes that are no image of the declared syntax; as
 *                      corrupt-frames~<SOPInstanceUID>, only that instance's frames; a series is
 *                      refused as no-series-retrieval does, so its frames are asked one by one
 *  - no-series-retrieval  a whole series (WADO-RS series retrieval) answers 406 Not Acceptable
 *  - faults            the faults a test set with PUT /__test/faults (fault-injection.mjs); a series
 *                      is refused as no-series-retrieval does, so its frames are asked one by one
 */
/** PS3.18 Table 6.7.1-2a: what a study search returns without includefield. */
const QIDO_STUDY_DEFAULTS = new Set(
  '00080005 00080020 00080030 00080050 00080056 00080061 00080090 00080201 00081190 00100010 00100020 00100030 00100040 0020000D 00200010 00201206 00201208'.split(' '),
);

/** A series retrieval (…/series/{uid}, nothing after it) refused as a server without it refuses it. */
/** A QIDO-RS instance answer with the sequences its includefield asked for, taken from the instances' metadata. */
async function withRequestedSequences(answer, requestUrl, _, dicomWebUrl) {
  const url = new URL(requestUrl);
  const asked = url.searchParams.getAll('includefield').flatMap((v) => v.split(','));
  if (!/\/instances$/.test(url.pathname) || !asked.length || typeof answer.body !== 'string' || !answer.body.startsWith('[')) return answer;
  const uid = (dataset, tag) => dataset[tag]?.Value?.[0];
  const datasets = await Promise.all(
    JSON.parse(answer.body).map(async (dataset) => {
      const path = `/studies/${uid(dataset, '0020000D')}/series/${uid(dataset, '0020000E')}/instances/${uid(dataset, '00080018')}/metadata`;
      const [metadata] = await (await fetch(`${dicomWebUrl}${path}`, { headers: { accept: 'application/dicom+json' } })).json();
      for (const tag of asked) if (metadata[tag]?.vr === 'SQ') dataset[tag] = metadata[tag];
      return dataset;
    }),
  );
  return { ...answer, body: JSON.stringify(datasets) };
}

function refuseSeriesRetrieval(params, headers, path) {
  return /\/series\/[0-9.]+$/.test(path) ? { status: 406, body: '' } : undefined;
}

const QUIRKS = {
  'backslash-lists': {
    request(params) {
      const commaList = [...params].some(([key, value]) => key !== 'includefield' && value.includes(','));
      for (const [key, value] of [...params]) params.set(key, value.replaceAll('\\', ','));
      return commaList ? { status: 200, body: '[]' } : undefined;
    },
  },
  'no-paging': { request: (params) => void (params.delete('limit'), params.delete('offset')) },
  'no-offset': { request: (params) => void params.delete('offset') },
  'no-includefield': {
    request: (params) => void params.delete('includefield'),
    // Orthanc adds its own main tags anyway; keep only the PS3.18 default study attributes.
    response(answer) {
      if (typeof answer.body !== 'string' || !answer.body.startsWith('[')) return answer;
      const keep = (dataset) => Object.fromEntries(Object.entries(dataset).filter(([tag]) => QIDO_STUDY_DEFAULTS.has(tag)));
      return { ...answer, body: JSON.stringify(JSON.parse(answer.body).map(keep)) };
    },
  },
  // A server whose QIDO-RS answers carry every attribute asked for in includefield, sequences too
  // (PS3.18 8.3.4 allows any): Orthanc 1.10 leaves sequences out, so they are copied from each
  // instance's WADO-RS metadata, as such a server would read them from its index.
  'full-qido': { response: withRequestedSequences },
  'empty-204': { response: (answer) => (typeof answer.body === 'string' && answer.body.trim() === '[]' ? { status: 204, body: '' } : answer) },
  'relative-bulkdata': {
    response(answer, requestUrl) {
      if (typeof answer.body !== 'string') return answer;
      const directory = new URL('.', requestUrl);
      const body = answer.body.replace(/"BulkDataURI"\s*:\s*"([^"]+)"/g, (_, uri) => {
        const absolute = new URL(new URL(uri).pathname.replace(/^\/dicom-web\//, ''), new URL('/__quirks/relative-bulkdata/dicom-web/', requestUrl));
        return `"BulkDataURI":"${absolute.pathname.slice(directory.pathname.length)}"`;
      });
      return { ...answer, body };
    },
  },
  auth: {
    request: (params, headers) => refusedUnlessFresh(headers),
    post: (forward, headers) => refusedUnlessFresh(headers) ?? forward(),
  },
  // STOW-RS refused with a 500, nothing stored.
  'stow-refused': { post: async () => ({ status: 500, body: '' }) },
  // STOW-RS stored, but the answer comes after the client has given up.
  'stow-stored-late': {
    async post(forward) {
      const answer = await forward();
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      return answer;
    },
  },
  'no-series-retrieval': { request: refuseSeriesRetrieval },
  faults: { request: (params, headers, path) => refuseSeriesRetrieval(params, headers, path) ?? injectedFault(path, headers) },
  'corrupt-frames': {
    request: refuseSeriesRetrieval,
    response(answer, requestUrl, instanceUid) {
      if (!requestUrl.includes('/frames/') || (instanceUid && !requestUrl.includes(`/instances/${instanceUid}/`))) return answer;
      const boundary = 'corrupt';
      return {
        status: 200,
        type: `multipart/related; type="application/octet-stream"; boundary=${boundary}`,
        body: `--${boundary}\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.70\r\n\r\nnot a JPEG stream at all\r\n--${boundary}--\r\n`,
      };
    },
  },
};

/** Koa middleware serving /__quirks/<name>[~<argument>]/dicom-web/… from Orthanc through the rewrites above. */
export function quirkyServerMiddleware(dicomWebUrl) {
  return async (ctx, next) => {
    const match = /^\/__quirks\/([a-z0-9-]+)(?:~([0-9.]+))?\/dicom-web(\/.*)$/.exec(ctx.path);
    const quirk = match && QUIRKS[match[1]];
    if (quirk?.post && ctx.method === 'POST') {
      const forward = async () => {
        const upstream = await fetch(`${dicomWebUrl}${match[3]}`, {
          method: 'POST',
          headers: { 'content-type': ctx.get('content-type'), accept: ctx.get('accept') || 'application/dicom+json' },
          body: ctx.req,
          duplex: 'half',
        });
        return { status: upstream.status, type: upstream.headers.get('content-type'), body: Buffer.from(await upstream.arrayBuffer()) };
      };
      const answer = await quirk.post(forward, ctx.headers);
      ctx.status = answer.status;
      ctx.type = answer.type ?? 'application/dicom+json';
      ctx.body = answer.body;
      return;
    }
    if (!quirk || ctx.method !== 'GET') return next();
    const params = new URLSearchParams(ctx.querystring);
    const refused = quirk.request?.(params, ctx.headers, match[3]);
    let answer = refused;
    if (!answer) {
      const query = [...params].map(([k, v]) => `${k}=${encodeURIComponent(v).replaceAll('%2C', ',').replaceAll('%3F', '?')}`).join('&');
      const upstream = await fetch(`${dicomWebUrl}${match[3]}${query ? `?${query}` : ''}`, {
        headers: { accept: ctx.get('accept') || 'application/dicom+json', host: ctx.get('host') },
      });
      const type = upstream.headers.get('content-type') ?? '';
      // JSON as text for the rewrites; frames and bulk data as the bytes they are.
      answer = { status: upstream.status, type, body: /json/.test(type) ? await upstream.text() : Buffer.from(await upstream.arrayBuffer()) };
      answer = (await quirk.response?.(answer, ctx.href, match[2], dicomWebUrl)) ?? answer;
    }
    if (await answerAsFault(ctx, answer)) return;
    ctx.status = answer.status;
    if (answer.status === 204) return;
    ctx.type = answer.type ?? 'application/dicom+json';
    ctx.body = answer.body;
  };
}

/**
 * Koa middleware for tests, on instances by SOP Instance UID: POST /__test/forget/<uid> deletes
 * one from Orthanc; GET /__test/stored/<uid> answers its Part 10 file as Orthanc holds it.
 */
export function archiveTestMiddleware(orthancUrl) {
  return async (ctx, next) => {
    const match = /^\/__test\/(forget|stored)\/([0-9.]+)$/.exec(ctx.path);
    if (!match || ctx.method !== (match[1] === 'forget' ? 'POST' : 'GET')) return next();
    const lookup = await (await fetch(`${orthancUrl}/tools/lookup`, { method: 'POST', body: match[2] })).json();
    const instance = lookup.find((hit) => hit.Type === 'Instance');
    if (!instance) {
      ctx.status = 404;
      return;
    }
    if (match[1] === 'forget') {
      await fetch(`${orthancUrl}/instances/${instance.ID}`, { method: 'DELETE' });
      ctx.status = 204;
      return;
    }
    ctx.type = 'application/dicom';
    ctx.body = Buffer.from(await (await fetch(`${orthancUrl}/instances/${instance.ID}/file`)).arrayBuffer());
  };
}

export function dciodvfyMiddleware() {
  return async (ctx, next) => {
    if (ctx.path !== '/__test/dciodvfy' || ctx.method !== 'POST') return next();
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const dir = mkdtempSync(join(tmpdir(), 'telerad-dciodvfy-'));
    try {
      const file = join(dir, 'object.dcm');
      writeFileSync(file, Buffer.concat(chunks));
      const { stdout, stderr } = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
      const lines = `${stdout}${stderr}`.split('\n');
      ctx.type = 'application/json';
      ctx.body = { errors: lines.filter((l) => l.startsWith('Error')), warnings: lines.filter((l) => l.startsWith('Warning')) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
