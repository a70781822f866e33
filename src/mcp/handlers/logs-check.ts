import { logsOutcome } from '../../core/logs/run.js';
import { gateOutcome, optionalString, stringList, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const files = stringList(call.args.files);
  const schema = optionalString(call.args.schema);
  return gateOutcome('logs', await logsOutcome(call.root, call.config, { files, ...(schema ? { schema } : {}) }));
}
