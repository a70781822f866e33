import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configError } from '../errors.js';
import { createAjv2020, describeAjvError, type ValidateFunction } from '../schema/ajv.js';
import { lineOfPointer, parseJsonText } from '../schema/json-text.js';
import { DEFAULT_CONFIG, type ProjectCommand, type SentinelConfig } from './config-types.js';
import { normalizeText, readTextIfExists } from './fs.js';
import { schemasDir } from './package-dir.js';

export const CONFIG_PATH = '.sentinel/config.json';

let validator: ValidateFunction | undefined;

export function configSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(schemasDir(), 'config.schema.json'), 'utf8')) as Record<string, unknown>;
}

function configValidator(): ValidateFunction {
  return (validator ??= createAjv2020().compile(configSchema()));
}

function fixFor(keyword: string, instancePath: string): string {
  if (keyword === 'additionalProperties') return 'Remove or rename the key; `sentinel config --schema` lists the valid keys';
  if (keyword === 'required') return 'Add the missing key';
  return `Change ${instancePath || 'the value'} to match the schema (\`sentinel config --schema\`)`;
}

/** Parse and validate config text; throws a config error naming file, line, key and fix. */
export function parseConfig(text: string, file = CONFIG_PATH): SentinelConfig {
  const source = normalizeText(text);
  const parsed = parseJsonText(source);
  if (!parsed.ok) {
    throw configError('CONFIG_INVALID_JSON', `${file}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`, {
      path: file,
      line: parsed.error.line,
      fix: 'Fix the JSON syntax at that position (trailing commas and comments are not allowed)',
    });
  }
  const validate = configValidator();
  if (!validate(parsed.value)) {
    const first = validate.errors![0]!;
    const line = lineOfPointer(source, first.instancePath);
    const all = validate.errors!.map(describeAjvError);
    throw configError('CONFIG_INVALID', `${file}${line ? `:${line}` : ''}: ${all.join('; ')}`, {
      path: file,
      ...(line ? { line } : {}),
      fix: fixFor(first.keyword, first.instancePath),
    });
  }
  return mergeConfig(parsed.value as Partial<Record<keyof SentinelConfig, unknown>>);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merge objects; arrays and scalars from the user replace the defaults. */
function mergeDeep<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override)) return (override === undefined ? base : override) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeDeep((base as Record<string, unknown>)[key], value);
  return out as T;
}

export function mergeConfig(user: Record<string, unknown>): SentinelConfig {
  const { $schema: _ignored, ...rest } = user;
  const merged = mergeDeep(structuredClone(DEFAULT_CONFIG), rest);
  const commands: Record<string, ProjectCommand> = {};
  for (const [name, value] of Object.entries(merged.gates.commands as Record<string, string | ProjectCommand>)) {
    commands[name] = typeof value === 'string' ? { run: value } : value;
  }
  merged.gates.commands = commands;
  for (const [id, req] of Object.entries(merged.runbooks)) {
    const fallback = DEFAULT_CONFIG.runbooks[id];
    merged.runbooks[id] = { ...req, sections: req.sections ?? fallback?.sections ?? [], sourceGlobs: req.sourceGlobs ?? fallback?.sourceGlobs ?? [] };
  }
  return merged;
}

/** Load `.sentinel/config.json` under root; defaults when it does not exist. */
export function loadConfig(root: string): SentinelConfig {
  const text = readTextIfExists(path.join(root, CONFIG_PATH));
  if (text === undefined) return structuredClone(DEFAULT_CONFIG);
  return parseConfig(text, CONFIG_PATH);
}
