import { output, strList, READ_ONLY, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_capsule_validate',
  description: 'Validate capsule files (default all).',
  inputSchema: { type: 'object', properties: { paths: strList('capsule.md paths') } },
  outputSchema: output(),
  annotations: { title: 'Validate capsules', ...READ_ONLY },
  pathArgs: ['paths'],
  handler: lazyHandler(() => import('../handlers/capsule-validate.js')),
};
