import { boundariesOutcome } from '../boundaries/run.js';
import { resolveActiveCapsule } from '../state/state.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'boundaries',
  description: "outbound network calls stay in the Integrator's clients",
  async run(ctx) {
    const git = await ctx.isGitRepo();
    const all = await ctx.workspaceFiles();
    const files = git ? (await ctx.changedFiles()).filter((f) => f.status !== 'deleted').map((f) => f.path) : all;
    const capsule = resolveActiveCapsule(ctx.root, ctx.config, ctx.capsule, ctx.caller);
    const { findings: _f, ...outcome } = boundariesOutcome({
      config: ctx.config,
      roster: ctx.roster(),
      files,
      workspaceFiles: all,
      read: ctx.readText,
      ...(capsule ? { capsule } : {}),
      scope: git ? 'changed' : 'all',
    });
    return outcome;
  },
};
