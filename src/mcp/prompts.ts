import { ErrorCode, McpError, type GetPromptResult, type Prompt } from '@modelcontextprotocol/sdk/types.js';
import { discoverAgents } from '../core/agents/discover.js';
import { SentinelError } from '../core/errors.js';
import { buildAgentPrompt } from '../core/prompt/build.js';
import { renderRouterPrompt } from '../core/router/run.js';
import type { SentinelConfig } from '../core/workspace/config-types.js';
import { guardCapsuleRef } from '../core/workspace/paths.js';

const CAPSULE_ARG = [{ name: 'capsule', description: 'Capsule slug, id or path', required: true }];

/** The router prompt, and one prompt per agent role. */
export function listPrompts(root: string, config: SentinelConfig): Prompt[] {
  return [
    { name: 'route_capsule', title: 'Route a capsule', description: 'LLM router prompt: pick one lead agent for a capsule', arguments: CAPSULE_ARG },
    ...discoverAgents(root, config).agents.map((a) => ({
      name: `agent_${a.id}`,
      title: a.manifest.name,
      description: `${a.manifest.name} prompt for a capsule: ${a.manifest.summary}`,
      arguments: CAPSULE_ARG,
    })),
  ];
}

const message = (text: string, description: string): GetPromptResult => ({ description, messages: [{ role: 'user', content: { type: 'text', text } }] });

export async function getPrompt(root: string, config: SentinelConfig, name: string, args: Record<string, string> | undefined): Promise<GetPromptResult> {
  const ref = args?.capsule;
  if (!ref) throw new McpError(ErrorCode.InvalidParams, `Prompt ${name} needs the argument "capsule"`);
  try {
    guardCapsuleRef(root, ref);
    if (name === 'route_capsule') {
      const run = await renderRouterPrompt(root, config, ref);
      return message(run.prompt, `Router prompt for ${run.capsule.id}`);
    }
    const agent = /^agent_(.+)$/.exec(name)?.[1];
    if (agent && discoverAgents(root, config).agents.some((a) => a.id === agent)) {
      const result = await buildAgentPrompt(root, config, ref, { agent });
      if (!result.ok) throw new McpError(ErrorCode.InvalidParams, `${result.refusal.reason} (fix: ${result.refusal.fix})`);
      return message(result.prompt, `${agent} prompt for ${result.capsule}`);
    }
  } catch (err) {
    if (err instanceof SentinelError) throw new McpError(ErrorCode.InvalidParams, `${err.message}${err.fix ? ` (fix: ${err.fix})` : ''}`);
    throw err;
  }
  throw new McpError(ErrorCode.InvalidParams, `Unknown prompt "${name}"; prompts/list shows them`);
}
