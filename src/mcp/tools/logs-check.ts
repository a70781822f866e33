import { logsOperation } from '../../core/operations/logs.js';
import { operationTool } from '../operation-tool.js';
import { READ_ONLY } from '../tool.js';

export const tool = operationTool(logsOperation, {
  name: 'sentinel_logs_check',
  description: 'Validate JSONL logs against the Observer log schema and scan them for secrets.',
  annotations: { title: 'Check logs', ...READ_ONLY },
  pathArgs: ['files', 'schema'],
});
