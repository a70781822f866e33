// `node --import ./module-log.mjs app.mjs`: appends every module the app resolves (one URL a
// line) to $SENTINEL_MODULE_LOG. Used by the module-load guard test (test/e2e/module-load.test.ts).
// ES modules are seen by loader hooks; the `require` calls of the hot commands' CommonJS files
// (dist/hot/*.cjs, src/cli/hot-bundle.ts) by wrapping Module._load, logged as file: URLs or node:
// names. Other require calls (createRequire in an ES module, a package's own files) are not logged.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const log = process.env.SENTINEL_MODULE_LOG;
register('./module-log-hooks.mjs', import.meta.url, { data: { log } });

const load = Module._load;
const HOT_FILE = /[\\/]hot[\\/][^\\/]+\.cjs$/;
Module._load = function (request, parent, ...rest) {
  if (log && HOT_FILE.test(parent?.filename ?? '')) {
    const builtin = Module.isBuiltin(request);
    const name = builtin ? (request.startsWith('node:') ? request : `node:${request}`) : pathToFileURL(Module._resolveFilename(request, parent)).href;
    appendFileSync(log, `${name}\n`);
  }
  return load.call(this, request, parent, ...rest);
};
