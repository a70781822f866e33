import { capsuleDoneOperation } from '../../core/operations/capsule-done.js';
import { operationTool } from '../operation-tool.js';

export const tool = operationTool(capsuleDoneOperation, {
  name: 'sentinel_capsule_done',
  description: 'The referee runs the capsule gates; if none fails the capsule is done, with evidence.',
  annotations: { title: 'Finish capsule', readOnlyHint: false, destructiveHint: false, idempotentHint: false },
});
