import { findCapsule } from '../capsule/discover.js';
import { countBySeverity } from '../context/summary.js';
import { lintStatus } from '../context/lint.js';
import { runContextLint } from '../context/run.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'context',
  description: 'context budgets and Allowed Context',
  async run(ctx) {
    const capsules = ctx.capsule ? [await findCapsule(ctx.root, ctx.config, ctx.capsule)] : await ctx.capsules();
    const linted = await runContextLint({ root: ctx.root, config: ctx.config, roster: ctx.roster(), capsules, focused: Boolean(ctx.capsule), files: await ctx.workspaceFiles(), read: ctx.readText });
    // The capsules gate checks the same Allowed Context entries (it validates every capsule with them):
    // when it runs too, a missing or forbidden path is reported there, once.
    const byCapsules = ctx.gatesInRun?.includes('capsules') ?? false;
    const result = byCapsules ? { ...linted, diagnostics: linted.diagnostics.filter((d) => !d.code.startsWith('CONTEXT_ALLOWED_')) } : linted;
    const status = lintStatus(result, false);
    const counts = countBySeverity(result.diagnostics);
    const over = result.files.filter((f) => f.level === 'over').length;
    return {
      status,
      diagnostics: result.diagnostics,
      data: { limitsFile: result.limitsFile, capsules: result.capsules, files: result.files },
      summary:
        status === 'pending'
          ? 'no capsules and no files matching an artifact glob'
          : `${result.files.length} file(s) measured, ${over} over budget; ${counts.errors} error(s), ${counts.warnings} warning(s)`,
    };
  },
};
