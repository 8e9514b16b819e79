// Serving Cornerstone3D unbundled (@web/dev-server, @web/test-runner): its CommonJS/UMD
// dependencies go through @rollup/plugin-commonjs, a few Node-only imports resolve to an empty
// module, and the codecs' .wasm files are served under CODEC_BASE_PATH (the loader is told so,
// since unbundled `new URL('pkg/file', import.meta.url)` does not resolve packages).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { fromRollup } from '@web/dev-server-rollup';

export const CODEC_BASE_PATH = '/cornerstone-codecs/';

const require = createRequire(import.meta.url);
/** Served from the project root, which is the dev server's root. */
const STUB_URL = '/scripts/lib/stubs/empty.js';
const STUBBED = new Set(['xmlbuilder2', 'zlib', 'fs', 'path', 'crypto']);

/** The file names the loader asks for, and the package exports that hold them. */
const CODEC_FILES = {
  'charlswasm_decode.wasm': '@cornerstonejs/codec-charls/decodewasm',
  'libjpegturbowasm_decode.wasm': '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm',
  'openjpegwasm_decode.wasm': '@cornerstonejs/codec-openjpeg/decodewasm',
  'openjphjs.wasm': '@cornerstonejs/codec-openjph/wasm',
  'jpegxlwasm_decode.wasm': '@cornerstonejs/codec-libjxl/decodewasm',
};

const codecPath = (file) => CODEC_FILES[file] && require.resolve(CODEC_FILES[file]);

/** Dev-server plugins: stubs first (they must win over node-resolve), then CommonJS. */
export function cornerstonePlugins() {
  const commonjs = fromRollup(rollupCommonjs);
  return [
    {
      name: 'telerad-stub-node-modules',
      resolveImport({ source }) {
        return STUBBED.has(source) ? STUB_URL : undefined;
      },
    },
    commonjs({ include: ['**/node_modules/**/*.js', '**/node_modules/**/*.cjs'], strictRequires: false, ignore: ['crypto', 'fs', 'path'] }),
  ];
}

/** Koa middleware serving the codecs' .wasm files under CODEC_BASE_PATH. */
export function codecMiddleware() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith(CODEC_BASE_PATH)) return next();
    const path = codecPath(ctx.path.slice(CODEC_BASE_PATH.length));
    if (!path) return next();
    ctx.type = 'application/wasm';
    ctx.body = readFileSync(path);
  };
}
