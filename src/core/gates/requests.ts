import { requestsRunFor } from './requests-run.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'requests',
  description: 'representative requests through the running service',
  run: async (ctx) => (await requestsRunFor(ctx)).outcome,
};
