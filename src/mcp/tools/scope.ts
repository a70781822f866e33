import { scopeOperation } from '../../core/operations/scope.js';
import { operationTool } from '../operation-tool.js';
import { READ_ONLY } from '../tool.js';

export const tool = operationTool(scopeOperation, {
  name: 'sentinel_scope',
  description: "Check every changed file is inside the capsule's Required Outputs or Allowed Context.",
  annotations: { title: 'Check scope', ...READ_ONLY },
});
