import type { z } from 'zod';
import { runOperation, type Operation, type OperationDocument, type OperationEvent, type OperationResult } from '../core/operations/operation.js';
import type { CliContext } from './context.js';
import { printOutcomeText } from './render/outcome.js';

interface CliRun<S extends z.ZodObject, D> {
  /** Text rendering (not used with --json); default: diagnostics then `name: status — summary`. */
  text?(ctx: CliContext, result: OperationResult<D>, document: OperationDocument, input: z.output<S>): void | Promise<void>;
  onEvent?(event: OperationEvent): void;
  /** Called with the document before it is printed (e.g. to write report files too). */
  beforeRender?(document: OperationDocument, result: OperationResult<D>): void;
  /** What --json prints, when a CLI-only flag adds to the document (e.g. the file --out wrote). */
  json?(document: OperationDocument): unknown;
  /** Default: 0 when the document is ok, else 1. */
  exitCode?(document: OperationDocument): number;
}

/**
 * Run an operation for a CLI command: the flags, already mapped to the operation's input, are
 * validated by its schema; `--json` prints the same document the MCP tool returns. Exit 1 when
 * the document is not ok.
 */
export async function runOperationCommand<S extends z.ZodObject, D>(
  ctx: CliContext,
  operation: Operation<S, D> | Omit<Operation<S, D>, 'input'>,
  raw: z.input<S>,
  cli: CliRun<S, D> = {},
): Promise<number> {
  const config = await ctx.config();
  const { result, document, input } = await runOperation(
    operation,
    {
      root: ctx.root,
      config,
      caller: ctx.caller,
      redact: ctx.redact,
      cache: async () => (await import('./cache.js')).workspaceCache(ctx.root, config),
      ...(cli.onEvent ? { onEvent: cli.onEvent } : {}),
    },
    raw,
  );
  if (result.notes?.length) ctx.warnDiagnostics(result.notes);
  cli.beforeRender?.(document, result);
  if (ctx.json) ctx.printJson(cli.json ? cli.json(document) : document);
  else if (cli.text) await cli.text(ctx, result, document, input);
  else printOutcomeText(ctx, typeof document.gate === 'string' ? document.gate : operation.name, result);
  return cli.exitCode ? cli.exitCode(document) : document.ok ? 0 : 1;
}
