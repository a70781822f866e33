import { scopeOperation } from '../../core/operations/scope.js';
import type { ActionBody } from '../action.js';
import { runOperationCommand } from '../operation-action.js';
import { printOutcome } from '../render/outcome.js';

export { contracts } from './contracts.js';
export { contextLint } from './context-lint.js';
export { sentinels } from './sentinels-run.js';
export { commands } from './commands-run.js';

const text = (opts: Record<string, unknown>, name: string): Record<string, string> => (typeof opts[name] === 'string' ? { [name]: opts[name] } : {});

export const scope: ActionBody = async (ctx, _args, opts) => runOperationCommand(ctx, scopeOperation, { ...text(opts, 'capsule'), ...text(opts, 'base') });

/** tamper has no MCP tool: the gate alone, rendered like every gate. */
export const tamper: ActionBody = async (ctx, _args, opts) => {
  const [{ createGateInputs }, { runGate }, { resolveBase }] = await Promise.all([
    import('../../core/gates/inputs.js'),
    import('../../core/gates/run.js'),
    import('../../core/git/git.js'),
  ]);
  // An explicit --base that does not exist is a usage error (exit 2), not a gate failure.
  const known = typeof opts.base === 'string' ? { base: await resolveBase(ctx.root, opts.base) } : {};
  const inputs = createGateInputs({
    root: ctx.root,
    caller: ctx.caller,
    config: await ctx.config(),
    known,
    ...(typeof opts.capsule === 'string' ? { capsule: opts.capsule } : {}),
    ...(typeof opts.base === 'string' ? { baseRef: opts.base } : {}),
  });
  return printOutcome(ctx, 'tamper', await runGate('tamper', inputs));
};
