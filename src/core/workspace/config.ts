import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configError } from '../errors.js';
import { describeAjvError } from '../schema/ajv-errors.js';
import type { ErrorObject } from 'ajv';
import { validate as validateConfigSchema } from '../../generated/validators/config.js';
import { lineOfPointer, parseJsonText, pointerLabel, pointerSegment, pointerSegments } from '../schema/json-text.js';
import { DEFAULT_CONFIG, ROLE_RUNBOOKS, type ProjectCommand, type SentinelConfig } from './config-types.js';
import { normalizeText, readTextIfExists } from './fs.js';
import { isAbsoluteAnywhere } from './paths.js';
import { schemasDir } from './package-dir.js';

import { CONFIG_PATH } from './layout.js';

export { CONFIG_PATH };

export function configSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(schemasDir(), 'config.schema.json'), 'utf8')) as Record<string, unknown>;
}

/** Keys the schema allows at a JSON pointer such as `/gates`. */
function knownKeysAt(schema: Record<string, any>, instancePath: string): string[] {
  let node: Record<string, any> | undefined = schema;
  for (const segment of pointerSegments(instancePath)) {
    node = node?.properties?.[segment] ?? (typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined);
  }
  return Object.keys(node?.properties ?? {}).filter((k) => k !== '$schema');
}

/** The known key closest to a misspelt one (edit distance ≤ 2), for "did you mean". */
function closestKey(key: string, known: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length]!;
  };
  return known
    .map((k) => ({ k, d: distance(key, k) }))
    .filter((x) => x.d <= 2)
    .sort((a, b) => a.d - b.d)[0]?.k;
}

function fixFor(err: ErrorObject): string {
  const { keyword, instancePath } = err;
  if (keyword === 'additionalProperties') {
    const key = (err.params as { additionalProperty: string }).additionalProperty;
    const known = knownKeysAt(configSchema(), instancePath);
    const suggestion = closestKey(key, known);
    return `Remove or rename "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; valid keys here: ${known.join(', ') || 'see `sentinel config --schema`'}`;
  }
  if (keyword === 'required') return 'Add the missing key';
  return `Change ${instancePath || 'the value'}: it ${err.message ?? 'does not match the schema'} (\`sentinel config --schema\` shows every key)`;
}

/** Pointer of the offending spot: an unknown key points at itself, not at its parent object. */
function pointerOf(err: ErrorObject): string {
  if (err.keyword === 'additionalProperties') return `${err.instancePath}/${pointerSegment((err.params as { additionalProperty: string }).additionalProperty)}`;
  return err.instancePath;
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
  // Compiled at build time (scripts/build-validators.mjs): no ajv compiler on the hot path.
  const validate = validateConfigSchema;
  if (!validate(parsed.value)) {
    const first = validate.errors![0]!;
    const line = lineOfPointer(source, pointerOf(first));
    const all = validate.errors!.map(describeAjvError);
    throw configError('CONFIG_INVALID', `${file}${line ? `:${line}` : ''}: ${all.join('; ')}`, {
      path: file,
      ...(line ? { line } : {}),
      fix: fixFor(first),
    });
  }
  // NUL first, in any string: a path key holding one is reported once, by this check.
  const nul = pointerOfNul(parsed.value, '');
  if (nul !== undefined) {
    const line = lineOfPointer(source, nul);
    const key = pointerLabel(nul);
    throw configError('CONFIG_NUL_BYTE', `${file}${line ? `:${line}` : ''}: ${key} contains a NUL byte (\\u0000), which no path or command may hold`, {
      path: file,
      ...(line ? { line } : {}),
      fix: `Remove the \\u0000 from ${key}`,
    });
  }
  const escape = pathsLeavingRoot(parsed.value as Record<string, unknown>)[0];
  if (escape) {
    const line = lineOfPointer(source, escape.pointer);
    throw configError(
      'CONFIG_PATH_OUTSIDE_ROOT',
      `${file}${line ? `:${line}` : ''}: ${pointerLabel(escape.pointer)} is "${escape.value}", which ${escape.why}`,
      {
        path: file,
        ...(line ? { line } : {}),
        fix: 'Use a path relative to the workspace root, without `..` or absolute parts',
      },
    );
  }
  return mergeConfig(parsed.value as Partial<Record<keyof SentinelConfig, unknown>>);
}

/**
 * The JSON pointer of the first key or string holding a NUL byte (it would cut a path short in the
 * OS, and Node refuses it in an environment variable's name or value).
 */
function pointerOfNul(value: unknown, at: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? at : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = `${at}/${pointerSegment(key)}`;
    if (key.includes('\u0000')) return here;
    const found = pointerOfNul(child, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** JSON pointers of the config keys that hold workspace paths or globs (`*` is any key or index). */
const PATH_KEYS = [
  '/agentsDir',
  '/contextLimits',
  '/contractsDir',
  '/ledger',
  '/stateDir',
  '/routerLogDir',
  '/sentinels/dir',
  '/capsules/globs/*',
  '/logs/schema',
  '/logs/redaction',
  '/logs/files/*',
  '/secrets/allowlist',
  '/runbooks/*/file',
  '/runbooks/*/template',
  '/migrations/globs/*',
  '/gates/commands/*/cwd',
];

/** Config paths that would make Sentinel read or write outside the workspace: absolute or `..` (NUL is refused before). */
function pathsLeavingRoot(config: Record<string, unknown>): { pointer: string; value: string; why: string }[] {
  const found: { pointer: string; value: string; why: string }[] = [];
  const visit = (node: unknown, segments: string[], pointer: string): void => {
    if (segments.length === 0) {
      if (typeof node !== 'string') return;
      const why = isAbsoluteAnywhere(node)
        ? 'is absolute (paths are relative to the workspace root)'
        : node.split(/[\\/]/).includes('..')
          ? 'leaves the workspace root through `..`'
          : undefined;
      if (why) found.push({ pointer, value: node, why });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const [head, ...rest] = segments as [string, ...string[]];
    const keys = head === '*' ? Object.keys(node) : [head];
    for (const key of keys) visit((node as Record<string, unknown>)[key], rest, `${pointer}/${pointerSegment(key)}`);
  };
  for (const key of PATH_KEYS) visit(config, key.split('/').slice(1), '');
  return found;
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
    const fallback = ROLE_RUNBOOKS[id];
    merged.runbooks[id] = {
      ...req,
      sections: req.sections ?? fallback?.sections ?? [],
      sourceGlobs: req.sourceGlobs ?? fallback?.sourceGlobs ?? [],
      ...(req.envSection === undefined && fallback?.envSection ? { envSection: fallback.envSection } : {}),
    };
  }
  const defaultExclude = DEFAULT_CONFIG.boundaries.rules[0]!.exclude;
  merged.boundaries.rules = merged.boundaries.rules.map((rule) => ({ ...rule, exclude: rule.exclude ?? defaultExclude }));
  return merged;
}

/** Load `.sentinel/config.json` under root; defaults when it does not exist. */
export function loadConfig(root: string): SentinelConfig {
  const text = readTextIfExists(path.join(root, CONFIG_PATH));
  if (text === undefined) return structuredClone(DEFAULT_CONFIG);
  return parseConfig(text, CONFIG_PATH);
}
