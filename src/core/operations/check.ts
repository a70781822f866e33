import { z } from 'zod';
import { GATE_NAMES } from '../gates/types.js';
import { checkOperationDocument, runCheckOperation } from './check-run.js';
import { defineOperation } from './operation.js';

/** `sentinel check` / `sentinel_check`: the selected gates in parallel, one report. */
export const checkOperation = defineOperation({
  name: 'check',
  input: z.object({
    // Names are checked by selectGates (GATE_UNKNOWN with the list), the same on both edges.
    gates: z
      .array(z.string())
      .optional()
      .describe(`Only these gates: ${GATE_NAMES.join(', ')}`),
    skip: z.array(z.string()).optional().describe('Gate names to skip'),
    capsule: z.string().optional().describe('Capsule slug/id (default: active)'),
    base: z.string().optional().describe('Git base ref'),
    strict: z.boolean().optional().describe('Pending gates fail too'),
    shard: z.string().optional().describe('i/n: run slice i of n (join with report merge)'),
    full: z.boolean().optional().describe('Every item of long lists (default: a summary past 200)'),
  }),
  run: runCheckOperation,
  document: checkOperationDocument,
});
