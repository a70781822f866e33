import { z } from 'zod';
import { configError } from '../errors.js';
import { GATE_NAMES } from '../gates/types.js';
import type { CheckReport } from '../report/check-report.js';
import { checkDocument, checkSummary } from '../report/summarise.js';
import { defineOperation, given } from './operation.js';

/** `sentinel check` / `sentinel_check`: the selected gates in parallel, one report. */
export const checkOperation = defineOperation({
  name: 'check',
  input: z.object({
    // Names are checked by selectGates (GATE_UNKNOWN with the list), the same on both edges.
    gates: z
      .array(z.string())
      .optional()
      .describe(`Only these gates: ${GATE_NAMES.join(', ')}`),
    skip: z.array(z.string()).optional().describe('Gate names to skip'),
    capsule: z.string().optional().describe('Capsule slug/id (default: active)'),
    base: z.string().optional().describe('Git base ref'),
    strict: z.boolean().optional().describe('Pending gates fail too'),
    shard: z.string().optional().describe('i/n: run slice i of n (join with report merge)'),
    full: z.boolean().optional().describe('Every item of long lists (default: a summary past 200)'),
  }),
  async run(ctx, input) {
    const [{ runCheck }, { isWorkspace }] = await Promise.all([import('../gates/run-check.js'), import('../workspace/root.js')]);
    // Passing on a folder nothing was set up in would be a verdict about nothing.
    if (!isWorkspace(ctx.root)) {
      throw configError('CHECK_NO_WORKSPACE', `${ctx.root} has no .sentinel/ and no .git/ (here or in any parent folder): there is nothing set up to check`, {
        fix: 'Run `sentinel init` here first (or pass --root <your repository>)',
      });
    }
    const shardText = given(input.shard);
    const shard = shardText ? (await import('../gates/shard.js')).parseShard(shardText) : undefined;
    const capsule = given(input.capsule);
    const base = given(input.base);
    const event = ctx.onEvent;
    const cache = await ctx.cache?.();
    const report: CheckReport = await runCheck(ctx.root, ctx.config, {
      caller: ctx.caller,
      ...(input.gates?.length ? { only: input.gates } : {}),
      ...(input.skip?.length ? { skip: input.skip } : {}),
      ...(capsule ? { capsule } : {}),
      ...(base ? { base } : {}),
      strict: input.strict === true,
      ...(shard ? { shard } : {}),
      ...(cache ? { cache } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(event
        ? {
            onStart: (gates) => event({ kind: 'start', steps: gates }),
            onProgress: (gate, message) => event({ kind: 'note', step: gate, message }),
            onGateDone: (result) => event({ kind: 'done', step: result.gate, status: result.status }),
          }
        : {}),
    });
    const summary = checkSummary(report);
    // The gates carry their own diagnostics; the run itself has none.
    return { status: report.status, summary, diagnostics: [], data: report };
  },
  // The check report (schemas/check-report.schema.json) with its one-line summary; long lists summarised unless full.
  document: (result, input) => ({ ...checkDocument(result.data, input.full === true) }),
});
