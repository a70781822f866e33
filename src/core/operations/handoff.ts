import { z } from 'zod';
import { usageError } from '../errors.js';
import { defineOperation, given, type OperationResult } from './operation.js';

/** `sentinel handoff` / `sentinel_handoff`: a follow-up capsule for another role, or suggestions whom to tag. */
export const handoffOperation = defineOperation({
  name: 'handoff',
  input: z.object({
    capsule: z.string().describe('Parent capsule'),
    to: z.string().optional().describe('Agent id'),
    reason: z.string().optional().describe('What the next role must do'),
    suggest: z.boolean().optional().describe('Only suggest'),
    base: z.string().optional().describe('Git base ref'),
  }),
  async run(ctx, input): Promise<OperationResult<Record<string, unknown>>> {
    const { createHandoff, suggestFor } = await import('../handoff/run.js');
    const to = given(input.to);
    if (input.suggest === true && to)
      throw usageError('HANDOFF_MODE', 'Pass either --to or --suggest, not both', { fix: 'Run --suggest first, then one `--to <agent> --reason …` per role' });
    if (input.suggest === true || !to) {
      const { diagnostics, ...data } = await suggestFor(ctx.root, ctx.config, input.capsule, given(input.base));
      return { status: 'ok', summary: `${data.suggestions.length} handoff(s) suggested for ${data.capsule}`, diagnostics, data };
    }
    const reason = input.reason?.trim();
    if (!reason) throw usageError('HANDOFF_REASON_MISSING', 'A handoff needs a reason', { fix: 'Pass --reason "what the next role must do and why" (reason)' });
    const { diagnostics, ...data } = await createHandoff(ctx.root, ctx.config, input.capsule, to, reason);
    if (data.outcome === 'invalid')
      return { status: 'fail', summary: `${data.parent} → ${data.to}: ${data.file} would not validate; nothing written`, diagnostics, data };
    return { status: 'ok', summary: `${data.parent} → ${data.to}: ${data.file} ${data.outcome}`, diagnostics, data };
  },
});
