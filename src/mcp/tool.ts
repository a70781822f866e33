import type { Redactor } from '../core/secrets/redact.js';
import type { SentinelConfig } from '../core/workspace/config-types.js';
import type { Caller } from '../core/workspace/caller.js';

/** A JSON Schema object as sent in tools/list (kept terse: every token is the agent's context). */
export interface JsonSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties?: boolean;
}

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
}

/** What every tool handler gets: the workspace, its config, progress and cancellation. */
export interface ToolCall {
  root: string;
  config: SentinelConfig;
  /** What the server's environment said ($SENTINEL_CAPSULE, $SENTINEL_ACTOR, the binary). */
  caller: Caller;
  args: Record<string, unknown>;
  signal: AbortSignal;
  /** Report progress; sent as notifications/progress only when the caller asked (progressToken). */
  progress(progress: number, total?: number, message?: string): void;
  log(message: string): void;
  /** The server's redactor (secret rules + secret-looking env values), for files a tool writes. */
  redact?: Redactor;
}

/** A tool's answer: `structured` becomes structuredContent, `text` the short summary the model reads. */
export interface ToolOutcome {
  structured: Record<string, unknown> & { ok: boolean; summary: string };
  text?: string;
}

/** An outcome after the one redaction every tool result passes: what leaves the server. */
export interface RedactedOutcome {
  text: string;
  structured: ToolOutcome['structured'];
}

/** Command output and file content get masked here, on the thread that ran the tool. */
export function redactOutcome(outcome: ToolOutcome, redact: Redactor): RedactedOutcome {
  return { text: redact.text(outcome.text ?? outcome.structured.summary), structured: redact.value(outcome.structured) };
}

export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  annotations: ToolAnnotations;
  /** Argument names that are workspace paths (string or string[]): checked inside the root first. */
  pathArgs?: string[];
  handler(call: ToolCall): Promise<ToolOutcome>;
}

/** Output schema shared by every tool: `ok` and `summary`, plus tool-specific fields. */
export function output(extra: Record<string, Record<string, unknown>> = {}): JsonSchema {
  return { type: 'object', properties: { ok: { type: 'boolean' }, summary: { type: 'string' }, ...extra }, required: ['ok', 'summary'] };
}

export const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true } as const;

/** The first few error/warning messages, so the model sees why without opening structuredContent. */
export function diagnosticsLine(diagnostics: unknown[], limit = 5): string {
  const shown = (diagnostics as { severity: string; code: string; message: string; path?: string; line?: number; fix?: string }[])
    .filter((d) => d.severity !== 'info')
    .slice(0, limit)
    .map((d) => `\n- ${d.severity} ${d.code}${d.path ? ` ${d.path}${d.line ? `:${d.line}` : ''}` : ''}: ${d.message}${d.fix ? ` (fix: ${d.fix})` : ''}`);
  const more = diagnostics.filter((d) => (d as { severity: string }).severity !== 'info').length - shown.length;
  return shown.join('') + (more > 0 ? `\n- … ${more} more in structuredContent.diagnostics` : '');
}
