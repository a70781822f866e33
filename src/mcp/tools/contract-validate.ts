import { output, str, READ_ONLY, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_contract_validate',
  description: 'Validate contract fixtures (good pass, bad fail) and version discipline.',
  inputSchema: {
    type: 'object',
    properties: { id: str('Only this contract, e.g. orders.v1'), fixture: str('Only this fixture file'), base: str('Git base ref') },
  },
  outputSchema: output(),
  annotations: { title: 'Validate contracts', ...READ_ONLY },
  pathArgs: ['fixture'],
  handler: lazyHandler(() => import('../handlers/contract-validate.js')),
};
