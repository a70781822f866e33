import { z } from 'zod';
import { commandFacts } from './command-facts.js';
import { asResult, defineOperation, gateDocument, given } from './operation.js';
import { summariseResult } from '../report/summarise.js';

export const contractsOperation = defineOperation({
  name: 'contracts',
  input: z.object({
    id: z.string().optional().describe('Only this contract, e.g. orders.v1'),
    fixture: z.string().optional().describe('Only this fixture file'),
    base: z.string().optional().describe('Git base ref'),
    full: z.boolean().optional().describe('Every item (else summarised past 200)'),
  }),
  async run(ctx, input) {
    const [{ runContracts }, { isGitRepo, resolveBase }] = await Promise.all([import('../contracts/run.js'), import('../git/git.js')]);
    const id = given(input.id);
    const fixture = given(input.fixture);
    const gitRepo = await isGitRepo(ctx.root);
    const base = gitRepo ? await resolveBase(ctx.root, given(input.base)) : undefined;
    // With a cache (the CLI), unchanged fixtures' verdicts and schema findings come from it: ajv is not even loaded.
    const facts = await commandFacts(ctx, gitRepo, { listing: false });
    const report = await runContracts({
      root: ctx.root,
      config: ctx.config,
      ...(id ? { id } : {}),
      ...(fixture ? { fixture } : {}),
      ...(base ? { base } : {}),
      ...(facts ? { fact: facts.inputs.fileFact } : {}),
    });
    await facts?.save();
    return asResult(report);
  },
  // 2,000 fixture verdicts that are all as expected say nothing the summary does not: summarised (failures first) unless asked for in full.
  document(result, input) {
    if (input.full) return gateDocument('contracts', result);
    const shown = summariseResult(result);
    return { ...gateDocument('contracts', shown), ...(shown.truncated ? { truncated: shown.truncated } : {}) };
  },
});
