import { output, str, bool, strList, oneOf, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_provenance',
  description: 'check: provenance headers on changed files. stamp: write the header for a decision.',
  inputSchema: {
    type: 'object',
    properties: {
      action: oneOf(['check', 'stamp'], 'Default check'),
      all: bool('check: all files'),
      base: str('check: git base ref'),
      files: strList('stamp: files'),
      decision: str('stamp: D-####'),
      agent: str('stamp: agent (default: active lead)'),
      capsule: str('stamp: capsule id'),
      dryRun: bool('stamp: write nothing'),
    },
  },
  outputSchema: output(),
  annotations: { title: 'Provenance headers', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  pathArgs: ['files'],
  handler: lazyHandler(() => import('../handlers/provenance.js')),
};
