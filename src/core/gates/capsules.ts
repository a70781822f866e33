import { createCapsuleChecker } from '../capsule/check.js';
import { findCapsule } from '../capsule/discover.js';
import { countBySeverity } from '../context/summary.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'capsules',
  description: 'capsule structure and verifiable acceptance criteria',
  async run(ctx) {
    const capsules = ctx.capsule ? [await findCapsule(ctx.root, ctx.config, ctx.capsule)] : await ctx.capsules();
    if (capsules.length === 0) {
      return { status: 'pending', diagnostics: [], data: { capsules: [] }, summary: `no capsules (looked in ${ctx.config.capsules.globs.join(', ')})` };
    }
    const checker = await createCapsuleChecker(ctx.root, ctx.config, ctx.roster(), await ctx.workspaceFiles());
    const checks = capsules.map((capsule) => checker.check(capsule));
    const diagnostics = checks.flatMap((c) => c.diagnostics);
    const failed = checks.filter((c) => !c.ok).length;
    const counts = countBySeverity(diagnostics);
    return {
      status: failed ? 'fail' : 'ok',
      diagnostics,
      data: { capsules: checks.map((c) => ({ id: c.capsule.id ?? null, file: c.capsule.file ?? null, ok: c.ok })) },
      summary: `${checks.length - failed}/${checks.length} capsule(s) valid; ${counts.errors} error(s), ${counts.warnings} warning(s)`,
    };
  },
};
