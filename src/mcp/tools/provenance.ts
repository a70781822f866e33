import { provenanceOperation } from '../../core/operations/provenance.js';
import { operationTool } from '../operation-tool.js';

export const tool = operationTool(provenanceOperation, {
  name: 'sentinel_provenance',
  description: 'check: provenance headers on changed files. stamp: write the header for a decision.',
  annotations: { title: 'Provenance headers', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  pathArgs: ['files'],
});
