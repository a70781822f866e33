import { routeOperation } from '../../core/operations/route.js';
import { operationTool } from '../operation-tool.js';
import { diagnosticsLine } from '../tool.js';

interface Explained {
  candidates: { id: string; score: number }[];
}

export const tool = operationTool(routeOperation, {
  name: 'sentinel_route',
  description:
    'Pick one lead agent for a capsule and log it. mode explain: score only, nothing logged; prompt: LLM router prompt; accept: check an LLM answer.',
  annotations: { title: 'Route capsule', readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  // Diagnostics of an MCP answer point at the call itself; only `--accept <file>` names a file.
  cliOnly: ['source'],
  text(document) {
    if (typeof document.prompt === 'string') return document.prompt;
    const diagnostics = diagnosticsLine(document.diagnostics as unknown[]);
    const refusal = document.refusal as { fix: string } | undefined;
    if (refusal) return `${document.summary} (fix: ${refusal.fix})${diagnostics}`;
    const explanation = document.explanation as Explained | undefined;
    if (!explanation) return document.summary + diagnostics;
    const scores = explanation.candidates
      .slice(0, 3)
      .map((c) => `${c.id} ${c.score}`)
      .join(', ');
    return `${document.summary}; top scores: ${scores}${diagnostics}`;
  },
});
