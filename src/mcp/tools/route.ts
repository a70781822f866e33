import { output, str, bool, oneOf, lazyHandler, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_route',
  description: 'Pick one lead agent for a capsule and log it. mode explain: score only, nothing logged; prompt: LLM router prompt; accept: check an LLM answer.',
  inputSchema: {
    type: 'object',
    properties: {
      capsule: str('Capsule slug, id or path'),
      mode: oneOf(['route', 'explain', 'prompt', 'accept'], 'Default route'),
      answer: str('accept: the router JSON answer'),
      log: bool('Log the decision (default true)'),
    },
    required: ['capsule'],
  },
  outputSchema: output(),
  annotations: { title: 'Route capsule', readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  handler: lazyHandler(() => import('../handlers/route.js')),
};
