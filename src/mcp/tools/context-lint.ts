import { output, str, bool, READ_ONLY, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_context_lint',
  description: 'Check line/token budgets and Allowed Context entries.',
  inputSchema: { type: 'object', properties: { capsule: str('Only this capsule'), strict: bool('Warnings fail too') } },
  outputSchema: output(),
  annotations: { title: 'Lint context', ...READ_ONLY },
  handler: lazyHandler(() => import('../handlers/context-lint.js')),
};
