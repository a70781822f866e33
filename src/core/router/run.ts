import { readFileSync } from 'node:fs';
import path from 'node:path';
import { capsuleSlug } from '../capsule/discover.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { routerPromptValues } from '../prompt/router-prompt.js';
import { fillTemplate, loadTemplate } from '../prompt/template.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { schemasDir } from '../workspace/package-dir.js';
import { checkRouterAnswer } from './accept.js';
import type { RouteOutcome } from './decide.js';
import { advanceToRouted, appendRouterLog, buildLogEntry, type ProducedBy, type RouterLogEntry, type StateAdvance } from './log.js';
import { openRouteSession, type RouteSession } from './session.js';
import { splitValidation } from './structural.js';
import type { RouterDecision } from './types.js';

/** What `route` and `sentinel_route` share: one entry point per mode, each returning plain data. */

export interface Recorded {
  log: string;
  entry: RouterLogEntry;
  state: StateAdvance;
}

export interface CapsuleRef {
  id: string;
  file?: string;
}

const refOf = (session: RouteSession): CapsuleRef => ({
  id: session.capsule.id ?? capsuleSlug(session.capsule),
  ...(session.capsule.file ? { file: session.capsule.file } : {}),
});

async function record(
  root: string,
  config: SentinelConfig,
  session: RouteSession,
  decision: RouterDecision,
  producedBy: ProducedBy,
  scores?: { id: string; score: number }[],
): Promise<Recorded> {
  const entry = buildLogEntry(session.capsule, decision, session.routerRulesHash, producedBy, scores ? { scores } : {});
  const log = await appendRouterLog(root, config, capsuleSlug(session.capsule), entry);
  const state = await advanceToRouted(root, config, session.capsule, decision.leadAgent, producedBy);
  return { log, entry, state };
}

interface RouteRun {
  capsule: CapsuleRef;
  outcome: RouteOutcome;
  routerRulesHash: string;
  /** Roster problems (invalid agent.json…), reported but not fatal. */
  rosterDiagnostics: Diagnostic[];
  recorded?: Recorded;
}

/** Deterministic routing; a successful decision is logged and advances the state unless `log` is false. */
export async function routeAndRecord(
  root: string,
  config: SentinelConfig,
  ref: string,
  options: { log?: boolean; explainAll?: boolean } = {},
): Promise<RouteRun> {
  const session = await openRouteSession(root, config, ref, options.explainAll ? { explainAll: true } : {});
  const run: RouteRun = {
    capsule: refOf(session),
    outcome: session.outcome,
    routerRulesHash: session.routerRulesHash,
    rosterDiagnostics: session.roster.diagnostics,
  };
  if (session.outcome.ok && options.log !== false) {
    run.recorded = await record(root, config, session, session.outcome.decision, 'sentinel-router', session.outcome.explanation.ranking);
  }
  return run;
}

interface AcceptRun {
  capsule: CapsuleRef;
  accepted: boolean;
  decision?: RouterDecision;
  diagnostics: Diagnostic[];
  routerRulesHash: string;
  recorded?: Recorded;
}

/** Check an LLM router's answer; only an answer that passes every rule is logged (producedBy "llm"). */
export async function acceptAndRecord(
  root: string,
  config: SentinelConfig,
  ref: string,
  answer: { text: string; source: string },
  options: { log?: boolean } = {},
): Promise<AcceptRun> {
  const session = await openRouteSession(root, config, ref);
  const base = { capsule: refOf(session), routerRulesHash: session.routerRulesHash };
  const { blocking } = splitValidation(session.validation);
  if (blocking.length) return { ...base, accepted: false, diagnostics: blocking };
  const checked = checkRouterAnswer({
    text: answer.text,
    source: answer.source,
    capsule: session.capsule,
    agents: session.agents,
    agentsDir: config.agentsDir,
  });
  if (!checked.ok) return { ...base, accepted: false, diagnostics: checked.diagnostics };
  const run: AcceptRun = { ...base, accepted: true, decision: checked.decision, diagnostics: [] };
  if (options.log !== false) run.recorded = await record(root, config, session, checked.decision, 'llm');
  return run;
}

interface RouterPromptRun {
  capsule: CapsuleRef;
  template: string;
  prompt: string;
  diagnostics: Diagnostic[];
}

/** The LLM router prompt: router ROLE + PLAYBOOK, roster, capsule, deterministic scores, answer schema. */
export async function renderRouterPrompt(root: string, config: SentinelConfig, ref: string): Promise<RouterPromptRun> {
  const session = await openRouteSession(root, config, ref);
  const template = loadTemplate(root, 'router.md');
  const schema = readFileSync(path.join(schemasDir(), 'router-decision.schema.json'), 'utf8');
  const values = routerPromptValues({ capsule: session.capsule, agents: session.roster.agents, agentsDir: config.agentsDir, outcome: session.outcome, schema });
  const filled = fillTemplate(template.text, values);
  const diagnostics = filled.unknown.map((key) =>
    error('PROMPT_TEMPLATE_PLACEHOLDER', `Unknown placeholder {{${key}}} left as written`, {
      path: template.source,
      fix: `Use one of: ${Object.keys(values).join(', ')}`,
    }),
  );
  return { capsule: refOf(session), template: template.source, prompt: filled.text, diagnostics };
}
