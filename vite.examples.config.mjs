// Builds the framework examples (React 19, Vue 3) the way an application would: the elements from
// their packages, bundled with the framework, workers and codecs emitted as files.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const stub = path('./scripts/lib/stubs/empty.js');

export default defineConfig({
  root: path('./examples'),
  base: './',
  logLevel: 'error',
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'], alias: { xmlbuilder2: stub, zlib: stub } },
  worker: { format: 'es' },
  build: {
    outDir: path('./examples/dist'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    assetsInlineLimit: 0,
    rollupOptions: { input: { react: path('./examples/react/index.html'), vue: path('./examples/vue/index.html') } },
  },
});
