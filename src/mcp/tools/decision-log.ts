import { decisionLogOperation } from '../../core/operations/decision-log.js';
import { operationTool } from '../operation-tool.js';
import { diagnosticsLine } from '../tool.js';

interface Entry {
  id: string;
  date: string;
  author: string;
  decision: string;
}

export const tool = operationTool(decisionLogOperation, {
  name: 'sentinel_decision_log',
  description: 'Decision ledger: list, show, validate, or append (returns the id and provenance header).',
  annotations: { title: 'Decision ledger', readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  pathArgs: ['outputs'],
  text(document) {
    if (Array.isArray(document.entries)) {
      const lines = (document.entries as Entry[]).map((e) => `${e.id} ${e.date} ${e.author}: ${e.decision}`).join('\n');
      return `${document.summary}${lines ? `\n${lines}` : ''}`;
    }
    if (document.raw) {
      return Object.entries(document.raw as Record<string, string>)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n');
    }
    if (document.headers && typeof (document.headers as { line?: string }).line === 'string')
      return `${document.summary}\nheader: ${(document.headers as { line: string }).line}`;
    return document.summary + diagnosticsLine(document.diagnostics as unknown[]);
  },
});
