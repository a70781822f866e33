import type { ToolDefinition } from './tool.js';
import { tool as capsuleDone } from './tools/capsule-done.js';
import { tool as capsuleValidate } from './tools/capsule-validate.js';
import { tool as check } from './tools/check.js';
import { tool as contextLint } from './tools/context-lint.js';
import { tool as contractValidate } from './tools/contract-validate.js';
import { tool as decisionLog } from './tools/decision-log.js';
import { tool as handoff } from './tools/handoff.js';
import { tool as logsCheck } from './tools/logs-check.js';
import { tool as prompt } from './tools/prompt.js';
import { tool as provenance } from './tools/provenance.js';
import { tool as route } from './tools/route.js';
import { tool as run } from './tools/run.js';
import { tool as runbook } from './tools/runbook.js';
import { tool as scope } from './tools/scope.js';
import { tool as status } from './tools/status.js';

export type Toolset = 'all' | 'core';

/** Every tool, in the order tools/list shows them. */
export function allTools(): ToolDefinition[] {
  return [
    status,
    check,
    capsuleValidate,
    route,
    prompt,
    contractValidate,
    contextLint,
    scope,
    run,
    decisionLog,
    provenance,
    runbook,
    logsCheck,
    handoff,
    capsuleDone,
  ];
}

/** The smaller set for clients with a cap on tools: the capsule loop only. */
export const CORE_TOOLS = [
  'sentinel_check',
  'sentinel_capsule_validate',
  'sentinel_route',
  'sentinel_prompt',
  'sentinel_scope',
  'sentinel_status',
  'sentinel_capsule_done',
];

export function toolsFor(set: Toolset): ToolDefinition[] {
  const tools = allTools();
  return set === 'core' ? tools.filter((t) => CORE_TOOLS.includes(t.name)) : tools;
}
