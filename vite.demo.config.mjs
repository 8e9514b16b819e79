// The demo portals as a host application would ship them: one production build of demo/*.html
// (elements, Cornerstone chunks, decode workers and codecs as files), served by `npm start`.
// `npm start -- --dev` serves the TypeScript sources unbundled instead, for working on them.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { browserBuild } from './scripts/lib/browser-build.mjs';

const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));
export const DEMO_PAGES = ['index', 'facility', 'referring', 'viewer'];

export default defineConfig(
  browserBuild({
    root: path('./demo'),
    build: {
      outDir: path('./demo/dist'),
      rollupOptions: { input: Object.fromEntries(DEMO_PAGES.map((name) => [name, path(`./demo/${name}.html`)])) },
    },
  }),
);
