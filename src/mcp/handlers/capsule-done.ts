import { acceptanceSummary } from '../../core/lifecycle/acceptance.js';
import { markDone } from '../../core/lifecycle/done.js';
import { diagnosticsLine, optionalString, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  let done = 0;
  const base = optionalString(call.args.base);
  const skipPhases = optionalString(call.args.skipPhases);
  const result = await markDone(call.root, call.config, String(call.args.capsule), {
    caller: call.caller,
    ...(base ? { base } : {}),
    ...(skipPhases ? { skipPhases } : {}),
    signal: call.signal,
    ...(call.redact ? { redact: call.redact } : {}),
    onGateDone: (r) => call.progress(++done, undefined, `${r.gate}: ${r.status}`),
  });
  const summary = result.ok ? `${result.slug} is done (${result.evidence.length} evidence entries; acceptance ${acceptanceSummary(result.acceptance)})` : `${result.slug} stays ${result.status}: ${result.failed.join(', ')} failed`;
  const { gates, evidence: _evidence, ...rest } = result;
  const failing = gates.filter((g) => g.status === 'fail').flatMap((g) => g.diagnostics);
  return {
    structured: { ...rest, summary, gates: gates.map((g) => ({ gate: g.gate, status: g.status, summary: g.summary })), diagnostics: failing },
    text: summary + diagnosticsLine(failing),
  };
}
