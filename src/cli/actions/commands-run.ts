import type { CommandRun } from '../../core/commands/run.js';
import { runTestsOperation } from '../../core/operations/run.js';
import type { ActionBody } from '../action.js';
import { runOperationCommand } from '../operation-action.js';
import { formatDuration, statusLabel } from '../render/check-text.js';
import type { Style } from '../render/style.js';
import { formatTable } from '../render/table.js';

function runStatus(run: CommandRun, style: Style): string {
  return run.status === 'passed' ? style.green('passed') : style.red(run.status);
}

/** `sentinel commands run [names…]`: run the configured project commands in config order (all when none is named). */
export const commands: ActionBody = async (ctx, args) =>
  runOperationCommand(
    ctx,
    runTestsOperation,
    { commands: ((args[0] as string[] | undefined) ?? []).filter(Boolean) },
    {
      ...(ctx.json ? {} : { onEvent: (event) => event.kind === 'note' && ctx.err(`running ${event.message}…`) }),
      text(c, result, document) {
        const runs = (result.data.commands ?? []) as CommandRun[];
        if (runs.length) {
          c.out(
            formatTable(
              ['command', 'status', 'exit', 'time', 'run'],
              runs.map((r) => [r.name, runStatus(r, c.style), r.exitCode === null ? '-' : String(r.exitCode), formatDuration(r.durationMs), r.command]),
            ),
          );
          c.out('');
        }
        c.printDiagnostics(result.diagnostics.filter((d) => d.severity !== 'info' || result.status !== 'ok'));
        c.out(`commands ${statusLabel(result.status, c.style)}: ${result.summary} in ${formatDuration(Number(document.durationMs))}`);
      },
    },
  );
