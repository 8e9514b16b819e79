// What every Vite build of the elements for browsers shares (the standalone bundle, the framework
// examples, Storybook): the packages' sources, stubs for Node-only imports, and assets as files.
import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vite';

const stub = fileURLToPath(new URL('./stubs/empty.js', import.meta.url));

/** How the elements' imports resolve in a browser build: sources, and stubs for what needs Node. */
export const browserResolve = {
  conditions: ['source', 'browser', 'module', 'import', 'default'],
  // vtk.js's XML readers and dicom-parser's zlib are never used in the browser.
  alias: { xmlbuilder2: stub, zlib: stub },
};

/** A Vite config for a browser build, with `overrides` merged in. */
export function browserBuild(overrides) {
  return mergeConfig(
    {
      logLevel: 'error',
      // Asset and worker URLs relative to the built files, wherever they are served.
      base: './',
      resolve: browserResolve,
      worker: { format: 'es' },
      build: {
        emptyOutDir: true,
        target: 'es2022',
        modulePreload: false,
        // Emitted files, never base64: inlined WebAssembly would need connect-src data:.
        assetsInlineLimit: 0,
      },
    },
    overrides,
  );
}
