import type { GateResult } from '../../core/gates/types.js';
import { checkOperation } from '../../core/operations/check.js';
import { operationTool } from '../operation-tool.js';
import { diagnosticsLine } from '../tool.js';

export const tool = operationTool(checkOperation, {
  name: 'sentinel_check',
  description: 'Run gates (default all) on the workspace; ok=false if any fails.',
  annotations: { title: 'Run gates', readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  text: (document) => {
    const gates = document.gates as GateResult[];
    const lines = gates.map((g) => `${g.gate}: ${g.status} — ${g.summary}`).join('\n');
    return `check ${String(document.status)}\n${lines}${diagnosticsLine(gates.flatMap((g) => g.diagnostics))}`;
  },
});
