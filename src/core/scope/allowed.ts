import { ROLE_RUNBOOKS, type SentinelConfig } from '../workspace/config-types.js';
import { statePath, trustedState, type CapsuleState } from '../state/state.js';
import { layoutOf } from '../workspace/layout.js';
import { alwaysAllowedPaths } from './check.js';

/**
 * Everything a capsule may touch besides its outputs and context: its state, the ledger, the
 * router log, evidence, config.scope.alwaysAllowed, and the runbook its lead's playbook keeps
 * (the Backender's PACKAGE phase updates ops/backend/runbook.md whatever the capsule).
 */
export function capsuleAlwaysAllowed(root: string, config: SentinelConfig, slug: string): string[] {
  return alwaysAllowedFor(config, slug, trustedState(root, config, slug));
}

/** capsuleAlwaysAllowed given the capsule's trusted state (undefined when missing or hand-edited), for a caller that read it already. */
export function alwaysAllowedFor(config: SentinelConfig, slug: string, state: CapsuleState | undefined): string[] {
  const lead = state?.lead;
  const runbook = lead ? (config.runbooks[lead] ?? ROLE_RUNBOOKS[lead])?.file : undefined;
  return alwaysAllowedPaths({
    statePath: statePath(config, slug),
    ledger: config.ledger,
    routerLogDir: config.routerLogDir,
    evidenceDir: layoutOf(config).evidenceDir,
    extra: [...config.scope.alwaysAllowed, ...(runbook ? [runbook] : [])],
  });
}
