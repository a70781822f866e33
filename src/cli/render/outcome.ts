import path from 'node:path';
import type { GateOutcome } from '../../core/gates/types.js';
import type { CliContext } from '../context.js';

/** Print a gate-shaped result: JSON document or diagnostics plus a status line; exit 1 only on fail. */
export function printOutcome(ctx: CliContext, name: string, outcome: GateOutcome): number {
  const failed = outcome.status === 'fail';
  if (ctx.json) {
    ctx.printJson({ ok: !failed, gate: name, status: outcome.status, summary: outcome.summary, diagnostics: outcome.diagnostics, data: outcome.data });
    return failed ? 1 : 0;
  }
  ctx.printDiagnostics(outcome.diagnostics);
  const colour = failed ? ctx.style.red : outcome.status === 'ok' ? ctx.style.green : ctx.style.yellow;
  ctx.out(`${name}: ${colour(outcome.status)} — ${outcome.summary}`);
  return failed ? 1 : 0;
}

/** Paths on the command line are relative to where the user stands; the core wants root-relative. */
export function relativeFromCwd(ctx: CliContext, p: string): string {
  return path.relative(ctx.root, path.resolve(ctx.cwd, p)).split(path.sep).join('/') || '.';
}

/** A variadic argument as a list of strings. */
export const listArg = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);
