import { output, str, bool, strList, oneOf, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_decision_log',
  description: 'Decision ledger: list, show, validate, or append (returns the id and provenance header).',
  inputSchema: {
    type: 'object',
    properties: {
      action: oneOf(['list', 'show', 'validate', 'append'], 'What to do'),
      id: str('show: D-####'),
      author: str('append: agent id'),
      scope: str('append'),
      decision: str('append'),
      rationale: str('append'),
      outputs: strList('append: files produced'),
      supersedes: str('append: D-#### it replaces'),
      capsule: str('append: capsule'),
      dryRun: bool('append: write nothing'),
    },
    required: ['action'],
  },
  outputSchema: output(),
  annotations: { title: 'Decision ledger', readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  pathArgs: ['outputs'],
  handler: lazyHandler(() => import('../handlers/decision-log.js')),
};
