import type { Diagnostic } from '../../core/diagnostics.js';
import { SentinelError, usageError } from '../../core/errors.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';

async function suggest(ctx: CliContext, ref: string, base: string | undefined): Promise<number> {
  const config = await ctx.config();
  const { suggestFor } = await import('../../core/handoff/run.js');
  const result = await suggestFor(ctx.root, config, ref, base);
  if (ctx.json) {
    ctx.printJson({ ok: true, ...result });
    return 0;
  }
  ctx.printDiagnostics(result.diagnostics);
  if (result.phase) ctx.out(`${result.lead}'s ${result.phase} phase tags: ${result.named.join(', ') || 'no role of the roster'}.`);
  if (result.suggestions.length === 0) {
    ctx.out(`No handoff suggested for ${result.capsule}: the diff since ${result.base.slice(0, 12)} shows nothing those roles must pick up.`);
    return 0;
  }
  for (const s of result.suggestions) {
    ctx.out(`\n${ctx.style.bold(s.to)}: ${s.reason}`);
    for (const e of s.evidence) ctx.out(`  - ${e.path}${e.line ? `:${e.line}` : ''}  ${e.detail}`);
    const proposals = result.proposals.filter((p) => p.to === s.to);
    if (proposals.length === 0) ctx.out(`  → sentinel handoff ${result.capsule.split('@')[0]} --to ${s.to} --reason "…"`);
    for (const p of proposals) ctx.out(`  → ${p.command}`);
  }
  return 0;
}

/** `sentinel handoff <capsule> --to <agent> --reason … | --suggest [--base <ref>]` */
export const handoff: ActionBody = async (ctx, args, opts) => {
  const ref = String(args[0]);
  const to = typeof opts.to === 'string' ? opts.to : undefined;
  if (opts.suggest && to) throw usageError('HANDOFF_MODE', 'Pass either --to or --suggest, not both', { fix: 'Run --suggest first, then one `--to <agent> --reason …` per role' });
  if (opts.suggest) return suggest(ctx, ref, typeof opts.base === 'string' ? opts.base : undefined);
  if (!to) throw usageError('HANDOFF_MODE', 'Name the role to hand off to, or ask for suggestions', { fix: `Run \`sentinel handoff ${ref} --to <agent> --reason "…"\` or \`sentinel handoff ${ref} --suggest\`` });
  if (typeof opts.reason !== 'string' || !opts.reason.trim()) throw usageError('HANDOFF_REASON_MISSING', 'A handoff needs a reason', { fix: 'Pass --reason "what the next role must do and why"' });
  const config = await ctx.config();
  const { createHandoff } = await import('../../core/handoff/run.js');
  try {
    const result = await createHandoff(ctx.root, config, ref, to, opts.reason);
    if (ctx.json) ctx.printJson({ ok: true, ...result });
    else {
      ctx.out(`${result.file}  ${result.capsule}  ${result.outcome}`);
      ctx.out(`Handoff ${result.parent} → ${result.to} ${result.recorded ? 'recorded in' : 'already recorded in'} ${result.stateFile}.`);
      ctx.printDiagnostics(result.diagnostics);
      ctx.out(`Next: \`sentinel route ${result.capsule.split('@')[0]}\``);
    }
    return 0;
  } catch (err) {
    const diagnostics = (err as { diagnostics?: Diagnostic[] }).diagnostics;
    if (!(err instanceof SentinelError) || !diagnostics) throw err;
    if (ctx.json) ctx.printJson({ ok: false, error: err.toJSON(), diagnostics });
    else {
      ctx.printDiagnostics(diagnostics);
      ctx.err(`sentinel: ${err.message}${err.fix ? `\n  fix: ${err.fix}` : ''}`);
    }
    return 1;
  }
};
