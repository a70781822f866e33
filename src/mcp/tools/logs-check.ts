import { logsOutcome } from '../../core/logs/run.js';
import { gateOutcome, optionalString, output, str, strList, stringList, READ_ONLY, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_logs_check',
  description: 'Validate JSONL logs against the Observer log schema and scan them for secrets.',
  inputSchema: { type: 'object', properties: { files: strList('Log files (default: config logs.files)'), schema: str('Log schema path') } },
  outputSchema: output(),
  annotations: { title: 'Check logs', ...READ_ONLY },
  pathArgs: ['files', 'schema'],
  async handler(call) {
    const files = stringList(call.args.files);
    const schema = optionalString(call.args.schema);
    return gateOutcome('logs', await logsOutcome(call.root, call.config, { files, ...(schema ? { schema } : {}) }));
  },
};
