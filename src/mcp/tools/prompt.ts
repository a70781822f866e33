import { buildAgentPrompt } from '../../core/prompt/build.js';
import { bool, output, str, READ_ONLY, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_prompt',
  description: "Render the lead agent's prompt for a capsule (ROLE, PLAYBOOK, capsule, context).",
  inputSchema: {
    type: 'object',
    properties: {
      capsule: str('Capsule slug, id or path'),
      agent: str('Render for this agent instead of the lead'),
      pack: bool('Inline Allowed Context files'),
      budget: { type: 'integer', minimum: 1, description: 'Token budget for pack' },
    },
    required: ['capsule'],
  },
  outputSchema: output(),
  annotations: { title: 'Agent prompt', ...READ_ONLY },
  async handler(call) {
    const ref = String(call.args.capsule);
    const result = await buildAgentPrompt(call.root, call.config, ref, {
      ...(typeof call.args.agent === 'string' ? { agent: call.args.agent } : {}),
      ...(call.args.pack === true ? { pack: true } : {}),
      ...(typeof call.args.budget === 'number' ? { budget: call.args.budget } : {}),
    });
    if (!result.ok) {
      const summary = `no lead for ${result.capsule}: ${result.refusal.reason}`;
      return { structured: { ok: false, summary, capsule: result.capsule, refusal: result.refusal, diagnostics: result.diagnostics }, text: `${summary} (fix: ${result.refusal.fix}, or pass agent)` };
    }
    const summary = `${result.agent} prompt for ${result.capsule}: ${result.tokens} tokens`;
    const { prompt, ...rest } = result;
    return { structured: { ...rest, summary, prompt }, text: prompt };
  },
};
