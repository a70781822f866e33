import { output, str, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_capsule_done',
  description: 'The referee runs the capsule gates; if none fails the capsule is done, with evidence.',
  inputSchema: {
    type: 'object',
    properties: { capsule: str('Capsule slug, id or path'), base: str('Git base ref'), skipPhases: str("Why the playbook's verification phase was not entered (kept in the evidence)") },
    required: ['capsule'],
  },
  outputSchema: output(),
  annotations: { title: 'Finish capsule', readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  handler: lazyHandler(() => import('../handlers/capsule-done.js')),
};
