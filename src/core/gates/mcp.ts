import type { Gate } from './types.js';

// Placeholder until the mcp gate lands; reports itself as skipped so nothing passes silently.
export const gate: Gate = {
  name: 'mcp',
  description: 'mcp',
  async run() {
    return { status: 'skipped', diagnostics: [], data: {}, summary: 'not available in this build' };
  },
};
