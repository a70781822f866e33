import { handoffOperation } from '../../core/operations/handoff.js';
import { operationTool } from '../operation-tool.js';
import { diagnosticsLine } from '../tool.js';

export const tool = operationTool(handoffOperation, {
  name: 'sentinel_handoff',
  description: 'Create a follow-up capsule for another role (to + reason), or suggest roles to tag from the diff.',
  annotations: { title: 'Hand off', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  text(document) {
    const diagnostics = diagnosticsLine(document.diagnostics as unknown[]);
    if (Array.isArray(document.suggestions)) {
      const lines = (document.suggestions as { to: string; reason: string }[]).map((s) => `${s.to}: ${s.reason}`);
      return [document.summary, ...lines].join('\n') + diagnostics;
    }
    if (!document.ok) return document.summary + diagnostics;
    return `${document.summary}\nNext: sentinel_route ${String(document.capsule)}${diagnostics}`;
  },
});
