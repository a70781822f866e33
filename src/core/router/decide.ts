import type { Capsule } from '../capsule/types.js';
import type { Diagnostic } from '../diagnostics.js';
import { EXPLAIN_TOP } from './rules.js';
import { scoreCapsule } from './score.js';
import { splitValidation } from './structural.js';
import type { Candidate, LeadVerdict, RoutableAgent, RouterDecision, Scoring } from './types.js';

interface RouteInput {
  capsule: Capsule;
  agents: readonly RoutableAgent[];
  minScore: number;
  /** Workspace-relative agents folder (config.agentsDir). */
  agentsDir: string;
  /** Validation diagnostics of the capsule; only structural errors refuse routing (structural.ts). */
  validation: readonly Diagnostic[];
  /** List every candidate in the explanation, not only the top ones. */
  explainAll?: boolean;
}

export type RefusalCode = 'ROUTER_CAPSULE_INVALID' | 'ROUTER_NO_AGENTS' | 'ROUTER_BELOW_THRESHOLD';

export interface Refusal {
  code: RefusalCode;
  reason: string;
  fix: string;
}

export interface Explanation {
  chosen?: string;
  minScore: number;
  lead?: LeadVerdict;
  /** The top candidates in full (every candidate with explainAll). */
  candidates: Candidate[];
  /** Every agent's total, best first. */
  ranking: { id: string; score: number }[];
}

export type RouteOutcome =
  | { ok: true; decision: RouterDecision; explanation: Explanation; warnings: Diagnostic[] }
  | { ok: false; refusal: Refusal; diagnostics: Diagnostic[]; explanation: Explanation };

/** The lead's own folder, the one thing mounted beyond the capsule's Allowed Context. */
export const agentFolderGlob = (agentsDir: string, lead: string): string => `${agentsDir.replace(/\/+$/, '')}/${lead}/**`;

/** Required outputs and acceptance verbatim; context = Allowed Context + the lead's folder, nothing else. */
export function buildDecision(capsule: Capsule, lead: string, agentsDir: string, notes: string): RouterDecision {
  const context = [...new Set(capsule.allowedContext.map((item) => item.path))];
  const folder = agentFolderGlob(agentsDir, lead);
  if (!context.includes(folder)) context.push(folder);
  return {
    leadAgent: lead,
    requiredOutputs: capsule.requiredOutputs.map((item) => item.text),
    acceptanceCriteria: capsule.acceptanceCriteria.map((item) => item.text),
    contextToMount: context,
    notes,
  };
}

function describeCandidate(candidate: Candidate): string {
  const parts: string[] = [];
  const keywords = [...new Set(candidate.keywords.map((h) => h.keyword))];
  if (keywords.length) parts.push(`keywords ${keywords.join(', ')}`);
  if (candidate.paths.length) parts.push(`paths ${candidate.paths.map((p) => p.output).join(', ')}`);
  if (candidate.leadScore) parts.push('Router Notes lead');
  return `${candidate.id} ${candidate.score}${parts.length ? ` (${parts.join('; ')})` : ''}`;
}

/** One-paragraph reason stored in the decision: who won, on what, and who came next. */
function decisionNotes(chosen: Candidate, scoring: Scoring): string {
  const runnersUp = scoring.candidates.filter((c) => c.id !== chosen.id).slice(0, EXPLAIN_TOP - 1);
  const next = runnersUp.length ? `; next: ${runnersUp.map((c) => `${c.id} ${c.score}`).join(', ')}` : '';
  const lead = scoring.lead ? `. ${scoring.lead.reason}` : '';
  return `Chosen ${describeCandidate(chosen)}${next}${lead}.`;
}

/**
 * Route a capsule: refuse for a structural problem, an empty roster or no agent reaching
 * minScore; every other validation finding travels with the decision as a warning.
 */
export function routeCapsule(input: RouteInput): RouteOutcome {
  const { capsule, agents, minScore } = input;
  const explanation = (scoring?: Scoring, chosen?: Candidate): Explanation => {
    const candidates = scoring ? (input.explainAll ? scoring.candidates : scoring.candidates.slice(0, Math.max(EXPLAIN_TOP, 1))) : [];
    return {
      ...(chosen ? { chosen: chosen.id } : {}),
      minScore,
      ...(scoring?.lead ? { lead: scoring.lead } : {}),
      candidates,
      ranking: scoring ? scoring.candidates.map((c) => ({ id: c.id, score: c.score })) : [],
    };
  };
  const { blocking, warnings } = splitValidation(input.validation);
  if (blocking.length) {
    const count = blocking.length;
    return {
      ok: false,
      refusal: {
        code: 'ROUTER_CAPSULE_INVALID',
        reason: `The capsule has ${count} structural problem${count === 1 ? '' : 's'} (${[...new Set(blocking.map((d) => d.code))].join(', ')}); it cannot be routed safely`,
        fix: 'Fix the errors listed (`sentinel capsule validate <capsule>`), then route again',
      },
      diagnostics: [...blocking, ...warnings],
      explanation: explanation(),
    };
  }
  if (agents.length === 0) {
    return {
      ok: false,
      refusal: {
        code: 'ROUTER_NO_AGENTS',
        reason: `No agents found under ${input.agentsDir}`,
        fix: 'Run `sentinel init` to install the default roster, or add <agentsDir>/<id>/agent.json',
      },
      diagnostics: [],
      explanation: explanation(),
    };
  }
  const scoring = scoreCapsule(capsule, agents);
  const best = scoring.candidates[0]!;
  if (best.score < minScore) {
    return {
      ok: false,
      refusal: {
        code: 'ROUTER_BELOW_THRESHOLD',
        reason: `No agent is a safe fit: the best score is ${best.id} ${best.score}, below router.minScore ${minScore}`,
        fix: "Name the outputs by path (under a role's owned folders), use the role's words in Goal/Required Outputs, or add `Lead: <id>` to Router Notes; or split the capsule",
      },
      diagnostics: warnings,
      explanation: explanation(scoring),
    };
  }
  const decision = buildDecision(capsule, best.id, input.agentsDir, decisionNotes(best, scoring));
  return { ok: true, decision, explanation: explanation(scoring, best), warnings };
}
