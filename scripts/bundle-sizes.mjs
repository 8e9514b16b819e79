// `npm run sizes`: min+gzip size of each package (its own code; dependencies external) and of the
// standalone bundle (what a script-tag page loads first, and everything it may load later).
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const gzip = (data) => gzipSync(data, { level: 9 }).length;

console.log('Package (own code, minified, gzip -9; dependencies external)');
for (const name of ['core', 'study-browser', 'viewport', 'report-panel', 'viewer']) {
  const pkg = JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8'));
  const entries = Object.values(pkg.exports).map((e) => `packages/${name}/${e.default.replace(/^\.\//, '')}`);
  const result = await build({
    entryPoints: entries,
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    splitting: true,
    outdir: 'out',
    // Everything but this package's own files stays external, as a consumer's bundler would share it.
    plugins: [{ name: 'external', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true })) }],
    logLevel: 'error',
  });
  const bytes = Buffer.concat(result.outputFiles.map((f) => Buffer.from(f.contents)));
  console.log(`  @telerad/${name.padEnd(14)} ${kib(bytes.length).padStart(10)} min  ${kib(gzip(bytes)).padStart(10)} gzip`);
}

const dir = 'packages/viewer/dist/standalone';
const files = (root) => readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(root, e.name)) : [join(root, e.name)]));
try {
  const all = files(dir);
  const entry = readFileSync(join(dir, 'telerad-elements.js'));
  const sum = (list) => list.reduce((total, f) => total + gzip(readFileSync(f)), 0);
  const js = all.filter((f) => f.endsWith('.js'));
  const wasm = all.filter((f) => f.endsWith('.wasm'));
  console.log('\nStandalone bundle (npm run build:standalone), gzip -9');
  console.log(`  entry (elements, Lit, DICOMweb; Cornerstone loads on first viewport) ${kib(gzip(entry))}`);
  console.log(`  all JavaScript incl. Cornerstone chunks and decode workers (${js.length} files) ${kib(sum(js))}`);
  console.log(`  WebAssembly codecs (${wasm.length} files, fetched when a syntax needs them) ${kib(sum(wasm))}`);
  console.log(`  on disk, uncompressed ${kib(all.reduce((t, f) => t + statSync(f).size, 0))}`);
} catch {
  console.log(`\nNo standalone bundle in ${dir}: run npm run build:standalone first.`);
}
