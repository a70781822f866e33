import { output, str, oneOf, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_runbook',
  description: 'check: runbook sections and env-var matrix. set/append: edit one H2 section (created from the role template if missing).',
  inputSchema: {
    type: 'object',
    properties: {
      action: oneOf(['check', 'set', 'append'], 'Default check'),
      file: str('set/append: runbook path'),
      section: str('set/append: H2 section'),
      text: str('set/append: content'),
      role: str('set/append: template role (default backender)'),
    },
  },
  outputSchema: output(),
  annotations: { title: 'Runbooks', readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  pathArgs: ['file'],
  handler: lazyHandler(() => import('../handlers/runbook.js')),
};
