import { runTestsOperation } from '../../core/operations/run.js';
import type { SentinelTestResult } from '../../core/sentinels/types.js';
import type { ActionBody } from '../action.js';
import { runOperationCommand } from '../operation-action.js';
import { formatDuration, statusLabel } from '../render/check-text.js';
import type { Style } from '../render/style.js';
import { formatTable } from '../render/table.js';

function testStatus(status: SentinelTestResult['status'], style: Style): string {
  if (status === 'passed') return style.green('passed');
  if (status === 'skipped') return style.yellow('skipped');
  return style.red(status);
}

/** `sentinel sentinels run [--filter …]`: run the sentinel tests and list per-test results. */
export const sentinels: ActionBody = async (ctx, _args, raw) =>
  runOperationCommand(ctx, runTestsOperation, typeof raw.filter === 'string' ? { filter: raw.filter } : {}, {
    text(c, result, document) {
      const tests = (result.data.tests ?? []) as SentinelTestResult[];
      if (tests.length) {
        c.out(
          formatTable(
            ['status', 'test', 'file', 'time'],
            tests.map((t) => [testStatus(t.status, c.style), t.name, t.file ?? '', formatDuration(t.durationMs)]),
          ),
        );
        c.out('');
      }
      c.printDiagnostics(result.diagnostics);
      c.out(`sentinels ${statusLabel(result.status, c.style)}: ${result.summary} in ${formatDuration(Number(document.durationMs))}`);
    },
  });
