import { hasErrors } from '../../core/diagnostics.js';
import { SentinelError } from '../../core/errors.js';
import type { ActionBody } from '../action.js';
import { countBySeverity } from '../render/diagnostics.js';
import { formatTable } from '../render/table.js';

/** `sentinel context lint [--capsule …] [--strict]`: budgets and Allowed Context, as data. */
export const contextLint: ActionBody = async (ctx, _args, opts) => {
  const config = await ctx.config();
  const [{ discoverAgents }, { findCapsule, loadCapsules }, { runContextLint }, { lintStatus }] = await Promise.all([
    import('../../core/agents/discover.js'),
    import('../../core/capsule/discover.js'),
    import('../../core/context/run.js'),
    import('../../core/context/lint.js'),
  ]);
  const ref = typeof opts.capsule === 'string' ? opts.capsule : undefined;
  const capsules = ref ? [await findCapsule(ctx.root, config, ref)] : await loadCapsules(ctx.root, config);
  const strict = Boolean(opts.strict);
  const result = await runContextLint({ root: ctx.root, config, roster: discoverAgents(ctx.root, config), capsules, focused: ref !== undefined });
  const limitsBroken = result.diagnostics.filter((d) => d.code.startsWith('CONTEXT_LIMITS_') && d.severity === 'error');
  if (limitsBroken.length) {
    const first = limitsBroken[0]!;
    if (!ctx.json) ctx.printDiagnostics(limitsBroken);
    throw new SentinelError('config', first.code, `${first.path}${first.line ? `:${first.line}` : ''}: ${first.message}`, {
      ...(first.path ? { path: first.path } : {}),
      ...(first.line ? { line: first.line } : {}),
      ...(first.fix ? { fix: first.fix } : {}),
    });
  }
  const status = lintStatus(result, strict);
  const counts = countBySeverity(result.diagnostics);
  if (ctx.json) {
    ctx.printJson({ ok: status !== 'fail', status, strict, limitsFile: result.limitsFile, capsules: result.capsules, files: result.files, diagnostics: result.diagnostics, summary: counts });
    return status === 'fail' ? 1 : 0;
  }
  const flagged = result.files.filter((f) => f.level !== 'ok');
  if (flagged.length) {
    const rows = flagged.map((f) => [f.path, `${f.lines}/${f.maxLines}`, f.maxTokens !== undefined ? `${f.tokens}/${f.maxTokens}` : '-', f.artifact ?? '-', f.level]);
    ctx.out(formatTable(['FILE', 'LINES', 'TOKENS', 'ARTIFACT', 'LEVEL'], rows));
  }
  ctx.printDiagnostics(result.diagnostics);
  const verdict = status === 'fail' ? ctx.style.red('fail') : status === 'pending' ? ctx.style.yellow('pending') : ctx.style.green('ok');
  ctx.out(
    `context ${verdict}: ${result.files.length} file(s) measured against ${result.limitsFile ?? 'default limits'}, ${result.capsules.length} capsule(s); ${counts.errors} error(s), ${counts.warnings} warning(s)${strict && !hasErrors(result.diagnostics) && counts.warnings ? ' (--strict: warnings fail)' : ''}`,
  );
  return status === 'fail' ? 1 : 0;
};
