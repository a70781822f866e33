import { capsuleValidateOperation } from '../../core/operations/capsule-validate.js';
import { operationTool } from '../operation-tool.js';
import { READ_ONLY } from '../tool.js';

export const tool = operationTool(capsuleValidateOperation, {
  name: 'sentinel_capsule_validate',
  description: 'Validate capsule files (default all).',
  annotations: { title: 'Validate capsules', ...READ_ONLY },
  pathArgs: ['paths'],
});
