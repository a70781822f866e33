import type { Gate } from './types.js';

// Placeholder until the commands gate lands; reports itself as skipped so nothing passes silently.
export const gate: Gate = {
  name: 'commands',
  description: 'commands',
  async run() {
    return { status: 'skipped', diagnostics: [], data: {}, summary: 'not available in this build' };
  },
};
