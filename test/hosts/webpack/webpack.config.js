// The smallest webpack 5 configuration a portal developer writes: an entry, an output folder, the
// page copied beside the bundle, and a Trusted Types policy for webpack's own chunk loader (the
// page requires Trusted Types). Nothing about Telerad Elements or Cornerstone3D.
import { copyFileSync, mkdirSync } from 'node:fs';

export default {
  mode: 'production',
  entry: './main.js',
  output: { path: new URL('./dist/', import.meta.url).pathname, clean: true, trustedTypes: { policyName: 'webpack' } },
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
