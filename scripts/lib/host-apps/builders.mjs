// How each host app is built, as its developer would: its own project (the tarballs and its
// bundler), the bundler's own command and, where the bundler needs one, the smallest configuration
// file a user writes. `build(project)` copies the sources from test/hosts and resolves to the
// folder to serve.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyHostSources, HOST_SOURCES } from './workspace.mjs';

const examplesDir = join(HOST_SOURCES, '../../examples');

const run = (project, command, args) =>
  execFileSync(join(project, 'node_modules/.bin', command), args, { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

export const HOST_APPS = {
  /** `vite build`, no configuration file. */
  vite: {
    packages: ['vite'],
    build(project) {
      copyHostSources(['app'], project);
      run(project, 'vite', ['build', '--logLevel', 'error']);
      return join(project, 'dist');
    },
  },
  /**
   * esbuild from its command line (ES modules, code splitting). esbuild leaves
   * `new URL('./file', import.meta.url)` alone, so the host copies the viewport's Cornerstone folder
   * (decode worker, codecs) and its series reader worker beside its bundle: the one step this bundler needs.
   */
  esbuild: {
    packages: ['esbuild'],
    build(project) {
      copyHostSources(['app'], project);
      const dist = join(project, 'dist');
      rmSync(dist, { recursive: true, force: true });
      run(project, 'esbuild', ['main.js', '--bundle', '--format=esm', '--splitting', '--minify', '--outdir=dist', '--log-level=error']);
      for (const file of ['index.html', 'host.css']) cpSync(join(project, file), join(dist, file));
      const viewport = join(project, 'node_modules/@telerad/viewport/dist/rad-viewport');
      cpSync(join(viewport, 'cornerstone'), join(dist, 'cornerstone'), { recursive: true });
      cpSync(join(viewport, 'series-reader.worker.js'), join(dist, 'series-reader.worker.js'));
      return dist;
    },
  },
  /** No bundler: the standalone bundle from the installed @telerad/viewer, by <script type="module">. */
  standalone: {
    packages: [],
    build(project) {
      const dist = join(project, 'dist');
      rmSync(dist, { recursive: true, force: true });
      mkdirSync(dist, { recursive: true });
      copyHostSources(['app'], dist);
      rmSync(join(dist, 'main.js'));
      // The same page, with the standalone bundle by script tag where the bundled app imports packages.
      const page = readFileSync(join(dist, 'index.html'), 'utf8').replace(
        '<script type="module" src="./main.js"></script>',
        '<script type="module" src="./telerad/telerad-elements.js"></script>\n    <script type="module" src="./listen.js"></script>',
      );
      if (!page.includes('telerad-elements.js')) throw new Error('test/hosts/app/index.html no longer loads ./main.js');
      writeFileSync(join(dist, 'index.html'), page);
      cpSync(join(project, 'node_modules/@telerad/viewer/dist/standalone'), join(dist, 'telerad'), { recursive: true });
      return dist;
    },
  },
  /** webpack 5 with the smallest configuration: entry, output, the page copied (test/hosts/webpack). */
  webpack: {
    packages: ['webpack', 'webpack-cli'],
    /** The page's CSP allows webpack's own Trusted Types policy (its chunk loader sets script.src). */
    trustedTypes: ['webpack'],
    build(project) {
      copyHostSources(['app', 'webpack'], project);
      run(project, 'webpack', ['--no-stats']);
      return join(project, 'dist');
    },
  },
  /** Not served: a strict TypeScript project type-checked against the packed declarations. */
  types: {
    packages: ['typescript'],
    typesOnly: true,
    build(project) {
      copyHostSources(['types'], project);
      run(project, 'tsc', ['-p', 'tsconfig.json']);
      return undefined;
    },
  },
  /**
   * The React 19, Vue 3 and Angular 21 examples (examples/) built by one Vite app against the
   * installed packages; each page is driven as <rad-viewer> (referring mode, opened by an IID link).
   */
  frameworks: {
    packages: ['vite', 'react', 'react-dom', 'vue', '@analogjs/vite-plugin-angular', '@angular/build', '@angular/common', '@angular/compiler', '@angular/compiler-cli', '@angular/core', '@angular/platform-browser', 'rxjs', 'tslib', 'typescript'],
    pages: [{ path: 'react/index.html' }, { path: 'vue/index.html', trustedTypes: ['vue'] }, { path: 'angular/index.html' }],
    build(project) {
      for (const framework of ['react', 'vue', 'angular']) cpSync(join(examplesDir, framework), join(project, framework), { recursive: true });
      copyHostSources(['frameworks'], project);
      cpSync(join(project, 'angular-tsconfig.json'), join(project, 'angular/tsconfig.json'));
      run(project, 'vite', ['build']);
      return join(project, 'dist');
    },
  },
};
