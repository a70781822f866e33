import { runTestsOperation } from '../../core/operations/run.js';
import { operationTool } from '../operation-tool.js';

export const tool = operationTool(runTestsOperation, {
  name: 'sentinel_run',
  description: 'Run the sentinel regression tests, or the named project commands from config (lint, test…).',
  annotations: { title: 'Run tests', readOnlyHint: true, destructiveHint: false, idempotentHint: true },
});
