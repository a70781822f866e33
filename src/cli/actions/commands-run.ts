import type { CommandRun } from '../../core/commands/run.js';
import { runProjectCommands } from '../../core/commands/run.js';
import { usageError } from '../../core/errors.js';
import { createGateInputs } from '../../core/gates/inputs.js';
import type { ActionBody } from '../action.js';
import { formatDuration, statusLabel } from '../render/check-text.js';
import type { Style } from '../render/style.js';
import { formatTable } from '../render/table.js';
import { CONFIG_PATH } from '../../core/workspace/layout.js';

function runStatus(run: CommandRun, style: Style): string {
  return run.status === 'passed' ? style.green('passed') : style.red(run.status);
}

/** `sentinel commands run [names…]`: run the configured project commands in config order. */
export const commands: ActionBody = async (ctx, args, _opts) => {
  const names = ((args[0] as string[] | undefined) ?? []).filter(Boolean);
  const config = await ctx.config();
  const known = Object.keys(config.gates.commands);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) {
    throw usageError('COMMAND_UNKNOWN', `Unknown project command${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
      path: CONFIG_PATH,
      fix: known.length ? `Use one of: ${known.join(', ')}` : 'add gates.commands to .sentinel/config.json (sentinel init proposes them)',
    });
  }
  const gateCtx = createGateInputs({
    root: ctx.root,
    caller: ctx.caller,
    config,
    ...(ctx.json ? {} : { onProgress: (_gate, message) => ctx.err(`running ${message}…`) }),
  });
  const started = performance.now();
  const outcome = await runProjectCommands(gateCtx, names);
  const durationMs = Math.round(performance.now() - started);
  if (ctx.json) {
    ctx.printJson({ ok: outcome.status !== 'fail', gate: 'commands', durationMs, ...outcome });
  } else {
    const runs = (outcome.data.commands ?? []) as CommandRun[];
    if (runs.length) {
      ctx.out(formatTable(['command', 'status', 'exit', 'time', 'run'], runs.map((r) => [r.name, runStatus(r, ctx.style), r.exitCode === null ? '-' : String(r.exitCode), formatDuration(r.durationMs), r.command])));
      ctx.out('');
    }
    ctx.printDiagnostics(outcome.diagnostics.filter((d) => d.severity !== 'info' || outcome.status !== 'ok'));
    ctx.out(`commands ${statusLabel(outcome.status, ctx.style)}: ${outcome.summary} in ${formatDuration(durationMs)}`);
  }
  return outcome.status === 'fail' ? 1 : 0;
};
