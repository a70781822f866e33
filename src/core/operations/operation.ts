import type { z } from 'zod';
import type { Cache } from '../cache/store.js';
import type { Diagnostic } from '../diagnostics.js';
import { usageError } from '../errors.js';
import type { Redactor } from '../secrets/redact.js';
import type { Caller } from '../workspace/caller.js';
import type { SentinelConfig } from '../workspace/config-types.js';

/**
 * One command, defined once: the CLI parses flags into `input` and renders the result; the MCP
 * server lists a tool whose input schema is derived from the same zod schema and answers with the
 * same JSON document. Operation modules import only zod and types at the top; `run` imports the
 * domain code it needs, so listing tools or printing `--help` loads none of it.
 */

export type OperationStatus = 'ok' | 'pending' | 'fail' | 'skipped';

/** What every operation returns. `data` is the operation's own typed payload. */
export interface OperationResult<D = Record<string, unknown>> {
  status: OperationStatus;
  summary: string;
  diagnostics: Diagnostic[];
  data: D;
  /** Findings about something other than this result (the roster…): stderr on the CLI, left out of the document. */
  notes?: Diagnostic[];
}

/** Progress of a multi-step run (gates, commands, tests), rendered by each edge its own way. */
export type OperationEvent =
  { kind: 'start'; steps: string[] } | { kind: 'note'; step: string; message: string } | { kind: 'done'; step: string; status: string };

/** What an operation receives: the workspace and the caller, never the terminal. */
export interface OperationContext {
  root: string;
  config: SentinelConfig;
  /** $SENTINEL_CAPSULE, $SENTINEL_ACTOR and the binary, read once at the edge. */
  caller: Caller;
  signal?: AbortSignal;
  /** The edge's redactor, for files an operation writes (evidence). */
  redact?: Redactor;
  /** Step events, for a progress line (CLI) or progress notifications (MCP). */
  onEvent?: (event: OperationEvent) => void;
  /** The workspace's cache (docs/cache.md), opened on first use; undefined when turned off or unkeyed. */
  cache?: () => Promise<Cache | undefined>;
}

/** The JSON document both edges emit: `ok` and `summary` always, the rest per operation. */
export type OperationDocument = Record<string, unknown> & { ok: boolean; summary: string };

export interface Operation<S extends z.ZodObject = z.ZodObject, D = Record<string, unknown>> {
  name: string;
  input: S;
  run(ctx: OperationContext, input: z.output<S>): Promise<OperationResult<D>>;
  /** The JSON document for `--json` and MCP structuredContent; default {@link defaultDocument}. */
  document?(result: OperationResult<D>, input: z.output<S>): OperationDocument;
}

export function defineOperation<S extends z.ZodObject, D>(operation: Operation<S, D>): Operation<S, D> {
  return operation;
}

/** `{ ok, status, summary, diagnostics, ...data }`: `ok` is false only when the status is `fail`. */
export function defaultDocument(result: OperationResult<unknown>): OperationDocument {
  const data = (result.data ?? {}) as Record<string, unknown>;
  return { ok: result.status !== 'fail', status: result.status, summary: result.summary, diagnostics: result.diagnostics, ...data };
}

/** A gate-shaped result as a document: `{ ok, gate, status, summary, diagnostics, data }`. */
export function gateDocument(gate: string, result: OperationResult<unknown>): OperationDocument {
  return { ok: result.status !== 'fail', gate, status: result.status, summary: result.summary, diagnostics: result.diagnostics, data: result.data };
}

function documentOf<S extends z.ZodObject, D>(operation: Pick<Operation<S, D>, 'document'>, result: OperationResult<D>, input: z.output<S>): OperationDocument {
  return operation.document ? operation.document(result, input) : defaultDocument(result);
}

/** Validate raw input (flags or tool arguments) against the schema; a mismatch is a usage error. */
function parseInput<S extends z.ZodObject>(operation: { name: string; input: S }, raw: unknown): z.output<S> {
  const parsed = operation.input.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`).join('; ');
  throw usageError('OPERATION_INVALID_INPUT', `${operation.name}: ${problems}`, { fix: `Follow the ${operation.name} input (see --help)` });
}

/**
 * Parse, run and project: what both edges call. A hot CLI command may pass the operation without
 * its schema (`input` absent): its action built the input itself, and zod stays unloaded.
 */
export async function runOperation<S extends z.ZodObject, D>(
  operation: Operation<S, D> | Omit<Operation<S, D>, 'input'>,
  ctx: OperationContext,
  raw: unknown,
): Promise<{ result: OperationResult<D>; document: OperationDocument; input: z.output<S> }> {
  const input = 'input' in operation ? parseInput(operation, raw) : (raw as z.output<S>);
  const result = await operation.run(ctx, input);
  return { result, document: documentOf(operation, result, input), input };
}

/** An optional text input: an empty string counts as not given (MCP clients send "" for blanks). */
export const given = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value);

/** A gate-shaped outcome is already an operation result. */
export const asResult = <D>(outcome: { status: OperationStatus; summary: string; diagnostics: Diagnostic[]; data: D }): OperationResult<D> => ({
  status: outcome.status,
  summary: outcome.summary,
  diagnostics: outcome.diagnostics,
  data: outcome.data,
});
