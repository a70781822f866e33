import { z } from 'zod';
import { asResult, defineOperation, gateDocument, given } from './operation.js';

export const logsOperation = defineOperation({
  name: 'logs',
  input: z.object({
    files: z.array(z.string()).optional().describe('Log files (default: config logs.files)'),
    schema: z.string().optional().describe('Log schema path'),
  }),
  async run(ctx, input) {
    const { logsOutcome } = await import('../logs/run.js');
    const schema = given(input.schema);
    return asResult(await logsOutcome(ctx.root, ctx.config, { files: input.files ?? [], ...(schema ? { schema } : {}) }));
  },
  document: (result) => gateDocument('logs', result),
});
