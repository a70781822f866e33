import { findAgent, requirePromptFiles } from '../agents/discover.js';
import { capsuleSlug } from '../capsule/discover.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { GATE_DESCRIPTIONS } from '../gates/registry.js';
import { GATE_NAMES } from '../gates/types.js';
import { buildDecision, type Refusal } from '../router/decide.js';
import { capsuleDecisionId } from '../router/log.js';
import { openRouteSession } from '../router/session.js';
import type { RouterDecision } from '../router/types.js';
import { readState } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { expandContext, packWithinBudget, type Omitted, type Packed } from './pack.js';
import { agentPromptValues, packedSection } from './render.js';
import { fillTemplate, loadTemplate } from './template.js';
import { loadTokenCounter, type TokenCounter } from '../tokens/count.js';

interface AgentPromptRequest {
  /** Render for this agent instead of the lead. */
  agent?: string;
  /** Inline the Allowed Context files under `budget` tokens. */
  pack?: boolean;
  budget?: number;
}

type AgentSource = 'flag' | 'state' | 'router';

type AgentPromptResult =
  | {
      ok: true;
      agent: string;
      agentSource: AgentSource;
      capsule: string;
      template: string;
      tokens: number;
      budget?: number;
      packed: Packed[];
      omitted: Omitted[];
      diagnostics: Diagnostic[];
      /** The roster's own problems (a role file that cannot be read…): not about this prompt, shown apart. */
      rosterDiagnostics: Diagnostic[];
      prompt: string;
    }
  | { ok: false; capsule: string; refusal: Refusal; diagnostics: Diagnostic[]; rosterDiagnostics: Diagnostic[] };

/**
 * Token counts of the texts counted lately, by text: a warm MCP server renders the same prompt (and
 * packs the same files) call after call, and BPE counting was most of a warm sentinel_prompt call.
 */
const counted = new Map<string, number>();
const MAX_COUNTED = 64;

function keptCounts(count: TokenCounter): TokenCounter {
  return (text) => {
    let tokens = counted.get(text);
    if (tokens === undefined) {
      if (counted.size >= MAX_COUNTED) counted.delete(counted.keys().next().value!);
      counted.set(text, (tokens = count(text)));
    }
    return tokens;
  };
}

/**
 * Render an agent's prompt for a capsule (CLI `prompt`, MCP `sentinel_prompt`). The agent is the
 * requested one, else the lead recorded in state, else the router's choice (nothing is logged).
 */
export async function buildAgentPrompt(root: string, config: SentinelConfig, ref: string, request: AgentPromptRequest = {}): Promise<AgentPromptResult> {
  const session = await openRouteSession(root, config, ref);
  const { capsule, outcome } = session;
  const slug = capsuleSlug(capsule);
  const capsuleId = capsule.id ?? slug;
  const diagnostics: Diagnostic[] = [];
  const rosterDiagnostics = session.roster.diagnostics;

  const stored = readState(root, config, slug);
  let agentId: string;
  let agentSource: AgentSource;
  if (request.agent) {
    agentId = request.agent;
    agentSource = 'flag';
  } else if (stored?.state.lead && !stored.tampered) {
    agentId = stored.state.lead;
    agentSource = 'state';
  } else if (outcome.ok) {
    agentId = outcome.decision.leadAgent;
    agentSource = 'router';
  } else {
    return { ok: false, capsule: capsuleId, refusal: outcome.refusal, diagnostics: [...outcome.diagnostics, ...diagnostics], rosterDiagnostics };
  }
  if (stored?.tampered) {
    diagnostics.push(
      warning('STATE_TAMPERED', `${stored.file} was edited by hand; its lead is ignored`, {
        path: stored.file,
        fix: 'Route the capsule again with `sentinel route`',
      }),
    );
  }
  // An explicitly chosen agent still gets a prompt for an imperfect capsule, but sees the problems.
  for (const d of session.validation) if (d.severity === 'error') diagnostics.push({ ...d, severity: 'warning' });
  const agent = requirePromptFiles(findAgent(session.roster, agentId));
  const decision: RouterDecision =
    outcome.ok && outcome.decision.leadAgent === agent.id
      ? outcome.decision
      : buildDecision(capsule, agent.id, config.agentsDir, `Prompt rendered for ${agent.id} (${agentSource}).`);

  const disabled = new Set(config.gates.disabled);
  const gates = GATE_NAMES.filter((name) => !disabled.has(name)).map((name) => ({ name, description: GATE_DESCRIPTIONS[name] }));
  const decisionId = capsuleDecisionId(capsule);
  const warnings = session.validation.filter((d) => d.severity !== 'info');
  const values = agentPromptValues({ agent, capsule, decision, gates, warnings, ...(decisionId ? { decisionId } : {}) });
  const template = loadTemplate(root, 'agent.md');
  const unknown = new Set<string>();
  const render = (blocks: string, omitted: readonly Omitted[]) => {
    const filled = fillTemplate(template.text, { ...values, packed_files: packedSection(blocks, omitted) });
    filled.unknown.forEach((k) => unknown.add(k));
    return filled.text;
  };
  const count = keptCounts(await loadTokenCounter());
  const budget = request.budget ?? config.prompt.budgetTokens;
  let prompt: string;
  let tokens: number;
  let packed: Packed[] = [];
  let omitted: Omitted[] = [];
  if (request.pack) {
    const files = await expandContext(
      root,
      capsule.allowedContext.map((item) => item.path),
      session.forbiddenPaths,
    );
    ({ prompt, tokens, packed, omitted } = packWithinBudget(files, budget, render, count));
    if (tokens > budget) {
      diagnostics.push(
        warning('PROMPT_OVER_BUDGET', `The prompt is ${tokens} tokens even with no file inlined, over the budget of ${budget}`, {
          fix: 'Raise --budget (or prompt.budgetTokens), or shorten ROLE/PLAYBOOK/capsule',
        }),
      );
    }
  } else {
    prompt = render('', []);
    tokens = count(prompt);
  }
  for (const key of [...unknown].sort()) {
    diagnostics.push(
      error('PROMPT_TEMPLATE_PLACEHOLDER', `Unknown placeholder {{${key}}} left as written`, {
        path: template.source,
        fix: `Use one of: ${Object.keys(values).join(', ')}`,
      }),
    );
  }
  return {
    ok: true,
    agent: agent.id,
    agentSource,
    capsule: capsuleId,
    template: template.source,
    tokens,
    ...(request.pack ? { budget } : {}),
    packed,
    omitted,
    diagnostics,
    rosterDiagnostics,
    prompt,
  };
}
