// Builds the framework examples (React 19, Vue 3, Angular) the way an application would: the
// elements from their packages, bundled with the framework, workers and codecs emitted as files.
import { fileURLToPath } from 'node:url';
import angular from '@analogjs/vite-plugin-angular';
import { defineConfig } from 'vite';
import { browserBuild } from './scripts/lib/browser-build.mjs';

const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const examples = ['react', 'vue', 'angular'];

export default defineConfig(
  browserBuild({
    root: path('./examples'),
    // Ahead-of-time compiled templates: Angular's JIT compiler would need 'unsafe-eval'.
    plugins: [
      angular({
        tsconfig: path('./examples/angular/tsconfig.json'),
        jit: false,
        // Templates are type-checked (strictTemplates) as `ng build` would.
        disableTypeChecking: false,
        // Only the Angular example is Angular's to compile; the elements' sources are plain TypeScript.
        transformFilter: (_code, id) => id.startsWith(path('./examples/angular/')),
      }),
    ],
    build: {
      outDir: path('./examples/dist'),
      rollupOptions: { input: Object.fromEntries(examples.map((name) => [name, path(`./examples/${name}/index.html`)])) },
    },
  }),
);
