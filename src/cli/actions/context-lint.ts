import { error } from '../../core/diagnostics.js';
import { SentinelError } from '../../core/errors.js';
import { contextLintDocument, runContextLintOperation } from '../../core/operations/context-lint-run.js';
import type { ActionBody } from '../action.js';
import { runOperationCommand } from '../operation-action.js';
import { formatTable } from '../render/table.js';

/**
 * `sentinel context lint [--capsule …] [--strict]`: budgets and Allowed Context, as data. The
 * operation without its zod schema (a hot path, src/cli/hot.ts): commander typed the flags already.
 */
export const contextLint: ActionBody = async (ctx, _args, opts) =>
  runOperationCommand(
    ctx,
    { name: 'context', run: runContextLintOperation, document: contextLintDocument },
    { ...(typeof opts.capsule === 'string' ? { capsule: opts.capsule } : {}), strict: Boolean(opts.strict), full: Boolean(opts.full) },
    {
      text(c, result) {
        const flagged = result.data.files.filter((f) => f.level !== 'ok');
        if (flagged.length) {
          const rows = flagged.map((f) => [
            f.path,
            `${f.lines}/${f.maxLines}`,
            f.maxTokens !== undefined ? `${f.tokens}/${f.maxTokens}` : '-',
            f.artifact ?? '-',
            f.level,
          ]);
          c.out(formatTable(['FILE', 'LINES', 'TOKENS', 'ARTIFACT', 'LEVEL'], rows));
        }
        c.printDiagnostics(result.diagnostics);
        const verdict = result.status === 'fail' ? c.style.red('fail') : result.status === 'pending' ? c.style.yellow('pending') : c.style.green('ok');
        c.out(`context ${verdict}: ${result.summary}`);
      },
    },
  ).catch((err: unknown) => {
    // A broken limits file: shown as a diagnostic too, where the findings would have been.
    if (!ctx.json && err instanceof SentinelError && err.code.startsWith('CONTEXT_LIMITS_')) {
      ctx.printDiagnostics([
        error(err.code, err.message, {
          ...(err.path ? { path: err.path } : {}),
          ...(err.line ? { line: err.line } : {}),
          ...(err.fix ? { fix: err.fix } : {}),
        }),
      ]);
    }
    throw err;
  });
