import path from 'node:path';
import { usageError } from '../../core/errors.js';
import { promptOperation } from '../../core/operations/prompt.js';
import { writeFileAtomic } from '../../core/workspace/fs.js';
import type { ActionBody } from '../action.js';
import { runOperationCommand } from '../operation-action.js';

function parseBudget(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw usageError('PROMPT_BUDGET_INVALID', `--budget "${String(raw)}" is not a positive whole number of tokens`, { fix: 'Pass e.g. --budget 16000' });
  }
  return value;
}

export const prompt: ActionBody = async (ctx, args, opts) => {
  const budget = parseBudget(opts.budget);
  const outFile = typeof opts.out === 'string' ? path.resolve(ctx.cwd, opts.out) : undefined;
  const input = {
    capsule: args[0] as string,
    ...(typeof opts.agent === 'string' ? { agent: opts.agent } : {}),
    ...(opts.pack ? { pack: true } : {}),
    ...(budget !== undefined ? { budget } : {}),
  };
  return runOperationCommand(ctx, promptOperation, input, {
    beforeRender(_document, result) {
      const text = result.data.prompt;
      if (outFile && typeof text === 'string') writeFileAtomic(outFile, ctx.redact.text(text.endsWith('\n') ? text : `${text}\n`));
    },
    json: (document) => (outFile && document.ok ? { ...document, out: outFile } : document),
    text(c, result) {
      const data = result.data as Record<string, unknown> & { capsule: string };
      if (result.status === 'fail') {
        const refusal = data.refusal as { reason: string; fix: string };
        c.printDiagnostics(result.diagnostics);
        c.out(`No lead for ${data.capsule}: ${refusal.reason}\n  fix: ${refusal.fix} (or pass --agent <id>)`);
        return;
      }
      if (!outFile) c.out(String(data.prompt));
      const packed = data.packed as unknown[];
      const omitted = data.omitted as { path: string; reason: string; tokens?: number }[];
      const summary = [
        `${String(data.agent)} prompt for ${data.capsule}: ${String(data.tokens)} tokens${data.budget ? ` (budget ${String(data.budget)})` : ''}${outFile ? `, written to ${outFile}` : ''}`,
      ];
      if (opts.pack) {
        const missed = omitted.map((o) => `${o.path} (${o.reason}${o.tokens ? `, ${o.tokens} tokens` : ''})`).join(', ');
        summary.push(`packed ${packed.length} file${packed.length === 1 ? '' : 's'}${missed ? `; not inlined: ${missed}` : ''}`);
      }
      for (const d of result.diagnostics) summary.push(`${d.severity}: ${d.code} ${d.message}${d.path ? ` (${d.path}${d.line ? `:${d.line}` : ''})` : ''}`);
      // With the prompt on stdout, the summary goes to stderr so piping stays clean.
      (outFile ? c.out : c.err)(summary.join('\n'));
    },
  });
};
