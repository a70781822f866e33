import path from 'node:path';
import { gateDocument, type OperationResult } from '../../core/operations/operation.js';
import type { CliContext } from '../context.js';

type Outcome = OperationResult<unknown>;

/** Diagnostics then `name: status — summary`. */
export function printOutcomeText(ctx: CliContext, name: string, outcome: Outcome): void {
  ctx.printDiagnostics(outcome.diagnostics);
  // A gate judged against a diff base says which one and why, as check does.
  const data = outcome.data as { base?: unknown; baseReason?: unknown } | undefined;
  if (typeof data?.base === 'string' && data.base) {
    ctx.out(ctx.style.dim(`base ${data.base.slice(0, 12)}${typeof data.baseReason === 'string' ? `: ${data.baseReason}` : ''}`));
  }
  const colour = { ok: ctx.style.green, pending: ctx.style.yellow, fail: ctx.style.red, skipped: ctx.style.dim }[outcome.status];
  ctx.out(`${name}: ${colour(outcome.status)} — ${outcome.summary}`);
}

/** Print a gate-shaped result: JSON document or diagnostics plus a status line; exit 1 only on fail. */
export function printOutcome(ctx: CliContext, name: string, outcome: Outcome): number {
  // The same document a gate operation prints (and the MCP tool returns).
  if (ctx.json) ctx.printJson(gateDocument(name, outcome));
  else printOutcomeText(ctx, name, outcome);
  return outcome.status === 'fail' ? 1 : 0;
}

/** Paths on the command line are relative to where the user stands; the core wants root-relative. */
export function relativeFromCwd(ctx: CliContext, p: string): string {
  return path.relative(ctx.root, path.resolve(ctx.cwd, p)).split(path.sep).join('/') || '.';
}

/** A variadic argument as a list of strings. */
export const listArg = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);
