import type { Command } from 'commander';
import { SentinelError, errorDocument, exitCodeFor } from '../core/errors.js';
// Static: every command that runs builds its context, and a lazy import would be one more file on
// the hot paths (--help is baked at build time and loads none of this).
import { createCliContext, type CliContext, type GlobalOptions } from './context.js';
import type { Redactor } from '../core/secrets/redact.js';
import { writeTo } from './stdio.js';

/** A command body: returns the exit code (0 when it returns nothing). */
export type ActionBody = (ctx: CliContext, args: unknown[], opts: Record<string, unknown>) => Promise<number | void>;

/** Print an error where the caller looks: JSON on stdout with --json, text on stderr otherwise. */
function reportError(err: unknown, json: boolean, redactor?: Redactor): number {
  const stderr = (text: string) => writeTo(2, redactor ? redactor.text(text) : text);
  // The same document an MCP tool call answers with when it is refused, masked value by value as
  // printJson does (masking the JSON text could miss an escaped secret or break the JSON).
  if (json) writeTo(1, `${JSON.stringify(redactor ? redactor.value(errorDocument(err)) : errorDocument(err), null, 2)}\n`);
  if (err instanceof SentinelError) {
    if (!json) {
      const where = err.path ? ` (${err.path}${err.line ? `:${err.line}` : ''})` : '';
      stderr(`sentinel: ${err.message}${where}\n${err.fix ? `  fix: ${err.fix}\n` : ''}`);
    }
    return exitCodeFor(err.kind);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (!json) stderr(`sentinel: internal error: ${message}\n${process.env.SENTINEL_DEBUG && err instanceof Error ? `${err.stack}\n` : ''}`);
  return 2;
}

/** Run a command body with its context; errors map to exit codes in one place. */
export async function runAction(loadBody: () => Promise<ActionBody>, args: unknown[], opts: Record<string, unknown> & GlobalOptions): Promise<void> {
  let code: number;
  let redact: Redactor | undefined;
  try {
    const ctx = createCliContext(opts);
    redact = ctx.redact;
    const body = await loadBody();
    code = (await body(ctx, args, opts)) ?? 0;
  } catch (err) {
    code = reportError(err, Boolean(opts.json), redact);
  }
  process.exitCode = code;
}

/** A commander action running the command body loadBody imports when the command runs. */
export function bodyAction(loadBody: () => Promise<ActionBody>) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    await runAction(loadBody, params.slice(0, -2), command.optsWithGlobals());
  };
}

/**
 * Wrap a lazily imported command body as a commander action: the module is imported only when
 * the command runs.
 */
export function lazyAction<M>(load: () => Promise<M>, pick: (module: M) => ActionBody) {
  return bodyAction(async () => pick(await load()));
}
