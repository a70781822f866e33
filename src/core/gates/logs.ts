import { logsOutcome } from '../logs/run.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'logs',
  description: 'structured logs follow the Observer schema',
  run: (ctx) => logsOutcome(ctx.root, ctx.config),
};
