import { z } from 'zod';
import { defineOperation } from './operation.js';

/** `sentinel status` / `sentinel_status`: every capsule joined with its state. */
export const statusOperation = defineOperation({
  name: 'status',
  input: z.object({}),
  async run(ctx) {
    const { statusReport } = await import('../lifecycle/report.js');
    const { ok, capsules, diagnostics } = await statusReport(ctx.root, ctx.config);
    const summary = `${capsules.length} capsule(s)${ok ? '' : '; a state file was edited by hand'}`;
    return { status: ok ? 'ok' : 'fail', summary, diagnostics, data: { capsules } };
  },
});
