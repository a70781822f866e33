import { runbookOperation } from '../../core/operations/runbook.js';
import { operationTool } from '../operation-tool.js';

export const tool = operationTool(runbookOperation, {
  name: 'sentinel_runbook',
  description: 'check: runbook sections and env-var matrix. set/append: edit one H2 section (created from the role template if missing).',
  annotations: { title: 'Runbooks', readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  pathArgs: ['file'],
});
