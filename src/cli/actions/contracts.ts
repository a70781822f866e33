import path from 'node:path';
import { contractsDocument, runContractsOperation } from '../../core/operations/contracts-run.js';
import { isAbsoluteAnywhere, toPosix } from '../../core/workspace/paths.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';
import { runOperationCommand } from '../operation-action.js';

const text = (opts: Record<string, unknown>, name: string): Record<string, string> => (typeof opts[name] === 'string' ? { [name]: opts[name] } : {});

/**
 * `sentinel contracts validate`: the operation without its zod schema (a hot path, src/cli/hot.ts);
 * commander already typed the flags as the schema would (strings, a boolean).
 */
export const contracts: ActionBody = async (ctx, _args, opts) =>
  runOperationCommand(
    ctx,
    { name: 'contracts', run: runContractsOperation, document: contractsDocument },
    {
      ...text(opts, 'id'),
      ...text(opts, 'base'),
      ...(typeof opts.fixture === 'string' ? { fixture: rootRelative(ctx, opts.fixture) } : {}),
      full: Boolean(opts.full),
    },
  );

/** A path given on the command line, relative to the workspace root (it may be typed from a subfolder). */
function rootRelative(ctx: CliContext, given: string): string {
  if (isAbsoluteAnywhere(given)) return given;
  const fromCwd = path.relative(ctx.root, path.resolve(ctx.cwd, given));
  return fromCwd.startsWith('..') ? given : toPosix(fromCwd);
}
