import type { OperationContext, OperationResult } from './operation.js';
import type { StatusRow } from '../lifecycle/status.js';

/** The status operation's body, apart from its schema: `sentinel status` is a hot path and loads no zod. */
export async function runStatus(ctx: OperationContext): Promise<OperationResult<{ capsules: StatusRow[] }>> {
  const { statusReport } = await import('../lifecycle/report.js');
  const { ok, capsules, diagnostics } = await statusReport(ctx.root, ctx.config, new Date(), await ctx.cache?.());
  const summary = `${capsules.length} capsule(s)${ok ? '' : '; a state file was edited by hand'}`;
  return { status: ok ? 'ok' : 'fail', summary, diagnostics, data: { capsules } };
}
