import { usageError } from '../../core/errors.js';
import { createGateInputs } from '../../core/gates/inputs.js';
import { runSentinels } from '../../core/sentinels/run.js';
import type { SentinelTestResult } from '../../core/sentinels/types.js';
import type { ActionBody } from '../action.js';
import { formatDuration, statusLabel } from '../render/check-text.js';
import type { Style } from '../render/style.js';
import { formatTable } from '../render/table.js';

function testStatus(status: SentinelTestResult['status'], style: Style): string {
  if (status === 'passed') return style.green('passed');
  if (status === 'skipped') return style.yellow('skipped');
  return style.red(status);
}

/** `sentinel sentinels run [--filter …]`: run the sentinel tests and list per-test results. */
export const sentinels: ActionBody = async (ctx, _args, raw) => {
  const filter = typeof raw.filter === 'string' && raw.filter !== '' ? raw.filter : undefined;
  const config = await ctx.config();
  const gateCtx = createGateInputs({ root: ctx.root, caller: ctx.caller, config });
  const started = performance.now();
  const outcome = await runSentinels(gateCtx, filter ? { filter } : {});
  const durationMs = Math.round(performance.now() - started);
  if (filter && outcome.data.filterMatched === false) {
    throw usageError('SENTINELS_FILTER_NO_MATCH', `No sentinel test name or file matches --filter "${filter}"`, {
      path: config.sentinels.dir,
      fix: 'Use part of a test name or file path (`sentinel sentinels run` lists them)',
    });
  }
  const result = { gate: 'sentinels' as const, durationMs, ...outcome };
  if (ctx.json) {
    ctx.printJson({ ok: outcome.status !== 'fail', ...result });
  } else {
    const tests = (outcome.data.tests ?? []) as SentinelTestResult[];
    if (tests.length) {
      ctx.out(formatTable(['status', 'test', 'file', 'time'], tests.map((t) => [testStatus(t.status, ctx.style), t.name, t.file ?? '', formatDuration(t.durationMs)])));
      ctx.out('');
    }
    ctx.printDiagnostics(outcome.diagnostics);
    ctx.out(`sentinels ${statusLabel(outcome.status, ctx.style)}: ${outcome.summary} in ${formatDuration(durationMs)}`);
  }
  return outcome.status === 'fail' ? 1 : 0;
};
