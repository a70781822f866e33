// `node --import ./module-log.mjs app.mjs`: appends every module the app resolves (one URL a
// line) to $SENTINEL_MODULE_LOG. Used by the module-load guard test (test/e2e/module-load.test.ts).
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url, { data: { log: process.env.SENTINEL_MODULE_LOG } });
