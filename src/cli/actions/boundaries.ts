import type { ActionBody } from '../action.js';
import { printOutcome } from '../render/outcome.js';

/** `sentinel boundaries [--all]`: the gate's own verdict; changed files by default, the whole tree with --all. */
export const boundaries: ActionBody = async (ctx, _args, opts) => {
  const { createGateInputs } = await import('../../core/gates/inputs.js');
  const { boundariesOf } = await import('../../core/gates/boundaries.js');
  const config = await ctx.config();
  // A bad --base is a usage error (exit 2), resolved before any gate work.
  const known = typeof opts.base === 'string' ? { base: await (await import('../../core/git/git.js')).resolveBase(ctx.root, opts.base) } : {};
  const inputs = createGateInputs({
    root: ctx.root,
    config,
    known,
    caller: ctx.caller,
    ...(typeof opts.base === 'string' ? { baseRef: opts.base } : {}),
    ...(typeof opts.capsule === 'string' ? { capsule: opts.capsule } : {}),
  });
  return printOutcome(ctx, 'boundaries', await boundariesOf(inputs, { all: opts.all === true }));
};
