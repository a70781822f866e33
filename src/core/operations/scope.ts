import { z } from 'zod';
import { asResult, defineOperation, gateDocument, given } from './operation.js';

export const scopeOperation = defineOperation({
  name: 'scope',
  input: z.object({ capsule: z.string().optional().describe('Capsule (default: active)'), base: z.string().optional().describe('Git base ref') }),
  async run(ctx, input) {
    const [{ createGateInputs }, { runGate }, { resolveBase }] = await Promise.all([
      import('../gates/inputs.js'),
      import('../gates/run.js'),
      import('../git/git.js'),
    ]);
    const capsule = given(input.capsule);
    const baseRef = given(input.base);
    // An explicit base that does not exist is a usage error (exit 2), not a gate failure.
    const known = baseRef ? { base: await resolveBase(ctx.root, baseRef) } : {};
    const inputs = createGateInputs({
      root: ctx.root,
      config: ctx.config,
      caller: ctx.caller,
      known,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(capsule ? { capsule } : {}),
      ...(baseRef ? { baseRef } : {}),
    });
    return asResult(await runGate('scope', inputs));
  },
  document: (result) => gateDocument('scope', result),
});
