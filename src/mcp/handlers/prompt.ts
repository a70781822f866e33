import { buildAgentPrompt } from '../../core/prompt/build.js';
import { type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
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
}
