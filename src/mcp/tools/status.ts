import { output, READ_ONLY, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_status',
  description: 'Every capsule with status, lead, phase and last gate results.',
  inputSchema: { type: 'object', properties: {} },
  outputSchema: output(),
  annotations: { title: 'Capsule status', ...READ_ONLY },
  handler: lazyHandler(() => import('../handlers/status.js')),
};
