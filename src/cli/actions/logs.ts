import { logsOperation } from '../../core/operations/logs.js';
import type { ActionBody } from '../action.js';
import { runOperationCommand } from '../operation-action.js';
import { listArg, relativeFromCwd } from '../render/outcome.js';

export const logsCheck: ActionBody = async (ctx, args, opts) =>
  runOperationCommand(ctx, logsOperation, {
    files: listArg(args[0]).map((p) => relativeFromCwd(ctx, p)),
    ...(typeof opts.schema === 'string' ? { schema: opts.schema } : {}),
  });
