import { info } from '../diagnostics.js';
import { runContracts } from '../contracts/run.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'contracts',
  description: 'contract fixtures validate; versions only move forward',
  async run(ctx) {
    const git = await ctx.isGitRepo();
    const report = await runContracts({
      root: ctx.root,
      config: ctx.config,
      ...(git ? { base: await ctx.base() } : {}),
      ...(ctx.shard ? { owns: ctx.owns } : {}),
      fact: ctx.fileFact,
    });
    if (!git)
      report.diagnostics.push(
        info('CONTRACT_VERSIONS_UNCHECKED', 'Not a git repository: contract versions were not compared with a base', {
          fix: 'Run inside a git work tree to check version discipline',
        }),
      );
    return { status: report.status, diagnostics: report.diagnostics, data: report.data, summary: report.summary };
  },
};
