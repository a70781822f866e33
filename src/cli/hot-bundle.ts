import type { HotPath } from './hot.js';

// Builtins taken from the process, not imported: an ES import of a builtin builds its whole export
// facade (node:fs's loads Node's stream modules), and the entry needs a few functions only.
const { readFileSync, renameSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const path = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');

/** The hot commands built as one CommonJS file each (tsdown.hot.config.ts), by file name in dist/hot/. */
export const HOT_BUNDLES = { 'hook pre-edit': 'pre-edit', 'capsule validate': 'capsule-validate', status: 'status' } as const;

/** Node's own CommonJS wrapper, so the file runs as `require` would run it. */
const HEAD = '(function (exports, require, module, __filename, __dirname) {';
const TAIL = '\n})';

/**
 * A hot command from its CommonJS file beside this entry, compiled with V8's code cache: the
 * `.v8` file holds the compiled code of the file's top level and of every function the build's run
 * of the command called (scripts/build-code-cache.mjs), so neither is parsed nor compiled again.
 * V8 takes the cache only for its own version and flags and the same source length, and compiles
 * as usual otherwise (`cachedDataRejected`); the cache is written by the build alone, beside the
 * code it was made from, never where a workspace's files live (docs/threat-model.md).
 * Undefined when there is no such file (running from src/): the caller imports the ES module.
 */
export function loadHotBundle(name: string): HotPath | undefined {
  const file = fileURLToPath(new URL(`./hot/${name}.cjs`, import.meta.url));
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const cacheFile = `${file}.v8`;
  // The build's run of the command writes the cache (scripts/build-code-cache.mjs).
  const write = process.env.SENTINEL_CODE_CACHE === 'write';
  let cachedData: Buffer | undefined;
  if (!write) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const vm = process.getBuiltinModule('node:vm');
  const script = new vm.Script(HEAD + source + TAIL, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as HotPath };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  if (write) {
    process.once('exit', () => {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    });
  }
  if (process.env.SENTINEL_DEBUG) {
    const how = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
    process.stderr.write(`sentinel: hot/${name}.cjs, code cache ${how}\n`);
  }
  return module.exports;
}
