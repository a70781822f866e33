import type { Gate } from './types.js';

// Placeholder until the runbook gate lands; reports itself as skipped so nothing passes silently.
export const gate: Gate = {
  name: 'runbook',
  description: 'runbook',
  async run() {
    return { status: 'skipped', diagnostics: [], data: {}, summary: 'not available in this build' };
  },
};
