import path from 'node:path';
import type { GateResult } from '../../core/gates/types.js';
import { isAbsoluteAnywhere, toPosix } from '../../core/workspace/paths.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';

export { contextLint } from './context-lint.js';
export { sentinels } from './sentinels-run.js';
export { commands } from './commands-run.js';

// contracts, scope and tamper: thin wiring over src/core/{contracts,scope,tamper}.
export const contracts: ActionBody = async (ctx, _args, opts) => {
  const { runContracts } = await import('../../core/contracts/run.js');
  const config = await ctx.config();
  const gateCtx = await gateContextFor(ctx, opts);
  const fixture = typeof opts.fixture === 'string' ? rootRelative(ctx, opts.fixture) : undefined;
  const git = await gateCtx.isGitRepo();
  const report = await runContracts({
    root: ctx.root,
    config,
    ...(typeof opts.id === 'string' ? { id: opts.id } : {}),
    ...(fixture !== undefined ? { fixture } : {}),
    ...(git ? { base: await gateCtx.base() } : {}),
  });
  return printGateOutcome(ctx, 'contracts', report);
};

export const scope: ActionBody = async (ctx, _args, opts) => runGateCommand(ctx, opts, 'scope');
export const tamper: ActionBody = async (ctx, _args, opts) => runGateCommand(ctx, opts, 'tamper');

async function gateContextFor(ctx: CliContext, opts: Record<string, unknown>) {
  const { createGateInputs } = await import('../../core/gates/inputs.js');
  const config = await ctx.config();
  // Resolve an explicit --base up front: a ref that does not exist is a usage error (exit 2),
  // not a gate failure.
  const known = typeof opts.base === 'string' ? { base: await (await import('../../core/git/git.js')).resolveBase(ctx.root, opts.base) } : {};
  return createGateInputs({
    root: ctx.root,
    caller: ctx.caller,
    config,
    known,
    ...(typeof opts.capsule === 'string' ? { capsule: opts.capsule } : {}),
    ...(typeof opts.base === 'string' ? { baseRef: opts.base } : {}),
  });
}

async function runGateCommand(ctx: CliContext, opts: Record<string, unknown>, name: 'scope' | 'tamper'): Promise<number> {
  const { runGate } = await import('../../core/gates/run.js');
  const result = await runGate(name, await gateContextFor(ctx, opts));
  return printGateOutcome(ctx, name, result);
}

/** A path given on the command line, relative to the workspace root (it may be typed from a subfolder). */
function rootRelative(ctx: CliContext, given: string): string {
  if (isAbsoluteAnywhere(given)) return given;
  const fromCwd = path.relative(ctx.root, path.resolve(ctx.cwd, given));
  return fromCwd.startsWith('..') ? given : toPosix(fromCwd);
}

/** `--json`: one document with `ok`; text: diagnostics then a status line. Exit 1 only on `fail`. */
function printGateOutcome(ctx: CliContext, gate: string, outcome: Omit<GateResult, 'gate' | 'durationMs'>): number {
  const ok = outcome.status !== 'fail';
  if (ctx.json) {
    ctx.printJson({ ok, gate, status: outcome.status, summary: outcome.summary, diagnostics: outcome.diagnostics, data: outcome.data });
  } else {
    ctx.printDiagnostics(outcome.diagnostics);
    const label = { ok: ctx.style.green('ok'), pending: ctx.style.yellow('pending'), fail: ctx.style.red('fail'), skipped: ctx.style.dim('skipped') }[outcome.status];
    ctx.out(`${gate}: ${label} — ${outcome.summary}`);
  }
  return ok ? 0 : 1;
}
