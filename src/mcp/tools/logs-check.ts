import { output, str, strList, READ_ONLY, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_logs_check',
  description: 'Validate JSONL logs against the Observer log schema and scan them for secrets.',
  inputSchema: { type: 'object', properties: { files: strList('Log files (default: config logs.files)'), schema: str('Log schema path') } },
  outputSchema: output(),
  annotations: { title: 'Check logs', ...READ_ONLY },
  pathArgs: ['files', 'schema'],
  handler: lazyHandler(() => import('../handlers/logs-check.js')),
};
