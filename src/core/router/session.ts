import { discoverAgents } from '../agents/discover.js';
import type { Roster } from '../agents/types.js';
import { createCapsuleChecker } from '../capsule/check.js';
import { findCapsule } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import type { Diagnostic } from '../diagnostics.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { routeCapsule, type RouteOutcome } from './decide.js';
import { routerRulesHash } from './rules.js';
import { toRoutable } from './score.js';
import type { RoutableAgent } from './types.js';

/** Everything one `route`/`prompt` invocation needs, loaded once. */
export interface RouteSession {
  /** forbiddenPaths of the context limits, for packing. */
  forbiddenPaths: string[];
  capsule: Capsule;
  roster: Roster;
  agents: RoutableAgent[];
  validation: Diagnostic[];
  outcome: RouteOutcome;
  routerRulesHash: string;
}

export async function openRouteSession(root: string, config: SentinelConfig, ref: string, options: { explainAll?: boolean } = {}): Promise<RouteSession> {
  const capsule = await findCapsule(root, config, ref);
  const roster = discoverAgents(root, config);
  const agents = roster.agents.map(toRoutable);
  // The same validation as `sentinel capsule validate`; only its structural errors refuse routing.
  const checker = await createCapsuleChecker(root, config, roster);
  const validation = checker.check(capsule).diagnostics;
  const outcome = routeCapsule({
    capsule,
    agents,
    minScore: config.router.minScore,
    agentsDir: config.agentsDir,
    validation,
    ...(options.explainAll ? { explainAll: true } : {}),
  });
  const router = roster.agents.find((a) => a.id === 'router');
  return {
    forbiddenPaths: [...checker.limits.limits.forbiddenPaths],
    capsule,
    roster,
    agents,
    validation,
    outcome,
    routerRulesHash: routerRulesHash(router?.manifest.rulesHash),
  };
}
