// A bundler plugin for tsdown.config.ts and tsdown.hot.config.ts. fdir loads picomatch with
// `require` when its module runs, for its own `glob()`, which tinyglobby never calls (it passes its
// own filters): six files through Node's CommonJS loader on every command that globs. This drops
// that load; fdir's `glob()` would then ask for a glob function, and nothing of ours calls it.
const LOAD = /__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);/;

export const fdirWithoutPicomatch = {
  name: 'fdir-without-picomatch',
  transform(code, id) {
    if (!/[\\/]node_modules[\\/]fdir[\\/]dist[\\/]index\.mjs$/.test(id)) return undefined;
    // fdir changed: fail the build rather than load picomatch again unseen.
    if (!LOAD.test(code)) throw new Error('fdir-without-picomatch: fdir no longer loads picomatch as expected; update the plugin');
    return code.replace(LOAD, '');
  },
};
