import { z } from 'zod';
import type { DoneResult } from '../lifecycle/done.js';
import { defineOperation, given } from './operation.js';

/** `sentinel capsule done` / `sentinel_capsule_done`: the referee runs the gates and records evidence. */
export const capsuleDoneOperation = defineOperation({
  name: 'capsule done',
  input: z.object({
    capsule: z.string().describe('Capsule slug, id or path'),
    base: z.string().optional().describe('Git base ref'),
    skipPhases: z.string().optional().describe("Why the playbook's verification phase was not entered (kept in the evidence)"),
  }),
  async run(ctx, input) {
    const [{ markDone }, { acceptanceSummary }] = await Promise.all([import('../lifecycle/done.js'), import('../lifecycle/acceptance.js')]);
    const base = given(input.base);
    const skipPhases = given(input.skipPhases);
    const event = ctx.onEvent;
    const result: DoneResult = await markDone(ctx.root, ctx.config, input.capsule, {
      caller: ctx.caller,
      ...(base ? { base } : {}),
      ...(skipPhases ? { skipPhases } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.redact ? { redact: ctx.redact } : {}),
      ...(event
        ? {
            onProgress: (gate, message) => event({ kind: 'note', step: gate, message }),
            onGateDone: (r) => event({ kind: 'done', step: r.gate, status: r.status }),
          }
        : {}),
    });
    const summary = result.ok
      ? `${result.slug} is done (${result.evidence.length} evidence entries; acceptance ${acceptanceSummary(result.acceptance)})`
      : `${result.slug} stays ${result.status}: ${result.failed.join(', ')} failed`;
    const diagnostics = result.gates.filter((g) => g.status === 'fail').flatMap((g) => g.diagnostics);
    return { status: result.ok ? 'ok' : 'fail', summary, diagnostics, data: result };
  },
  // DoneResult as it always was (its `status` is the capsule's), with the summary and the failing gates' diagnostics.
  document: (result) => ({ ...result.data, summary: result.summary, diagnostics: result.diagnostics }),
});
