import { readFileSync, rmSync } from 'node:fs';
// @ts-expect-error: a plain .mjs build helper, without types
import { fdirWithoutPicomatch } from './scripts/fdir-without-picomatch.mjs';
import { defineConfig, type UserConfig } from 'tsdown';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The agent's one-shot inner-loop commands as one CommonJS file each, `dist/hot/<name>.cjs`, every
 * module they may import inlined (no chunk, no lazy import left). The entry compiles such a file
 * with `vm.Script` and V8's code cache (`<name>.cjs.v8`, written by scripts/build-code-cache.mjs
 * right after this build), so the command neither parses the file nor compiles the functions its
 * common path runs (src/cli/hot-bundle.ts). Node 20 has a code cache for scripts only, not for ES
 * modules: that is why these are CommonJS. Built after tsdown.config.ts, which cleans dist/.
 */
const HOT_BUNDLES = ['pre-edit', 'capsule-validate', 'status'];

const outDir = `${process.env.SENTINEL_OUT_DIR ?? 'dist'}/hot`;

const bundle = (name: string): UserConfig => ({
  entry: { [name]: `src/cli/hot-paths/${name}.ts` },
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outDir,
  // The configs build side by side into one folder: none cleans it (tsdown.config.ts cleans dist/).
  clean: false,
  // A code cache never outlives the file it was made from: V8 checks only the source's length.
  hooks: { 'build:prepare': () => rmSync(`${outDir}/${name}.cjs.v8`, { force: true }) },
  dts: false,
  sourcemap: false,
  plugins: [fdirWithoutPicomatch],
  noExternal: ['picomatch', 'tinyglobby', 'fdir'],
  define: { __SENTINEL_VERSION__: JSON.stringify(pkg.version), __SENTINEL_SYNC_STDIO__: 'true' },
  outExtensions: () => ({ js: '.cjs' }),
  outputOptions: {
    // One file: every lazy import inlined; an import() of a package left becomes a require(),
    // since a script compiled by vm.Script has no loader for import().
    codeSplitting: false,
    dynamicImportInCjs: false,
  },
});

export default defineConfig(HOT_BUNDLES.map(bundle));
