import { findCapsule } from '../capsule/discover.js';
import { countBySeverity } from '../context/summary.js';
import { lintStatus, type ContextLintResult } from '../context/lint.js';
import { runContextLint } from '../context/run.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Gate, GateOutcome } from './types.js';

export type ContextData = Omit<ContextLintResult, 'diagnostics'>;

/** Status and summary from the measured files: shared by the gate and `report merge`. */
export function concludeContext(data: ContextData, diagnostics: Diagnostic[]): GateOutcome {
  const status = lintStatus({ ...data, diagnostics }, false);
  const counts = countBySeverity(diagnostics);
  const over = data.files.filter((f) => f.level === 'over').length;
  return {
    status,
    diagnostics,
    data: { limitsFile: data.limitsFile, capsules: data.capsules, files: data.files },
    summary:
      status === 'pending'
        ? 'no capsules and no files matching an artifact glob'
        : `${data.files.length} file(s) measured, ${over} over budget; ${counts.errors} error(s), ${counts.warnings} warning(s)`,
  };
}

export const gate: Gate = {
  name: 'context',
  description: 'context budgets and Allowed Context',
  async run(ctx) {
    const capsules = ctx.capsule ? [await findCapsule(ctx.root, ctx.config, ctx.capsule)] : await ctx.capsules();
    // The capsules gate checks the same Allowed Context entries (it validates every capsule with them):
    // when it runs too, a missing or forbidden path is reported there, once, and not worked out here.
    const byCapsules = ctx.gatesInRun?.includes('capsules') ?? false;
    const linted = await runContextLint({
      root: ctx.root,
      config: ctx.config,
      roster: ctx.roster(),
      capsules,
      focused: Boolean(ctx.capsule),
      files: await ctx.workspaceFiles(),
      read: ctx.readText,
      fact: ctx.fileFact,
      ...(byCapsules ? { allowedFindings: false } : {}),
      ...(ctx.shard ? { owns: ctx.owns } : {}),
      ...(ctx.settings ? { settings: ctx.settings } : {}),
    });
    const diagnostics = byCapsules ? linted.diagnostics.filter((d) => !d.code.startsWith('CONTEXT_ALLOWED_')) : linted.diagnostics;
    return concludeContext(linted, diagnostics);
  },
};
