import type { ErrorObject, ValidateFunction } from 'ajv';
import * as Ajv2020Module from 'ajv/dist/2020.js';
import type { Ajv2020 as Ajv2020Type } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';

// ajv ships CommonJS; depending on the loader the class sits on `.default` once or twice.
type Ajv2020Class = typeof Ajv2020Type;
type AddFormats = FormatsPlugin;
function unwrapDefault<T>(mod: unknown): T {
  let value = mod as { default?: unknown };
  while (value && typeof value !== 'function' && value.default) value = value.default as { default?: unknown };
  return value as T;
}
const Ajv2020 = unwrapDefault<Ajv2020Class>(Ajv2020Module);
const addFormats = unwrapDefault<AddFormats>(addFormatsModule);

/**
 * A fresh 2020-12 validator instance with every standard format checked. `validateSchema: false`
 * skips checking schemas against the meta-schema (compiling it costs ~100 ms): for shipped schemas only.
 */
export function createAjv2020(options: { validateSchema?: boolean } = {}) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, ...options });
  addFormats(ajv);
  return ajv;
}

export type { ErrorObject, ValidateFunction };

// The error wording lives apart so callers of build-time validators never load ajv's compiler.
export { describeAjvError } from './ajv-errors.js';
