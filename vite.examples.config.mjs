// Builds the framework examples (React 19, Vue 3) the way an application would: the elements from
// their packages, bundled with the framework, workers and codecs emitted as files.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { browserBuild } from './scripts/lib/browser-build.mjs';

const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig(
  browserBuild({
    root: path('./examples'),
    build: {
      outDir: path('./examples/dist'),
      rollupOptions: { input: { react: path('./examples/react/index.html'), vue: path('./examples/vue/index.html') } },
    },
  }),
);
