import { usageError } from '../../core/errors.js';
import { createGateInputs } from '../../core/gates/inputs.js';
import { checkProvenance } from '../../core/provenance/check.js';
import { stampFiles } from '../../core/provenance/stamp-files.js';
import { gateOutcome, optionalString, stringList, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  if (call.args.action === 'stamp') {
    const files = stringList(call.args.files);
    if (!files.length) throw usageError('STAMP_NO_FILES', 'stamp needs files', { fix: 'Pass files: ["src/x.ts"]' });
    const agent = optionalString(call.args.agent);
    const capsule = optionalString(call.args.capsule);
    const run = await stampFiles(call.root, call.config, { caller: call.caller,
      files,
      decision: String(call.args.decision ?? ''),
      dryRun: call.args.dryRun === true,
      ...(agent ? { agent } : {}),
      ...(capsule ? { capsule } : {}),
    });
    const summary = run.refused
      ? `${run.refused} file(s) cannot be stamped; nothing was written`
      : `${run.wrote ? 'stamped' : 'dry run:'} ${run.files.map((f) => `${f.path} (${f.status})`).join(', ')}`;
    const reasons = run.files.filter((f) => f.status === 'refused').map((f) => `\n- ${f.path}: ${f.reason}`).join('');
    return { structured: { ok: run.refused === 0, summary, decision: run.decision, fields: run.fields, files: run.files, wrote: run.wrote }, text: summary + reasons };
  }
  const baseRef = optionalString(call.args.base);
  const ctx = createGateInputs({ root: call.root, config: call.config, caller: call.caller, ...(baseRef ? { baseRef } : {}) });
  return gateOutcome('provenance', await checkProvenance(ctx, { all: call.args.all === true }));
}
