import { isGitRepo, resolveBase } from '../git/git.js';
import { buildCheckReport, type CheckReport } from '../report/check-report.js';
import type { Caller } from '../workspace/caller.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { createGateClock, SHARED } from './clock.js';
import { createGateInputs } from './inputs.js';
import { runGates, selectGates } from './run.js';
import type { GateName, GateResult } from './types.js';

export interface CheckRequest {
  only?: string[];
  skip?: string[];
  capsule?: string;
  base?: string;
  strict?: boolean;
  /** Set by `capsule done`: Required Outputs that do not exist are failures. */
  requireOutputs?: boolean;
  caller?: Caller;
  signal?: AbortSignal;
  onStart?: (gates: GateName[]) => void;
  onProgress?: (gate: GateName, message: string) => void;
  onGateDone?: (result: GateResult) => void;
}

/** What `sentinel check`, `sentinel_check`, `capsule done` and the stop hook share: select, run, report. */
export async function runCheck(root: string, config: SentinelConfig, request: CheckRequest = {}): Promise<CheckReport> {
  const names = selectGates({ ...(request.only ? { only: request.only } : {}), ...(request.skip ? { skip: request.skip } : {}) }, config.gates.disabled);
  const gitRepo = await isGitRepo(root);
  // Resolve an explicit base up front: a bad ref is a usage error (exit 2), not a gate failure.
  const base = gitRepo || request.base ? await resolveBase(root, request.base) : null;
  const strict = Boolean(request.strict);
  const clock = createGateClock();
  const gateCtx = createGateInputs({
    clock,
    root,
    config,
    strict,
    ...(request.requireOutputs ? { requireOutputs: true } : {}),
    ...(request.caller ? { caller: request.caller } : {}),
    ...(request.capsule !== undefined ? { capsule: request.capsule } : {}),
    ...(request.base !== undefined ? { baseRef: request.base } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    known: { isGitRepo: gitRepo, ...(base !== null ? { base } : {}) },
  });
  const started = performance.now();
  request.onStart?.(names);
  let gates: GateResult[];
  try {
    gates = await runGates(names, gateCtx, request.onGateDone, clock);
  } finally {
    clock.stop();
  }
  const sharedMs = Math.round(clock.spent(SHARED));
  return buildCheckReport({ gates, strict, base, capsule: request.capsule ?? null, durationMs: Math.round(performance.now() - started), sharedMs });
}
