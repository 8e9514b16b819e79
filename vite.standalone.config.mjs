// The standalone bundle for script-tag users: <rad-viewer> and every element it composes, with
// Cornerstone3D, its decode workers and its WebAssembly codecs, as ES modules in one folder.
//   <script type="module" src="…/telerad-elements.js"></script>
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const stub = fileURLToPath(new URL('./scripts/lib/stubs/empty.js', import.meta.url));

export default defineConfig({
  logLevel: 'error',
  // Asset and worker URLs relative to the bundle's own files, wherever it is served.
  base: './',
  resolve: {
    conditions: ['source', 'browser', 'module', 'import', 'default'],
    // vtk.js's XML readers and dicom-parser's zlib are never used in the browser.
    alias: { xmlbuilder2: stub, zlib: stub },
  },
  worker: { format: 'es' },
  build: {
    outDir: 'packages/viewer/dist/standalone',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // An application build with a module entry, not library mode: library mode inlines every asset
    // (the codecs' WebAssembly) as base64, which the CSP's connect-src would then have to allow.
    modulePreload: false,
    assetsInlineLimit: 0,
    rollupOptions: {
      input: fileURLToPath(new URL('./packages/viewer/src/standalone.ts', import.meta.url)),
      preserveEntrySignatures: 'strict',
      output: { entryFileNames: 'telerad-elements.js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
    },
  },
});
