// Cornerstone3D pre-built for the published @telerad/viewport (npm run build): the viewport's
// `cornerstone-modules` entry with everything it imports, written beside the package's own modules
// as dist/rad-viewport/cornerstone-modules.js and dist/rad-viewport/cornerstone/ (chunks, the decode
// and compute workers, the codecs' WebAssembly). Node-only modules are stubbed here, once, so a
// host's bundler (Vite, webpack, esbuild) never meets them; worker and asset references are
// rewritten to the plain `new URL('./file', import.meta.url)` form every bundler understands.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { browserBuild } from './scripts/lib/browser-build.mjs';

const outDir = fileURLToPath(new URL('./packages/viewport/dist/rad-viewport/', import.meta.url));
const folder = 'cornerstone';

/**
 * Vite writes `new Worker(new URL(new URL(`../x.js`, import.meta.url).href, ``+import.meta.url), …)`
 * and `new URL(`x.wasm`, import.meta.url)`; webpack recognises only a string starting with `./`
 * directly inside `new URL(…, import.meta.url)`. Every emitted file lies in one folder, so each
 * reference becomes `new URL("./<file>", import.meta.url)`.
 */
function plainAssetUrls() {
  const nested = /new URL\(new URL\(`(?:\.\.\/|\.\/)?(?:cornerstone\/)?([^`]+)`,import\.meta\.url\)\.href,``\+import\.meta\.url\)/g;
  const simple = /new URL\(`(?:\.\/)?([\w.-]+\.(?:wasm|js))`,import\.meta\.url\)/g;
  return {
    name: 'telerad-plain-asset-urls',
    apply: 'build',
    buildStart() {
      // The folder is shared with the package's own modules: only the previous pre-build goes.
      rmSync(join(outDir, folder), { recursive: true, force: true });
    },
    closeBundle() {
      for (const dir of [outDir, join(outDir, folder)]) {
        for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
          const file = join(dir, name);
          const prefix = dir === outDir ? `./${folder}/` : './';
          const code = readFileSync(file, 'utf8');
          const plain = code.replace(nested, (_, target) => `new URL("${prefix}${target}",import.meta.url)`).replace(simple, (_, target) => `new URL("${prefix}${target}",import.meta.url)`);
          if (plain !== code) writeFileSync(file, plain);
        }
      }
    },
  };
}

export default defineConfig(
  browserBuild({
    plugins: [plainAssetUrls()],
    // The Emscripten codecs look for Node's CommonJS globals (guarded by typeof); webpack answers that
    // typeof in ES modules but leaves the name undefined. A browser has neither.
    define: { __filename: 'undefined', __dirname: 'undefined' },
    worker: { rollupOptions: { output: { entryFileNames: `${folder}/[name]-[hash].js`, chunkFileNames: `${folder}/[name]-[hash].js`, assetFileNames: `${folder}/[name]-[hash][extname]` } } },
    build: {
      outDir,
      // The package's own modules (rollup -c) are already in this folder.
      emptyOutDir: false,
      sourcemap: false,
      rollupOptions: {
        input: fileURLToPath(new URL('./packages/viewport/src/rad-viewport/cornerstone-modules.ts', import.meta.url)),
        preserveEntrySignatures: 'strict',
        output: { entryFileNames: 'cornerstone-modules.js', chunkFileNames: `${folder}/[name]-[hash].js`, assetFileNames: `${folder}/[name]-[hash][extname]` },
      },
    },
  }),
);
