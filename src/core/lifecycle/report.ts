import { discoverAgents } from '../agents/discover.js';
import { createCapsuleChecker } from '../capsule/check.js';
import { loadCapsules } from '../capsule/discover.js';
import type { Diagnostic } from '../diagnostics.js';
import { listStates } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { statusRows, type StatusRow } from './status.js';

interface StatusReport {
  ok: boolean;
  capsules: StatusRow[];
  diagnostics: Diagnostic[];
}

/** `sentinel status`: every capsule joined with its state; ok is false when a state was hand-edited. */
export async function statusReport(root: string, config: SentinelConfig, now = new Date()): Promise<StatusReport> {
  const [capsules, checker] = await Promise.all([loadCapsules(root, config), createCapsuleChecker(root, config, discoverAgents(root, config))]);
  const { rows, diagnostics } = statusRows(
    capsules.map((c) => checker.check(c)),
    listStates(root, config),
    now,
  );
  return { ok: !rows.some((r) => r.tampered), capsules: rows, diagnostics };
}
