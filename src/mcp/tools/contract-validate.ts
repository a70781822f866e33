import { contractsOperation } from '../../core/operations/contracts.js';
import { operationTool } from '../operation-tool.js';
import { READ_ONLY } from '../tool.js';

export const tool = operationTool(contractsOperation, {
  name: 'sentinel_contract_validate',
  description: 'Validate contract fixtures (good pass, bad fail) and version discipline.',
  annotations: { title: 'Validate contracts', ...READ_ONLY },
  pathArgs: ['fixture'],
  // An agent reads the summary (not-ok items first); the full list is the CLI's `--full` (tools/list stays under its token budget).
  cliOnly: ['full'],
});
