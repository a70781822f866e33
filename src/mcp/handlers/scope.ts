import { createGateInputs } from '../../core/gates/inputs.js';
import { runGate } from '../../core/gates/run.js';
import { gateOutcome, optionalString, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const capsule = optionalString(call.args.capsule);
  const baseRef = optionalString(call.args.base);
  const ctx = createGateInputs({ root: call.root, config: call.config, caller: call.caller, signal: call.signal, ...(capsule ? { capsule } : {}), ...(baseRef ? { baseRef } : {}) });
  return gateOutcome('scope', await runGate('scope', ctx));
}
