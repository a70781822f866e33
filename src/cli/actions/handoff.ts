import type { Diagnostic } from '../../core/diagnostics.js';
import { usageError } from '../../core/errors.js';
import type { createHandoff, suggestFor } from '../../core/handoff/run.js';
import { handoffOperation } from '../../core/operations/handoff.js';
import type { ActionBody } from '../action.js';
import { runOperationCommand } from '../operation-action.js';
import type { CliContext } from '../context.js';
import { slugOfRef } from '../../core/capsule/ref.js';

type Suggested = Awaited<ReturnType<typeof suggestFor>>;
type Created = Awaited<ReturnType<typeof createHandoff>>;

function printSuggestions(ctx: CliContext, result: Omit<Suggested, 'diagnostics'>, diagnostics: Diagnostic[]): void {
  ctx.printDiagnostics(diagnostics);
  if (result.phase) ctx.out(`${result.lead}'s ${result.phase} phase tags: ${result.named.join(', ') || 'no role of the roster'}.`);
  if (result.suggestions.length === 0) {
    ctx.out(`No handoff suggested for ${result.capsule}: the diff since ${result.base.slice(0, 12)} shows nothing those roles must pick up.`);
    return;
  }
  for (const s of result.suggestions) {
    ctx.out(`\n${ctx.style.bold(s.to)}: ${s.reason}`);
    for (const e of s.evidence) ctx.out(`  - ${e.path}${e.line ? `:${e.line}` : ''}  ${e.detail}`);
    const proposals = result.proposals.filter((p) => p.to === s.to);
    if (proposals.length === 0) ctx.out(`  → sentinel handoff ${slugOfRef(result.capsule)} --to ${s.to} --reason "…"`);
    for (const p of proposals) ctx.out(`  → ${p.command}`);
  }
}

/** `sentinel handoff <capsule> --to <agent> --reason … | --suggest [--base <ref>]` */
export const handoff: ActionBody = async (ctx, args, opts) => {
  const ref = String(args[0]);
  const to = typeof opts.to === 'string' ? opts.to : undefined;
  if (!opts.suggest && !to)
    throw usageError('HANDOFF_MODE', 'Name the role to hand off to, or ask for suggestions', {
      fix: `Run \`sentinel handoff ${ref} --to <agent> --reason "…"\` or \`sentinel handoff ${ref} --suggest\``,
    });
  if (!opts.suggest && (typeof opts.reason !== 'string' || !opts.reason.trim()))
    throw usageError('HANDOFF_REASON_MISSING', 'A handoff needs a reason', { fix: 'Pass --reason "what the next role must do and why"' });
  const input = {
    capsule: ref,
    ...(to ? { to } : {}),
    ...(typeof opts.reason === 'string' ? { reason: opts.reason } : {}),
    ...(opts.suggest ? { suggest: true } : {}),
    ...(typeof opts.base === 'string' ? { base: opts.base } : {}),
  };
  return runOperationCommand(ctx, handoffOperation, input, {
    text(c, { status, summary, data, diagnostics }) {
      if (opts.suggest) return printSuggestions(c, data as unknown as Suggested, diagnostics);
      const result = data as unknown as Created;
      if (status === 'fail') {
        c.printDiagnostics(diagnostics);
        c.err(`sentinel: ${summary}`);
        return;
      }
      c.out(`${result.file}  ${result.capsule}  ${result.outcome}`);
      c.out(`Handoff ${result.parent} → ${result.to} ${result.recorded ? 'recorded in' : 'already recorded in'} ${result.stateFile}.`);
      c.printDiagnostics(diagnostics);
      c.out(`Next: \`sentinel route ${slugOfRef(result.capsule)}\``);
    },
  });
};
