import { usageError } from '../../core/errors.js';
import { runbookOutcome } from '../../core/gates/runbook.js';
import { readContentFile, writeRunbookSection } from '../../core/runbook/write.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';
import { printOutcome } from '../render/outcome.js';

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
  return async (ctx, _args, opts) => {
    const content = contentFrom(ctx, opts);
    const result = await writeRunbookSection(ctx.root, await ctx.config(), {
      file: String(opts.file),
      section: String(opts.section),
      content,
      mode,
      role: String(opts.role ?? 'backender'),
    });
    if (ctx.json) {
      ctx.printJson({ ok: true, ...result });
      return 0;
    }
    const where = `${result.file} § ${result.section}`;
    if (!result.changed) ctx.out(`No change: ${where} already holds that text`);
    else {
      const notes = [result.created ? `created from ${result.template}` : '', result.sectionAdded ? 'section added at the end' : ''].filter(Boolean);
      ctx.out(`${mode === 'set' ? 'Set' : 'Appended to'} ${where}${notes.length ? ` (${notes.join('; ')})` : ''}`);
    }
    return 0;
  };
}

export const set: ActionBody = edit('set');
export const append: ActionBody = edit('append');

export const check: ActionBody = async (ctx) => {
  const outcome = await runbookOutcome(ctx.root, await ctx.config(), undefined, undefined, undefined, ctx.caller);
  return printOutcome(ctx, 'runbook', outcome);
};
