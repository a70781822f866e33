import type { Gate } from './types.js';

// Placeholder until the sentinels gate lands; reports itself as skipped so nothing passes silently.
export const gate: Gate = {
  name: 'sentinels',
  description: 'sentinels',
  async run() {
    return { status: 'skipped', diagnostics: [], data: {}, summary: 'not available in this build' };
  },
};
