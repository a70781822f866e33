import type { Agent } from '../agents/types.js';
import { capsuleSlug } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import type { RouteOutcome } from '../router/decide.js';
import { toRoutable } from '../router/score.js';
import { fenced } from './pack.js';
import { demoteHeadings } from './render.js';

interface RouterPromptInput {
  capsule: Capsule;
  agents: readonly Agent[];
  agentsDir: string;
  /** The deterministic outcome, shown to the LLM for reference. */
  outcome: RouteOutcome;
  /** The text of schemas/router-decision.schema.json. */
  schema: string;
}

function rosterText(agents: readonly Agent[]): string {
  if (agents.length === 0) return '(no agents discovered)';
  return agents
    .map((agent) => {
      const routable = toRoutable(agent);
      const lines = [`- \`${agent.id}\` — ${agent.manifest.name}: ${agent.manifest.summary}`];
      lines.push(`  keywords: ${routable.keywords.join(', ') || '(none)'}`);
      lines.push(`  owns: ${routable.owns.join(', ') || '(no paths)'}${routable.ownsSource === 'default' ? ' (built-in default)' : ''}`);
      if (routable.neverOutputs.length) lines.push(`  never outputs: ${routable.neverOutputs.join(', ')}`);
      return lines.join('\n');
    })
    .join('\n');
}

function scoresText(outcome: RouteOutcome): string {
  if (!outcome.ok && outcome.refusal.code !== 'ROUTER_BELOW_THRESHOLD') return `(no scores: ${outcome.refusal.reason})`;
  const rows = outcome.explanation.candidates.map((c) => `- ${c.id}: ${c.score} (keywords ${c.keywordScore}, paths ${c.pathScore}, lead ${c.leadScore})`);
  const verdict = outcome.ok ? `Deterministic choice: ${outcome.decision.leadAgent}.` : `Deterministic router refuses: ${outcome.refusal.reason}.`;
  const lead = outcome.explanation.lead ? `\n${outcome.explanation.lead.reason}.` : '';
  return `${rows.join('\n')}\n\n${verdict}${lead}`;
}

/** Values for assets/prompts/router.md. */
export function routerPromptValues(input: RouterPromptInput): Record<string, string> {
  const router = input.agents.find((a) => a.id === 'router');
  return {
    capsule_id: input.capsule.id ?? capsuleSlug(input.capsule),
    capsule_slug: capsuleSlug(input.capsule),
    agents_dir: input.agentsDir.replace(/\/+$/, ''),
    router_role: demoteHeadings(router?.role.trim() ?? '') || '(no router role in the roster: follow the rules above)',
    router_playbook: demoteHeadings(router?.playbookText.trim() ?? '') || '(no router playbook in the roster)',
    roster: rosterText(input.agents),
    capsule: fenced(input.capsule.text.trimEnd(), 'markdown').trimEnd(),
    scores: scoresText(input.outcome),
    schema: input.schema.trim(),
  };
}
