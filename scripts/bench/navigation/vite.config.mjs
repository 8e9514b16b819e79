// The benchmark pages built as one Vite app against the installed packages. The settings are the bare
// Cornerstone3D page's, as its documentation asks of a Vite app (its decode worker splits code:
// ES-module workers; vtk.js's xmlbuilder2 needs Node's `events`: a stub). The <rad-viewport> and
// <rad-viewer> pages need none of them.
import { defineConfig } from 'vite';

const page = (name) => new URL(`./${name}.html`, import.meta.url).pathname;

export default defineConfig({
  base: './',
  logLevel: 'error',
  worker: { format: 'es' },
  resolve: { alias: { xmlbuilder2: new URL('./xmlbuilder2-stub.js', import.meta.url).pathname } },
  build: { rollupOptions: { input: Object.fromEntries(['raw', 'cornerstone', 'dwv', 'element', 'element-cpu', 'viewer', 'cornerstone-mpr', 'element-mpr'].map((name) => [name, page(name)])) } },
});
