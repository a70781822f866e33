import { changedFiles, isGitRepo, resolveBase } from '../../core/git/git.js';
import { migrationsOutcome } from '../../core/migrations/run.js';
import type { ActionBody } from '../action.js';
import { printOutcome } from '../render/outcome.js';

export const check: ActionBody = async (ctx, _args, opts) => {
  const config = await ctx.config();
  const explicit = typeof opts.base === 'string' ? opts.base : undefined;
  let base: Promise<string> | undefined;
  const baseOnce = () => (base ??= resolveBase(ctx.root, explicit));
  const outcome = await migrationsOutcome({
    root: ctx.root,
    globs: config.migrations.globs,
    isGitRepo: await isGitRepo(ctx.root),
    base: baseOnce,
    changedFiles: async () => changedFiles(ctx.root, await baseOnce()),
  });
  return printOutcome(ctx, 'migrations', outcome);
};
