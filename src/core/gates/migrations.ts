import { migrationsOutcome } from '../migrations/run.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'migrations',
  description: 'migrations are forward-only',
  async run(ctx) {
    return migrationsOutcome({
      root: ctx.root,
      globs: ctx.config.migrations.globs,
      isGitRepo: await ctx.isGitRepo(),
      base: ctx.base,
      changedFiles: ctx.changedFiles,
    });
  },
};
