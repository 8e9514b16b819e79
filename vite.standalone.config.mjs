// The standalone bundle for script-tag users: <rad-viewer> and every element it composes, with
// Cornerstone3D, its decode workers and its WebAssembly codecs, as ES modules in one folder.
//   <script type="module" src="…/telerad-elements.js"></script>
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { browserBuild } from './scripts/lib/browser-build.mjs';

export default defineConfig(
  browserBuild({
    build: {
      outDir: 'packages/viewer/dist/standalone',
      sourcemap: false,
      // An application build with a module entry, not library mode: library mode inlines every asset
      // (the codecs' WebAssembly) as base64, which the CSP's connect-src would then have to allow.
      rollupOptions: {
        input: fileURLToPath(new URL('./packages/viewer/src/standalone.ts', import.meta.url)),
        preserveEntrySignatures: 'strict',
        output: { entryFileNames: 'telerad-elements.js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
      },
    },
  }),
);
