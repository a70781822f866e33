import { output, str, bool, lazyHandler, type ToolDefinition } from '../tool.js';

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
  handler: lazyHandler(() => import('../handlers/handoff.js')),
};
