import { z } from 'zod';
import { error } from '../diagnostics.js';
import { usageError } from '../errors.js';
import { summariseResult } from '../report/summarise.js';
import { asResult, defaultDocument, defineOperation, gateDocument, given, type OperationResult } from './operation.js';

export const provenanceOperation = defineOperation({
  name: 'provenance',
  input: z.object({
    action: z.enum(['check', 'stamp']).optional().describe('Default check'),
    all: z.boolean().optional().describe('check: all files'),
    full: z.boolean().optional().describe('check: list every diagnostic (else summarised past 200)'),
    base: z.string().optional().describe('check: git base ref'),
    files: z.array(z.string()).optional().describe('stamp: files'),
    decision: z.string().optional().describe('stamp: D-####'),
    agent: z.string().optional().describe('stamp: agent (default: active lead)'),
    capsule: z.string().optional().describe('stamp: capsule id'),
    dryRun: z.boolean().optional().describe('stamp: write nothing'),
  }),
  async run(ctx, input): Promise<OperationResult<Record<string, unknown>>> {
    if (input.action === 'stamp') {
      const files = input.files ?? [];
      if (!files.length) throw usageError('STAMP_NO_FILES', 'stamp needs files', { fix: 'Pass files: ["src/x.ts"]' });
      const { stampFiles } = await import('../provenance/stamp-files.js');
      const agent = given(input.agent);
      const capsule = input.capsule;
      const dryRun = input.dryRun === true;
      const run = await stampFiles(ctx.root, ctx.config, {
        caller: ctx.caller,
        files,
        decision: input.decision ?? '',
        dryRun,
        ...(agent ? { agent } : {}),
        ...(capsule !== undefined ? { capsule } : {}),
      });
      const refused = run.files.filter((f) => f.status === 'refused');
      const summary = refused.length
        ? `${refused.length} file(s) cannot be stamped; nothing was written`
        : `${run.wrote ? 'stamped' : 'dry run:'} ${run.files.map((f) => `${f.path} (${f.status})`).join(', ')}`;
      const data = {
        dryRun,
        decision: run.decision,
        fields: run.fields,
        files: run.files,
        wrote: run.wrote,
        agent: run.agent,
        agentKnown: run.agentKnown,
        rulesHash: run.rulesHash,
        ...(refused.length ? { error: { kind: 'usage', code: 'STAMP_REFUSED', message: summary, fix: refused[0]!.reason } } : {}),
      };
      const diagnostics = refused.map((f) => error('STAMP_REFUSED', f.reason ?? 'cannot be stamped', { path: f.path }));
      return { status: refused.length ? 'fail' : 'ok', summary, diagnostics, data };
    }
    const [{ createGateInputs }, { checkProvenance }] = await Promise.all([import('../gates/inputs.js'), import('../provenance/check.js')]);
    const baseRef = given(input.base);
    const inputs = createGateInputs({ root: ctx.root, config: ctx.config, caller: ctx.caller, ...(baseRef ? { baseRef } : {}) });
    return asResult(await checkProvenance(inputs, { all: input.all === true }));
  },
  document(result, input) {
    if (input.action === 'stamp') return defaultDocument(result);
    if (input.full) return gateDocument('provenance', result);
    // 20,000 unstamped files would be megabytes of one code: summarised unless asked for in full.
    const shown = summariseResult(result);
    return { ...gateDocument('provenance', shown), ...(shown.truncated ? { truncated: shown.truncated } : {}) };
  },
});
