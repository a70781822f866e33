import { z } from 'zod';
import { usageError } from '../errors.js';
import type { GateName } from '../gates/types.js';
import { CONFIG_PATH } from '../workspace/layout.js';
import { defineOperation, gateDocument, given, type OperationResult } from './operation.js';

type RunData = Record<string, unknown>;

/** `sentinels run` and `commands run` (the `sentinel_run` tool): the sentinel tests, or the configured project commands. */
export const runTestsOperation = defineOperation({
  name: 'run',
  input: z.object({
    filter: z.string().optional().describe('Only tests whose name or file matches'),
    commands: z.array(z.string()).optional().describe('Run these configured commands instead ([]: all)'),
  }),
  async run(ctx, input): Promise<OperationResult<RunData> & { gate: GateName; durationMs: number }> {
    const { createGateInputs } = await import('../gates/inputs.js');
    const gateInputs = createGateInputs({
      root: ctx.root,
      caller: ctx.caller,
      config: ctx.config,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.onEvent ? { onProgress: (gate: GateName, message: string) => ctx.onEvent!({ kind: 'note', step: gate, message }) } : {}),
    });
    const started = performance.now();
    if (input.commands) {
      // Only names from gates.commands: a tool never runs a command line the caller made up.
      const known = Object.keys(ctx.config.gates.commands);
      const unknown = input.commands.filter((n) => !known.includes(n));
      if (unknown.length) {
        throw usageError('COMMAND_UNKNOWN', `Unknown project command${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
          path: CONFIG_PATH,
          fix: known.length ? `Use one of: ${known.join(', ')}` : 'add gates.commands to .sentinel/config.json (sentinel init proposes them)',
        });
      }
      const { runProjectCommands } = await import('../commands/run.js');
      const outcome = await runProjectCommands(gateInputs, input.commands);
      return { gate: 'commands', durationMs: Math.round(performance.now() - started), ...outcome };
    }
    const { runSentinels } = await import('../sentinels/run.js');
    const filter = given(input.filter);
    const outcome = await runSentinels(gateInputs, filter ? { filter } : {});
    if (filter && outcome.data.filterMatched === false) {
      throw usageError('SENTINELS_FILTER_NO_MATCH', `No sentinel test name or file matches --filter "${filter}"`, {
        path: ctx.config.sentinels.dir,
        fix: 'Use part of a test name or file path (`sentinel sentinels run` lists them)',
      });
    }
    return { gate: 'sentinels', durationMs: Math.round(performance.now() - started), ...outcome };
  },
  document: (result) => {
    const { gate, durationMs } = result as OperationResult<RunData> & { gate: GateName; durationMs: number };
    return { ...gateDocument(gate, result), durationMs };
  },
});
