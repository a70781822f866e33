import { usageError } from '../../core/errors.js';
import { createHandoff, suggestFor } from '../../core/handoff/run.js';
import { bool, diagnosticsLine, optionalString, output, str, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_handoff',
  description: 'Create a follow-up capsule for another role (to + reason), or suggest roles to tag from the diff.',
  inputSchema: {
    type: 'object',
    properties: { capsule: str('Parent capsule'), to: str('Agent id'), reason: str('What the next role must do'), suggest: bool('Only suggest'), base: str('Git base ref') },
    required: ['capsule'],
  },
  outputSchema: output(),
  annotations: { title: 'Hand off', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  async handler(call) {
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
  },
};
