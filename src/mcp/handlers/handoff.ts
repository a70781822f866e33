import { usageError } from '../../core/errors.js';
import { createHandoff, suggestFor } from '../../core/handoff/run.js';
import { diagnosticsLine, optionalString, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const ref = String(call.args.capsule);
  const to = optionalString(call.args.to);
  if (call.args.suggest === true || !to) {
    const result = await suggestFor(call.root, call.config, ref, optionalString(call.args.base));
    const lines = result.suggestions.map((s) => `${s.to}: ${s.reason}`);
    const summary = `${result.suggestions.length} handoff(s) suggested for ${result.capsule}`;
    return { structured: { ok: true, summary, ...result }, text: [summary, ...lines].join('\n') + diagnosticsLine(result.diagnostics) };
  }
  const reason = optionalString(call.args.reason)?.trim();
  if (!reason) throw usageError('HANDOFF_REASON_MISSING', 'A handoff needs a reason', { fix: 'Pass reason: what the next role must do and why' });
  const result = await createHandoff(call.root, call.config, ref, to, reason);
  const summary = `${result.parent} → ${result.to}: ${result.file} ${result.outcome}`;
  return { structured: { ok: true, summary, ...result }, text: `${summary}\nNext: sentinel_route ${result.capsule}` + diagnosticsLine(result.diagnostics) };
}
