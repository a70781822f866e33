import { boundariesOutcome } from '../boundaries/run.js';
import { resolveActiveCapsule } from '../state/state.js';
import type { Gate, GateInputs, GateOutcome } from './types.js';

/**
 * The boundaries verdict on shared gate inputs: changed files by default, the whole tree with
 * `all` (or outside git). The gate and `sentinel boundaries` both call this.
 */
export async function boundariesOf(ctx: GateInputs, options: { all?: boolean } = {}): Promise<GateOutcome> {
  const whole = options.all === true || !(await ctx.isGitRepo());
  const all = await ctx.workspaceFiles();
  const files = whole ? all : (await ctx.changedFiles()).filter((f) => f.status !== 'deleted').map((f) => f.path);
  const capsule = resolveActiveCapsule(ctx.root, ctx.config, ctx.capsule, ctx.caller);
  const { findings: _f, ...outcome } = boundariesOutcome({
    config: ctx.config,
    roster: ctx.roster(),
    files,
    workspaceFiles: all,
    read: ctx.readText,
    ...(capsule ? { capsule } : {}),
    scope: whole ? 'all' : 'changed',
  });
  return outcome;
}

export const gate: Gate = {
  name: 'boundaries',
  description: "outbound network calls stay in the Integrator's clients",
  run: (ctx) => boundariesOf(ctx),
};
