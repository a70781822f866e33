import type { Gate } from './types.js';

// Placeholder until the capsules gate lands; reports itself as skipped so nothing passes silently.
export const gate: Gate = {
  name: 'capsules',
  description: 'capsules',
  async run() {
    return { status: 'skipped', diagnostics: [], data: {}, summary: 'not available in this build' };
  },
};
