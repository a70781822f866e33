import { z } from 'zod';
import { contextLintDocument, runContextLintOperation } from './context-lint-run.js';
import { defineOperation } from './operation.js';

/** `sentinel context lint` / `sentinel_context_lint`: line/token budgets and Allowed Context. */
export const contextLintOperation = defineOperation({
  name: 'context',
  input: z.object({
    capsule: z.string().optional().describe('Only this capsule'),
    strict: z.boolean().optional().describe('Warnings fail too'),
    full: z.boolean().optional().describe('Every item (else summarised past 200)'),
  }),
  run: runContextLintOperation,
  document: contextLintDocument,
});
