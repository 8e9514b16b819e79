// Builds each package to ESM in packages/<name>/dist, one module per source file so that the
// side-effect entry points (e.g. rad-study-browser.js) stay separate. Declarations (.d.ts) come
// from `tsc -b`, which runs first (see the "build" script). Dependencies, @telerad/* siblings and
// Cornerstone3D stay external: the consumer's bundler resolves them once.
import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';

const PACKAGES = ['core', 'study-browser', 'viewport', 'report-panel', 'viewer'];

const external = (pkg) => {
  const { dependencies = {}, peerDependencies = {} } = pkg;
  const names = [...Object.keys(dependencies), ...Object.keys(peerDependencies)];
  return (id) => /^(@cornerstonejs\/|dicom-parser$)/.test(id) || names.some((name) => id === name || id.startsWith(`${name}/`));
};

/**
 * The viewport's Cornerstone entry stays a separate module of the package, pre-built with
 * Cornerstone inside by vite.cornerstone.config.mjs (run after this build, into the same folder).
 */
const prebuiltCornerstone = {
  name: 'telerad-prebuilt-cornerstone',
  resolveId(source) {
    return source === './cornerstone-modules.js' ? { id: source, external: 'relative' } : null;
  },
};

/** TypeScript to JavaScript only: tsc -b has already type-checked and written the declarations. */
const javascriptOf = (dir) =>
  typescript({
    tsconfig: `${dir}/tsconfig.json`,
    compilerOptions: {
      composite: false,
      declaration: false,
      declarationMap: false,
      emitDeclarationOnly: false,
      noEmit: false,
      incremental: false,
      sourceMap: true,
      outDir: `${dir}/dist`,
    },
    noCheck: true,
    outputToFilesystem: false,
  });

const packageBuilds = PACKAGES.map((name) => {
  const dir = `packages/${name}`;
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const entries = Object.values(pkg.exports).map((e) => `${dir}/${e.source.replace(/^\.\//, '')}`);
  return {
    input: entries,
    external: external(pkg),
    output: { dir: `${dir}/dist`, format: 'es', preserveModules: true, preserveModulesRoot: `${dir}/src`, sourcemap: true },
    plugins: [prebuiltCornerstone, javascriptOf(dir)],
  };
});

/**
 * The viewport's series reader, started as a module worker by `new URL('./series-reader.worker.js',
 * import.meta.url)`: one file with what it imports inside, so that a host whose bundler leaves that URL
 * alone (esbuild) needs only to copy the file.
 */
const seriesReaderWorker = {
  input: 'packages/viewport/src/rad-viewport/series-reader.worker.ts',
  output: { file: 'packages/viewport/dist/rad-viewport/series-reader.worker.js', format: 'es', sourcemap: true },
  plugins: [javascriptOf('packages/viewport')],
};

export default [...packageBuilds, seriesReaderWorker];
