import * as AjvDraft07Module from 'ajv';
import * as Ajv2019Module from 'ajv/dist/2019.js';
import * as addFormatsModule from 'ajv-formats';
import { error, type Diagnostic } from '../diagnostics.js';
import { createAjv2020, type ValidateFunction } from '../schema/ajv.js';
import { parseJsonText } from '../schema/json-text.js';

// ajv ships CommonJS; depending on the loader the class sits on `.default` once or twice.
function unwrapDefault<T>(mod: unknown): T {
  let value = mod as { default?: unknown };
  while (value && typeof value !== 'function' && value.default) value = value.default as { default?: unknown };
  return value as T;
}

type AjvLike = { compile(schema: object): ValidateFunction };
type AjvClass = new (options: object) => AjvLike;

/** The validator for a schema's declared dialect: draft-07/06, 2019-09, else 2020-12. */
function validatorFor(schema: Record<string, unknown>): AjvLike {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  const options = { allErrors: true, strict: false, allowUnionTypes: true };
  if (/draft-0[67]/.test(dialect)) return withFormats(new (unwrapDefault<AjvClass>(AjvDraft07Module))(options));
  if (/2019-09/.test(dialect)) return withFormats(new (unwrapDefault<AjvClass>(Ajv2019Module))(options));
  return createAjv2020();
}

function withFormats(ajv: AjvLike): AjvLike {
  unwrapDefault<(ajv: AjvLike) => void>(addFormatsModule)(ajv);
  return ajv;
}

type LoadedSchema = { ok: true; validate: ValidateFunction } | { ok: false; diagnostics: Diagnostic[] };

/** Compile a log schema from its text; problems name the schema file. */
export function compileLogSchema(text: string, file: string): LoadedSchema {
  const parsed = parseJsonText(text);
  const fix = 'Make it a JSON Schema object, e.g. {"type":"object","required":["ts","level","msg","request_id"]}';
  if (!parsed.ok) {
    return {
      ok: false,
      diagnostics: [
        error('LOGS_SCHEMA_INVALID', `Invalid JSON: ${parsed.error.message}`, { path: file, line: parsed.error.line, column: parsed.error.column, fix }),
      ],
    };
  }
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { ok: false, diagnostics: [error('LOGS_SCHEMA_INVALID', 'The log schema must be a JSON object', { path: file, line: 1, fix })] };
  }
  try {
    return { ok: true, validate: validatorFor(parsed.value as Record<string, unknown>).compile(parsed.value) };
  } catch (err) {
    return { ok: false, diagnostics: [error('LOGS_SCHEMA_INVALID', `Not a valid JSON Schema: ${(err as Error).message}`, { path: file, line: 1, fix })] };
  }
}
