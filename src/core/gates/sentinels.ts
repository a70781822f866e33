import { runSentinels } from '../sentinels/run.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'sentinels',
  description: 'sentinel regression tests pass',
  run: (ctx) => runSentinels(ctx),
};
