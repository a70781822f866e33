import { runProjectCommands } from '../../core/commands/run.js';
import { usageError } from '../../core/errors.js';
import { createGateInputs } from '../../core/gates/inputs.js';
import { runSentinels } from '../../core/sentinels/run.js';
import { gateOutcome, optionalString, stringList, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  let step = 0;
  const ctx = createGateInputs({
    root: call.root,
    caller: call.caller,
    config: call.config,
    signal: call.signal,
    onProgress: (gate, message) => call.progress(++step, undefined, `${gate}: ${message}`),
  });
  const commands = stringList(call.args.commands);
  if (commands.length) {
    // Only names from gates.commands: a tool never runs a command line the caller made up.
    const known = Object.keys(call.config.gates.commands);
    const unknown = commands.filter((n) => !known.includes(n));
    if (unknown.length) {
      throw usageError('COMMAND_UNKNOWN', `Unknown project command(s): ${unknown.join(', ')}`, { path: '.sentinel/config.json', fix: known.length ? `Use one of: ${known.join(', ')}` : 'Add gates.commands to .sentinel/config.json' });
    }
    return gateOutcome('commands', await runProjectCommands(ctx, commands));
  }
  const filter = optionalString(call.args.filter);
  return gateOutcome('sentinels', await runSentinels(ctx, filter ? { filter } : {}));
}
