import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';
import { runOperationCommand } from '../operation-action.js';
import { formatTable } from '../render/table.js';
import type { Style } from '../render/style.js';
import { actorOf } from '../../core/workspace/caller.js';

const statusColour = (status: string, style: Style): string =>
  status === 'done'
    ? style.green(status)
    : status === 'blocked'
      ? style.red(status)
      : status === 'in_progress' || status === 'routed'
        ? style.yellow(status)
        : status;

async function repair(ctx: CliContext, ref: string): Promise<number> {
  const config = await ctx.config();
  const { repairState } = await import('../../core/lifecycle/repair.js');
  const result = await repairState(ctx.root, config, ref, actorOf(ctx.caller, 'cli'));
  if (ctx.json) {
    ctx.printJson({
      ok: true,
      repaired: result.slug,
      stateFile: result.stateFile,
      keptAs: result.keptAs,
      status: result.state.status,
      lead: result.state.lead ?? null,
      changes: result.changes,
    });
    return 0;
  }
  ctx.out(`Rebuilt ${result.stateFile} from the router log and the capsules naming it as Parent; the edited file is kept as ${result.keptAs}.`);
  for (const c of result.changes) ctx.out(`  ${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
  ctx.out(
    `Now ${result.state.status}${result.state.lead ? ` (lead ${result.state.lead})` : ''}: record the phases again and run \`sentinel capsule done ${result.slug}\`.`,
  );
  return 0;
}

/** `sentinel status [--repair <capsule>]` */
export const status: ActionBody = async (ctx, _args, opts) => {
  if (typeof opts.repair === 'string') return repair(ctx, opts.repair);
  // The operation without its zod schema: status is on the agent's hot path (test/e2e/module-load.test.ts).
  const [{ runStatus }, { gatesSummary }] = await Promise.all([import('../../core/operations/status-run.js'), import('../../core/lifecycle/status.js')]);
  return runOperationCommand(
    ctx,
    { name: 'status', run: runStatus },
    {},
    {
      async text(c, result) {
        if (result.data.capsules.length === 0) {
          c.out(`No capsules found (looked in ${(await c.config()).capsules.globs.join(', ')}).`);
          return;
        }
        const { style } = c;
        const rows = result.data.capsules.map((r) => [
          r.slug,
          `${statusColour(r.status, style)}${r.tampered ? ` ${style.red('TAMPERED')}` : ''}`,
          r.lead ?? '-',
          r.phase ?? '-',
          gatesSummary(r.gates) || '-',
          r.age ?? '-',
        ]);
        c.out(formatTable(['CAPSULE', 'STATUS', 'LEAD', 'PHASE', 'GATES', 'AGE'], rows));
        if (result.diagnostics.length) {
          c.out('');
          c.printDiagnostics(result.diagnostics);
        }
      },
    },
  );
};

/** `sentinel capsule phase <capsule> <PHASE>` */
export const phase: ActionBody = async (ctx, args) => {
  const config = await ctx.config();
  const { recordPhase } = await import('../../core/lifecycle/record.js');
  const result = await recordPhase(ctx.root, config, String(args[0]), String(args[1]), actorOf(ctx.caller, 'cli'));
  if (ctx.json) {
    ctx.printJson({ ok: true, ...result });
    return 0;
  }
  const position = `${result.phases.indexOf(result.phase) + 1}/${result.phases.length}`;
  if (!result.changed) ctx.out(`${result.slug} is already in phase ${result.phase} (${position}); nothing recorded.`);
  else
    ctx.out(
      `${result.slug}: phase ${result.phase} (${position})${result.previousPhase ? `, was ${result.previousPhase}` : ''}; ${result.status}, lead ${result.lead}.`,
    );
  const next = result.phases[result.phases.indexOf(result.phase) + 1];
  ctx.out(
    next ? `Next: \`sentinel capsule phase ${result.slug} ${next}\`` : `Last phase: run \`sentinel capsule done ${result.slug}\` to have the referee check it.`,
  );
  return 0;
};

