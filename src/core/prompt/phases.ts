import type { Playbook } from '../agents/playbook.js';

/** The MCP tools an agent calls in each standard playbook phase. */
const PHASE_TOOLS: Readonly<Record<string, readonly string[]>> = {
  ORIENT: ['sentinel_capsule_validate', 'sentinel_status'],
  PLAN: ['sentinel_contract_validate', 'sentinel_context_lint'],
  DESIGN: ['sentinel_contract_validate', 'sentinel_context_lint'],
  IMPLEMENT: ['sentinel_scope'],
  VERIFY: ['sentinel_check', 'sentinel_run', 'sentinel_logs_check'],
  PACKAGE: ['sentinel_runbook', 'sentinel_provenance', 'sentinel_decision_log'],
  HANDOFF: ['sentinel_handoff', 'sentinel_capsule_done'],
};

/** A phase nobody mapped still ends with asking the referee. */
const FALLBACK_PHASE_TOOLS: readonly string[] = ['sentinel_check'];

interface PhaseTools {
  index: number;
  phase: string;
  tools: readonly string[];
}

export function phaseTools(playbook: Playbook): PhaseTools[] {
  return playbook.phases.map((p) => ({ index: p.index, phase: p.name, tools: PHASE_TOOLS[p.name] ?? FALLBACK_PHASE_TOOLS }));
}
