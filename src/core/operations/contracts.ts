import { z } from 'zod';
import { contractsDocument, runContractsOperation } from './contracts-run.js';
import { defineOperation } from './operation.js';

export const contractsOperation = defineOperation({
  name: 'contracts',
  input: z.object({
    id: z.string().optional().describe('Only this contract, e.g. orders.v1'),
    fixture: z.string().optional().describe('Only this fixture file'),
    base: z.string().optional().describe('Git base ref'),
    full: z.boolean().optional().describe('Every item (else summarised past 200)'),
  }),
  run: runContractsOperation,
  document: contractsDocument,
});
