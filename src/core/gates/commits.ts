import { checkCommits, commitsSince } from '../commits/check.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'commits',
  description: "commits touching a capsule's outputs carry its Sentinel trailers",
  async run(ctx) {
    if (!(await ctx.isGitRepo())) return { status: 'skipped', diagnostics: [], data: {}, summary: 'not a git repository' };
    return checkCommits(await commitsSince(ctx.root, await ctx.base()), await ctx.capsules());
  },
};
