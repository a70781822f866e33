import { logsOutcome } from '../../core/logs/run.js';
import type { ActionBody } from '../action.js';
import { listArg, printOutcome, relativeFromCwd } from '../render/outcome.js';

export const logsCheck: ActionBody = async (ctx, args, opts) => {
  const request: { files: string[]; schema?: string } = { files: listArg(args[0]).map((p) => relativeFromCwd(ctx, p)) };
  if (typeof opts.schema === 'string') request.schema = opts.schema;
  return printOutcome(ctx, 'logs', await logsOutcome(ctx.root, await ctx.config(), request));
};
