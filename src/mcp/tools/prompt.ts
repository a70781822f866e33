import { output, str, bool, READ_ONLY, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_prompt',
  description: "Render the lead agent's prompt for a capsule (ROLE, PLAYBOOK, capsule, context).",
  inputSchema: {
    type: 'object',
    properties: {
      capsule: str('Capsule slug, id or path'),
      agent: str('Render for this agent instead of the lead'),
      pack: bool('Inline Allowed Context files'),
      budget: { type: 'integer', minimum: 1, description: 'Token budget for pack' },
    },
    required: ['capsule'],
  },
  outputSchema: output(),
  annotations: { title: 'Agent prompt', ...READ_ONLY },
  handler: lazyHandler(() => import('../handlers/prompt.js')),
};
