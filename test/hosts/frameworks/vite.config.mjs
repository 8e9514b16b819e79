// The framework examples (examples/react, vue, angular) as an application's own Vite build would make
// them, against the installed packages: Angular compiled ahead of time by Analog's plugin (its own
// compiler), React and Vue need no plugin (the examples call createElement / h). Nothing about
// Telerad Elements or Cornerstone3D.
import angular from '@analogjs/vite-plugin-angular';
import { defineConfig } from 'vite';

const page = (name) => new URL(`./${name}/index.html`, import.meta.url).pathname;

export default defineConfig({
  base: './',
  logLevel: 'error',
  plugins: [
    angular({
      tsconfig: new URL('./angular/tsconfig.json', import.meta.url).pathname,
      jit: false,
      disableTypeChecking: false,
      transformFilter: (_code, id) => id.includes('/angular/'),
    }),
  ],
  build: { rollupOptions: { input: { react: page('react'), vue: page('vue'), angular: page('angular') } } },
});
