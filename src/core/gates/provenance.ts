import { checkProvenance } from '../provenance/check.js';
import type { Gate } from './types.js';

/** Provenance headers on the files changed since base, cross-checked with the ledger and roster. */
export const gate: Gate = {
  name: 'provenance',
  description: 'provenance headers on changed files',
  run: (ctx) => checkProvenance(ctx, { all: false }),
};
