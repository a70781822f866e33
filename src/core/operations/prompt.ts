import { z } from 'zod';
import { usageError } from '../errors.js';
import { defineOperation, given, type OperationResult } from './operation.js';

/** `sentinel prompt` / `sentinel_prompt`: the lead agent's prompt for a capsule. */
export const promptOperation = defineOperation({
  name: 'prompt',
  input: z.object({
    capsule: z.string().describe('Capsule slug, id or path'),
    agent: z.string().optional().describe('Render for this agent instead of the lead'),
    pack: z.boolean().optional().describe('Inline Allowed Context files'),
    budget: z.int().min(1).optional().describe('Token budget for pack'),
  }),
  async run(ctx, input): Promise<OperationResult<Record<string, unknown>>> {
    if (input.budget !== undefined && !input.pack)
      throw usageError('PROMPT_BUDGET_WITHOUT_PACK', '--budget only applies with --pack', { fix: 'Add --pack (pack: true), or drop the budget' });
    const { buildAgentPrompt } = await import('../prompt/build.js');
    const agent = given(input.agent);
    const result = await buildAgentPrompt(ctx.root, ctx.config, input.capsule, {
      ...(agent ? { agent } : {}),
      ...(input.pack ? { pack: true } : {}),
      ...(input.budget !== undefined ? { budget: input.budget } : {}),
    });
    if (!result.ok) {
      const { diagnostics, rosterDiagnostics, ok: _ok, ...data } = result;
      return { status: 'fail', summary: `no lead for ${result.capsule}: ${result.refusal.reason}`, diagnostics, notes: rosterDiagnostics, data };
    }
    const { diagnostics, rosterDiagnostics, ok: _ok, ...data } = result;
    return { status: 'ok', summary: `${result.agent} prompt for ${result.capsule}: ${result.tokens} tokens`, diagnostics, notes: rosterDiagnostics, data };
  },
});
