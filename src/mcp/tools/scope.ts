import { output, str, READ_ONLY, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_scope',
  description: "Check every changed file is inside the capsule's Required Outputs or Allowed Context.",
  inputSchema: { type: 'object', properties: { capsule: str('Capsule (default: active)'), base: str('Git base ref') } },
  outputSchema: output(),
  annotations: { title: 'Check scope', ...READ_ONLY },
  handler: lazyHandler(() => import('../handlers/scope.js')),
};
