import { z } from 'zod';
import { asResult, defineOperation, gateDocument, given } from './operation.js';

export const contractsOperation = defineOperation({
  name: 'contracts',
  input: z.object({
    id: z.string().optional().describe('Only this contract, e.g. orders.v1'),
    fixture: z.string().optional().describe('Only this fixture file'),
    base: z.string().optional().describe('Git base ref'),
  }),
  async run(ctx, input) {
    const [{ runContracts }, { isGitRepo, resolveBase }] = await Promise.all([import('../contracts/run.js'), import('../git/git.js')]);
    const id = given(input.id);
    const fixture = given(input.fixture);
    const base = (await isGitRepo(ctx.root)) ? await resolveBase(ctx.root, given(input.base)) : undefined;
    return asResult(
      await runContracts({ root: ctx.root, config: ctx.config, ...(id ? { id } : {}), ...(fixture ? { fixture } : {}), ...(base ? { base } : {}) }),
    );
  },
  document: (result) => gateDocument('contracts', result),
});