/** `sentinel capsule done <capsule> [--base <ref>]`: the referee runs the gates itself. */
export const done: ActionBody = async (ctx, args, opts) => {
  const [{ capsuleDoneOperation }, { acceptanceSummary }] = await Promise.all([
    import('../../core/operations/capsule-done.js'),
    import('../../core/lifecycle/acceptance.js'),
  ]);
  const live = !ctx.json && Boolean(process.stderr.isTTY);
  try {
    return await runOperationCommand(
      ctx,
      capsuleDoneOperation,
      {
        capsule: String(args[0]),
        ...(typeof opts.base === 'string' ? { base: opts.base } : {}),
        ...(typeof opts.skipPhases === 'string' ? { skipPhases: opts.skipPhases } : {}),
      },
      {
        ...(live ? { onEvent: (e) => e.kind === 'done' && process.stderr.write(`\r\u001b[K${e.step} ${e.status}`) } : {}),
        text(c, { data: result }) {
          if (live) process.stderr.write('\r\u001b[K');
          const { style } = c;
          const label = (s: string) => (s === 'ok' ? style.green(s) : s === 'fail' ? style.red(s) : s === 'pending' ? style.yellow(s) : style.dim(s));
          c.out(
            formatTable(
              ['GATE', 'STATUS', 'SUMMARY'],
              result.gates.map((g) => [g.gate, label(g.status), g.summary]),
            ),
          );
          c.out('');
          if (result.ok) {
            const pending = result.pending.length ? ` Pending (recorded, not failing): ${result.pending.join(', ')}.` : '';
            c.out(
              `${result.slug} is done: ${result.evidence.length} evidence entries on tree ${result.treeHash.slice(0, 12) || '(no git)'}, kept in ${result.evidenceFile}.${pending}`,
            );
            if (result.acceptance.length) c.out(`Acceptance criteria: ${acceptanceSummary(result.acceptance)}.`);
            if (result.phases.skipped) c.out(`Phase ${result.phases.skipped.phase} skipped: ${result.phases.skipped.reason} (kept in the evidence).`);
            return;
          }
          c.printDiagnostics(result.gates.filter((g) => g.status === 'fail').flatMap((g) => g.diagnostics.filter((d) => d.severity === 'error')));
          c.out('');
          c.out(
            `${result.slug} stays ${result.status}: ${result.failed.join(', ')} failed (run kept in ${result.evidenceFile}). Fix the errors above and run \`sentinel capsule done ${result.slug}\` again.`,
          );
        },
      },
    );
  } finally {
    if (live) process.stderr.write('\r\u001b[K');
  }
};

/** `sentinel capsule block <capsule> --reason <text>` */
export const block: ActionBody = async (ctx, args, opts) => {
  const config = await ctx.config();
  const { blockCapsule } = await import('../../core/lifecycle/record.js');
  const result = await blockCapsule(ctx.root, config, String(args[0]), String(opts.reason), actorOf(ctx.caller, 'cli'));
  if (ctx.json) ctx.printJson({ ok: true, ...result });
  else
    ctx.out(
      `${result.slug}: blocked (was ${result.previousStatus}): ${result.reason}\nResume with \`sentinel capsule phase ${result.slug} <PHASE>\` once the blocker is gone.`,
    );
  return 0;
};

/** `sentinel verify [--capsule <capsule>]`: CI re-judges what `capsule done` recorded. */
export const verify: ActionBody = async (ctx, _args, opts) => {
  const config = await ctx.config();
  const { verifyDone } = await import('../../core/lifecycle/verify.js');
  const report = await verifyDone(ctx.root, config, typeof opts.capsule === 'string' ? { capsule: opts.capsule } : {});
  if (ctx.json) {
    ctx.printJson(report);
    return report.ok ? 0 : 1;
  }
  if (report.capsules.length === 0) {
    ctx.out('No done capsules to verify.');
    return 0;
  }
  for (const c of report.capsules) {
    const where = c.base ? ` from base ${c.base.slice(0, 12)}${c.doneCommit ? ` to ${c.doneCommit.slice(0, 12)}` : ' to the working tree'}` : '';
    ctx.out(`${c.ok ? ctx.style.green('verified') : ctx.style.red('FAILED')} ${c.slug}${where}`);
    ctx.printDiagnostics(c.diagnostics);
  }
  return report.ok ? 0 : 1;
};
