import { createRequire } from 'node:module';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

/**
 * Limits on the documents Sentinel reads from the workspace (contracts, fixtures, context limits,
 * lefthook.yml), so a hostile file is a diagnostic instead of a crash, a stack overflow or a hang:
 * ajv, the yaml library and our own walkers all recurse once per level of nesting.
 */

/** Deeper than any real schema, payload or settings file, far below where recursion overflows. */
export const MAX_DOCUMENT_DEPTH = 100;
/** Alias expansions allowed in one YAML document (the yaml library's own default): stops alias bombs. */
export const MAX_YAML_ALIASES = 100;

/** True when arrays and objects nest deeper than `max` (iterative: safe on any depth). */
export function nestsDeeperThan(value: unknown, max: number = MAX_DOCUMENT_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

export type YamlProblem = 'aliases' | 'depth';

type YamlLoad =
  | { ok: true; doc: Document; value: unknown }
  | { ok: false; doc?: Document; problem: 'syntax'; errors: Document['errors'] }
  | { ok: false; problem: YamlProblem; message: string };

/** What went wrong, said for a person, for a problem other than syntax. */
export function yamlProblemMessage(problem: YamlProblem): string {
  return problem === 'aliases'
    ? `it expands aliases (*name) more than ${MAX_YAML_ALIASES} times, the pattern of an alias bomb ("billion laughs")`
    : `it nests deeper than ${MAX_DOCUMENT_DEPTH} levels`;
}

/** The yaml library, loaded on first use only: hot paths never pay for it (module-load test). */
export const yamlLibrary = (): typeof import('yaml') => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/**
 * Parse YAML and convert it to plain data within the limits: syntax errors come back as the
 * library reports them, an alias bomb or a too-deep document as a problem, never a throw.
 */
export function loadYamlBounded(text: string, options: ParseOptions & DocumentOptions & SchemaOptions = {}): YamlLoad {
  let doc: Document;
  try {
    doc = yamlLibrary().parseDocument(text, { prettyErrors: false, ...options });
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, problem: 'depth', message: yamlProblemMessage('depth') };
    throw err;
  }
  // The library reports its own stack overflow on deep flow collections as a syntax error.
  if (doc.errors.some((e) => /call stack/i.test(e.message))) return { ok: false, problem: 'depth', message: yamlProblemMessage('depth') };
  if (doc.errors.length > 0) return { ok: false, doc, problem: 'syntax', errors: doc.errors };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    // The library refuses an alias bomb with a ReferenceError; a deep document overflows the stack.
    if (err instanceof RangeError) return { ok: false, problem: 'depth', message: yamlProblemMessage('depth') };
    const message = (err as Error).message;
    if (/Excessive alias count/i.test(message)) return { ok: false, problem: 'aliases', message: yamlProblemMessage('aliases') };
    // Any other ReferenceError is an alias without its anchor (`*str` with no `&str`): a syntax error of the file.
    if (err instanceof ReferenceError) {
      return { ok: false, doc, problem: 'syntax', errors: [new (yamlLibrary().YAMLParseError)([0, 0], 'BAD_ALIAS', message)] };
    }
    throw err;
  }
  if (nestsDeeperThan(value)) return { ok: false, problem: 'depth', message: yamlProblemMessage('depth') };
  return { ok: true, doc, value };
}
