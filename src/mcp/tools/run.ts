import { output, str, strList, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_run',
  description: 'Run the sentinel regression tests, or the named project commands from config (lint, test…).',
  inputSchema: {
    type: 'object',
    properties: { filter: str('Only tests whose name or file matches'), commands: strList('Run these configured commands instead') },
  },
  outputSchema: output(),
  annotations: { title: 'Run tests', readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  handler: lazyHandler(() => import('../handlers/run.js')),
};
