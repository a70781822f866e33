import { usageError } from '../../core/errors.js';
import { runbookOperation } from '../../core/operations/runbook.js';
import { readContentFile } from '../../core/runbook/write.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';
import { runOperationCommand } from '../operation-action.js';

function contentFrom(ctx: CliContext, opts: Record<string, unknown>): string {
  const text = opts.text as string | undefined;
  const fromFile = opts.fromFile as string | undefined;
  if ((text === undefined) === (fromFile === undefined)) {
    throw usageError('RUNBOOK_CONTENT_REQUIRED', 'Pass exactly one of --text and --from-file', {
      fix: 'e.g. sentinel runbook set --file ops/backend/runbook.md --section "Startup" --text "npm start"',
    });
  }
  return text ?? readContentFile(ctx.root, fromFile!);
}

function edit(mode: 'set' | 'append'): ActionBody {
  return async (ctx, _args, opts) =>
    runOperationCommand(
      ctx,
      runbookOperation,
      { action: mode, file: String(opts.file), section: String(opts.section), text: contentFrom(ctx, opts), role: String(opts.role ?? 'backender') },
      { text: (c, result) => c.out(result.summary) },
    );
}

export const set: ActionBody = edit('set');
export const append: ActionBody = edit('append');

export const check: ActionBody = async (ctx) => runOperationCommand(ctx, runbookOperation, { action: 'check' });
