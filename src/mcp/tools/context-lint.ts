import { contextLintOperation } from '../../core/operations/context-lint.js';
import { operationTool } from '../operation-tool.js';
import { READ_ONLY } from '../tool.js';

export const tool = operationTool(contextLintOperation, {
  name: 'sentinel_context_lint',
  description: 'Check line/token budgets and Allowed Context entries.',
  annotations: { title: 'Lint context', ...READ_ONLY },
  // An agent reads the summary (not-ok items first); the full list is the CLI's `--full` (tools/list stays under its token budget).
  cliOnly: ['full'],
});
