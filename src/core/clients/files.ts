import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { configError } from '../errors.js';
import { parseJsonText } from '../schema/json-text.js';
import { readTextIfExists } from '../workspace/fs.js';
import { parseJsonc } from './jsonc.js';

export type JsonObject = Record<string, unknown>;

/** One planned write: the new text, or undefined when the file already says exactly that. */
export interface PlannedFile {
  path: string;
  client: string;
  existed: boolean;
  before?: string;
  after: string;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Read a JSON object file (missing → {}); invalid JSON is a config error naming file and line, and
 * nothing is written. `jsonc` accepts comments and trailing commas (VS Code's own format): the
 * result then says so, and the file is edited in place rather than re-serialised.
 */
export function readJsonObject(root: string, relative: string, options: { jsonc?: boolean } = {}): { value: JsonObject; text?: string; jsonc?: boolean } {
  const text = readTextIfExists(path.join(root, relative));
  if (text === undefined || text.trim() === '') return { value: {}, ...(text !== undefined ? { text } : {}) };
  const parsed = parseJsonText(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok && options.jsonc) return { value: parseJsonc(text.replace(/^\uFEFF/, ''), relative), text, jsonc: true };
  if (!parsed.ok) {
    throw configError('CLIENT_CONFIG_INVALID_JSON', `${relative}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`, {
      path: relative,
      line: parsed.error.line,
      fix: `Fix the JSON in ${relative} (comments are not supported), then run \`sentinel init --client …\` again; nothing was written`,
    });
  }
  if (!isObject(parsed.value)) {
    throw configError('CLIENT_CONFIG_NOT_OBJECT', `${relative} does not hold a JSON object`, {
      path: relative,
      line: 1,
      fix: `Make ${relative} a JSON object, or move it aside`,
    });
  }
  return { value: parsed.value, text };
}

/** The object at `key`, created when absent; a non-object there is a config error. */
export function objectAt(parent: JsonObject, key: string, file: string): JsonObject {
  const current = parent[key];
  if (current === undefined) return (parent[key] = {});
  if (!isObject(current))
    throw configError('CLIENT_CONFIG_SHAPE', `"${key}" in ${file} is not an object`, { path: file, fix: `Make "${key}" an object, or remove it` });
  return current;
}

/** Keep the file's indentation when re-serialising (2 spaces by default). */
export function jsonText(value: JsonObject, previous?: string): string {
  const indent = /^[ \t]+(?=")/m.exec(previous ?? '')?.[0] ?? '  ';
  return `${JSON.stringify(value, null, indent)}\n`;
}

export function readTomlTable(root: string, relative: string): { value: JsonObject; text?: string } {
  const text = readTextIfExists(path.join(root, relative));
  if (text === undefined || text.trim() === '') return { value: {}, ...(text !== undefined ? { text } : {}) };
  try {
    return { value: parseToml(text) as JsonObject, text };
  } catch (err) {
    const line = (err as { line?: number }).line;
    throw configError('CLIENT_CONFIG_INVALID_TOML', `${relative}${line ? `:${line}` : ''}: ${(err as Error).message.split('\n')[0]}`, {
      path: relative,
      ...(line ? { line } : {}),
      fix: `Fix the TOML in ${relative}, then run \`sentinel init --client codex\` again; nothing was written`,
    });
  }
}
