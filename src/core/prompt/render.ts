import type { Agent } from '../agents/types.js';
import { capsuleSlug } from '../capsule/discover.js';
import { classifyCriterion, type CriterionClass } from '../capsule/acceptance.js';
import type { Capsule } from '../capsule/types.js';
import type { Diagnostic } from '../diagnostics.js';
import type { RouterDecision } from '../router/types.js';
import { toLines } from '../markdown/sections.js';
import { fenced } from './pack.js';
import { phaseTools } from './phases.js';

interface GateLine {
  name: string;
  description: string;
}

interface AgentPromptInput {
  agent: Agent;
  capsule: Capsule;
  decision: RouterDecision;
  gates: readonly GateLine[];
  decisionId?: string;
  /** What validation found in the capsule; they travel with the prompt because routing does not block on them. */
  warnings?: readonly Diagnostic[];
}

/** `BACKENDER@1.0` → `BACKENDER`; an agent without a conventional rulesHash falls back to its id. */
const agentTag = (agent: Agent): string => /^([A-Z][A-Z0-9_-]*)@/.exec(agent.manifest.rulesHash)?.[1] ?? agent.id.toUpperCase();

/** The exact one-line provenance header the agent stamps on its files. */
export function provenanceHeader(agent: Agent, capsule: Capsule, decisionId?: string): string {
  return `ProducedBy=${agentTag(agent)} RulesHash=${agent.manifest.rulesHash} Decision=${decisionId ?? 'D-####'} Capsule=${capsule.id ?? capsuleSlug(capsule)}`;
}

/** ROLE.md and PLAYBOOK.md sit under the prompt's own `##` headings: push their headings two levels down (fences untouched). */
export function demoteHeadings(text: string): string {
  return toLines(text)
    .map((line) => (!line.inFence && /^#{1,4}\s/.test(line.text) ? `##${line.text}` : line.text))
    .join('\n');
}

const bullets = (lines: readonly string[], empty: string): string => (lines.length ? lines.map((l) => `- ${l}`).join('\n') : `- ${empty}`);

function contextList(capsule: Capsule, decision: RouterDecision): string {
  const notes = new Map(capsule.allowedContext.map((item) => [item.path, item.note]));
  return bullets(
    decision.contextToMount.map((entry) => {
      const note = notes.get(entry);
      return `\`${entry}\`${note ? ` — ${note}` : ''}`;
    }),
    '(nothing mounted)',
  );
}

/** How each acceptance class is proven, said where the agent reads the criterion. */
const CRITERION_NOTES: Record<CriterionClass, string> = {
  command: 'proven by running it',
  inspectable: 'checked by review: say where it holds (file and line, or what to look at)',
  vague: 'vague: nothing can check it; ask for a concrete rewrite (`capsule done` fails until then)',
};

function deliverables(decision: RouterDecision, warnings: readonly Diagnostic[]): string {
  const outputs = decision.requiredOutputs.map((o) => `- [ ] ${o}`);
  const acceptance = decision.acceptanceCriteria.map((a) => `- [ ] ${a} — ${CRITERION_NOTES[classifyCriterion(a).class]}`);
  const problems = warnings.map((d) => `- ${d.severity}${d.line ? ` (line ${d.line})` : ''}: ${d.message} (${d.code})`);
  return [
    'Required Outputs (verbatim from the capsule):',
    '',
    outputs.length ? outputs.join('\n') : '- (none listed)',
    '',
    'Acceptance Criteria (each must be shown to hold):',
    '',
    acceptance.length ? acceptance.join('\n') : '- (none listed)',
    ...(problems.length
      ? ['', 'Capsule findings (routing went ahead; the capsules gate still fails on every error here until the capsule is fixed):', '', ...problems]
      : []),
  ].join('\n');
}

/** Values for assets/prompts/agent.md; `packed_files` is filled by the packer. */
export function agentPromptValues(input: AgentPromptInput): Record<string, string> {
  const { agent, capsule, decision } = input;
  const phases = phaseTools(agent.playbook);
  return {
    agent_id: agent.id,
    agent_name: agent.manifest.name,
    rules_hash: agent.manifest.rulesHash,
    content_hash: agent.contentHash,
    role: demoteHeadings(agent.role.trim()) || '(ROLE.md is empty)',
    playbook: demoteHeadings(agent.playbookText.trim()) || '(PLAYBOOK.md is empty)',
    phase_tools: phases.length
      ? phases.map((p) => `${p.index}. ${p.phase}: ${p.tools.map((t) => `\`${t}\``).join(', ')}`).join('\n')
      : '- (the playbook has no numbered phases) call `sentinel_check` before you finish',
    capsule_id: capsule.id ?? capsuleSlug(capsule),
    capsule_slug: capsuleSlug(capsule),
    capsule: fenced(capsule.text.trimEnd(), 'markdown').trimEnd(),
    context_list: contextList(capsule, decision),
    deliverables: deliverables(decision, input.warnings ?? []),
    gates: bullets(
      input.gates.map((g) => `\`${g.name}\` — ${g.description}`),
      '(every gate is disabled in the workspace config)',
    ),
    provenance_header: provenanceHeader(agent, capsule, input.decisionId),
    decision_hint: input.decisionId
      ? ''
      : 'The capsule names no decision yet: record yours with `sentinel_decision_log` (or `sentinel decide`) and put its id in place of `D-####`.\n',
    packed_files: '',
  };
}

/** The "Allowed Context files" section the packer inserts; empty when nothing was packed or omitted. */
export function packedSection(blocks: string, omitted: readonly { path: string; tokens: number; reason: string }[]): string {
  if (!blocks && omitted.length === 0) return '';
  const lines = ['## Allowed Context files', ''];
  if (blocks) lines.push(blocks);
  if (omitted.length) {
    lines.push('Not inlined (read them yourself only if you must; they stay inside the Allowed Context):', '');
    for (const o of omitted) lines.push(`- \`${o.path}\` — ${o.reason}${o.tokens ? ` (${o.tokens} tokens)` : ''}`);
    lines.push('');
  }
  return lines.join('\n');
}
