import { logsOutcome } from '../logs/run.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'logs',
  description: 'structured logs follow the Observer schema',
  async run(ctx) {
    // With the requests gate in the same run, the lines the service logged while answering count too.
    const extra = ctx.gatesInRun?.includes('requests') ? (await (await import('./requests-run.js')).requestsRunFor(ctx)).serviceLogs : [];
    return logsOutcome(ctx.root, ctx.config, extra.length ? { extra } : {});
  },
};
