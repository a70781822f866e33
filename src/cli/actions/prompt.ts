import path from 'node:path';
import { usageError } from '../../core/errors.js';
import { buildAgentPrompt } from '../../core/prompt/build.js';
import { writeFileAtomic } from '../../core/workspace/fs.js';
import type { ActionBody } from '../action.js';

function parseBudget(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw usageError('PROMPT_BUDGET_INVALID', `--budget "${String(raw)}" is not a positive whole number of tokens`, { fix: 'Pass e.g. --budget 16000' });
  }
  return value;
}

export const prompt: ActionBody = async (ctx, args, opts) => {
  const ref = args[0] as string;
  const budget = parseBudget(opts.budget);
  if (budget !== undefined && !opts.pack) throw usageError('PROMPT_BUDGET_WITHOUT_PACK', '--budget only applies with --pack', { fix: 'Add --pack, or drop --budget' });
  const config = await ctx.config();
  const result = await buildAgentPrompt(ctx.root, config, ref, {
    ...(typeof opts.agent === 'string' ? { agent: opts.agent } : {}),
    ...(opts.pack ? { pack: true } : {}),
    ...(budget !== undefined ? { budget } : {}),
  });
  ctx.warnDiagnostics(result.rosterDiagnostics);
  if (!result.ok) {
    if (ctx.json) ctx.printJson(result);
    else {
      ctx.printDiagnostics(result.diagnostics);
      ctx.out(`No lead for ${result.capsule}: ${result.refusal.reason}\n  fix: ${result.refusal.fix} (or pass --agent <id>)`);
    }
    return 1;
  }
  let outFile: string | undefined;
  if (typeof opts.out === 'string') {
    outFile = path.resolve(ctx.cwd, opts.out);
    writeFileAtomic(outFile, ctx.redact.text(result.prompt.endsWith('\n') ? result.prompt : `${result.prompt}\n`));
  }
  if (ctx.json) {
    ctx.printJson({ ...result, ...(outFile ? { out: outFile } : {}) });
    return 0;
  }
  if (!outFile) ctx.out(result.prompt);
  const { packed, omitted } = result;
  const summary = [`${result.agent} prompt for ${result.capsule}: ${result.tokens} tokens${result.budget ? ` (budget ${result.budget})` : ''}${outFile ? `, written to ${outFile}` : ''}`];
  if (opts.pack) {
    const missed = omitted.map((o) => `${o.path} (${o.reason}${o.tokens ? `, ${o.tokens} tokens` : ''})`).join(', ');
    summary.push(`packed ${packed.length} file${packed.length === 1 ? '' : 's'}${missed ? `; not inlined: ${missed}` : ''}`);
  }
  for (const d of result.diagnostics) summary.push(`${d.severity}: ${d.code} ${d.message}${d.path ? ` (${d.path}${d.line ? `:${d.line}` : ''})` : ''}`);
  // With the prompt on stdout, the summary goes to stderr so piping stays clean.
  (outFile ? ctx.out : ctx.err)(summary.join('\n'));
  return 0;
};
