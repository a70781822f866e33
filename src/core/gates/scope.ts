import type { Gate } from './types.js';

// Placeholder until the scope gate lands; reports itself as skipped so nothing passes silently.
export const gate: Gate = {
  name: 'scope',
  description: 'scope',
  async run() {
    return { status: 'skipped', diagnostics: [], data: {}, summary: 'not available in this build' };
  },
};
