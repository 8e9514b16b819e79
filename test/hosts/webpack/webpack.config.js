// The smallest webpack 5 configuration a portal developer writes: an entry, an output folder, the
// page copied beside the bundle, a Trusted Types policy for webpack's chunk loader (the page requires
// Trusted Types), and the fallback Cornerstone3D's own documentation asks of webpack users: Node
// modules its codecs and vtk.js name, but never use in a browser, resolve to nothing.
// Not in the default run yet: webpack compiles Cornerstone's module decode worker into chunks loaded
// with importScripts, which module workers refuse (issue 13 note).
import { copyFileSync, mkdirSync } from 'node:fs';

export default {
  mode: 'production',
  entry: './main.js',
  output: { path: new URL('./dist/', import.meta.url).pathname, clean: true, trustedTypes: { policyName: 'webpack' } },
  resolve: { fallback: { fs: false, path: false, url: false } },
  plugins: [
    {
      apply: (compiler) =>
        compiler.hooks.afterEmit.tap('copy-page', () => {
          mkdirSync('dist', { recursive: true });
          copyFileSync('index.html', 'dist/index.html');
          copyFileSync('host.css', 'dist/host.css');
        }),
    },
  ],
};
