import { createCapsuleChecker } from '../capsule/check.js';
import { createCapsuleJudge } from '../capsule/check-memo.js';
import { findCapsule } from '../capsule/discover.js';
import { countBySeverity } from '../context/summary.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Gate, GateOutcome } from './types.js';

export interface CapsulesData {
  capsules: { id: string | null; file: string | null; ok: boolean }[];
}

/** Status and summary from the checked capsules: shared by the gate and `report merge`. */
export function concludeCapsules(data: CapsulesData, diagnostics: Diagnostic[]): GateOutcome {
  const failed = data.capsules.filter((c) => !c.ok).length;
  const counts = countBySeverity(diagnostics);
  return {
    status: failed ? 'fail' : 'ok',
    diagnostics,
    data: { ...data },
    summary: `${data.capsules.length - failed}/${data.capsules.length} capsule(s) valid; ${counts.errors} error(s), ${counts.warnings} warning(s)`,
  };
}

export const gate: Gate = {
  name: 'capsules',
  description: 'capsule structure and verifiable acceptance criteria',
  async run(ctx) {
    const all = ctx.capsule ? [await findCapsule(ctx.root, ctx.config, ctx.capsule)] : await ctx.capsules();
    if (all.length === 0) {
      return { status: 'pending', diagnostics: [], data: { capsules: [] }, summary: `no capsules (looked in ${ctx.config.capsules.globs.join(', ')})` };
    }
    // Sharded: this run checks its own capsule files; the checker still knows every file and agent.
    const capsules = all.filter((c) => ctx.owns(c.file ?? c.id ?? c.title));
    const checker = await createCapsuleChecker(ctx.root, ctx.config, ctx.roster(), await ctx.workspaceFiles(), ctx.settings);
    // With the cache (never for `capsule done`/`verify`, which judge against the base's settings), a
    // capsule whose inputs did not change keeps its recorded verdict, as in `status`.
    const judge = ctx.capsuleRecords && !ctx.settings ? createCapsuleJudge(ctx.root, checker, ctx.capsuleRecords) : undefined;
    const checks = capsules.map((capsule) => {
      if (!judge || capsule.file === undefined) {
        const check = checker.check(capsule);
        return { id: capsule.id ?? null, file: capsule.file ?? null, ok: check.ok, diagnostics: check.diagnostics };
      }
      const { id, file, ok, diagnostics } = judge(capsule.file);
      return { id, file, ok, diagnostics };
    });
    const data: CapsulesData = { capsules: checks.map(({ id, file, ok }) => ({ id, file, ok })) };
    return concludeCapsules(
      data,
      checks.flatMap((c) => c.diagnostics),
    );
  },
};
