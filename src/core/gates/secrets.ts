import { configuredLogFiles } from '../logs/run.js';
import { scannableChanges, secretsOutcome } from '../secrets/run.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'secrets',
  description: 'no secrets in changed files or logs',
  async run(ctx) {
    const logs = await configuredLogFiles(ctx.root, ctx.config);
    const git = await ctx.isGitRepo();
    const changed = git ? scannableChanges(await ctx.changedFiles()) : [];
    if (!git && logs.length === 0) {
      return { status: 'skipped', diagnostics: [], data: {}, summary: 'not a git repository and no log files' };
    }
    const what = git ? `files changed since ${(await ctx.base()).slice(0, 12)}${logs.length ? ' and log files' : ''}` : 'log files';
    return secretsOutcome(ctx.root, ctx.config, [...changed, ...logs], what, ctx.settings);
  },
};
