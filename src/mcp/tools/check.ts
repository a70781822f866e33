import { GATE_NAMES } from '../../core/gates/types.js';
import { output, str, bool, strList, lazyHandler, type ToolDefinition } from '../tool.js';

const gateList = (description: string) => ({ type: 'array', items: { enum: GATE_NAMES }, description });

export const tool: ToolDefinition = {
  name: 'sentinel_check',
  description: 'Run gates (default all) on the workspace; ok=false if any fails.',
  inputSchema: {
    type: 'object',
    properties: {
      gates: gateList('Only these gates'),
      skip: strList('Gate names to skip'),
      capsule: str('Capsule slug/id (default: active)'),
      base: str('Git base ref'),
      strict: bool('Pending gates fail too'),
    },
  },
  outputSchema: output({ gates: { type: 'array' } }),
  annotations: { title: 'Run gates', readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  handler: lazyHandler(() => import('../handlers/check.js')),
};
