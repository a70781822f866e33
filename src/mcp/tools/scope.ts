import { createGateContext } from '../../core/gates/context-factory.js';
import { runGate } from '../../core/gates/run.js';
import { gateOutcome, optionalString, output, str, READ_ONLY, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_scope',
  description: "Check every changed file is inside the capsule's Required Outputs or Allowed Context.",
  inputSchema: { type: 'object', properties: { capsule: str('Capsule (default: active)'), base: str('Git base ref') } },
  outputSchema: output(),
  annotations: { title: 'Check scope', ...READ_ONLY },
  async handler(call) {
    const capsule = optionalString(call.args.capsule);
    const baseRef = optionalString(call.args.base);
    const ctx = createGateContext({ root: call.root, config: call.config, signal: call.signal, ...(capsule ? { capsule } : {}), ...(baseRef ? { baseRef } : {}) });
    return gateOutcome('scope', await runGate('scope', ctx));
  },
};
