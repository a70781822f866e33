import type { Severity } from '../diagnostics.js';
import type { GateName, GateResult, GateStatus } from '../gates/types.js';

/** Version of the `sentinel check --json` document; bumped only on breaking changes. */
export const CHECK_REPORT_SCHEMA_VERSION = 1;

export type OverallStatus = 'ok' | 'pending' | 'fail';

export interface CheckCounts {
  gates: Record<GateStatus, number>;
  diagnostics: Record<Severity, number>;
}

/** What `sentinel check --json` prints; documented in docs/check.md and schemas/check-report.schema.json. */
export interface CheckReport {
  schemaVersion: typeof CHECK_REPORT_SCHEMA_VERSION;
  ok: boolean;
  status: OverallStatus;
  strict: boolean;
  /** The resolved diff base commit, or null outside a git repository. */
  base: string | null;
  /** Why that base: recorded when the capsule was routed, --base, or the default branch. */
  baseReason: string | null;
  /** The --capsule given, or null. */
  capsule: string | null;
  durationMs: number;
  /** Time spent computing the workspace facts gates share (file list, capsules, file reads…), not charged to any gate. */
  sharedMs?: number;
  gates: GateResult[];
  counts: CheckCounts;
  /** Only in a `check --shard i/n` report: which slice it is and which gates it split by path. */
  shard?: { index: number; count: number; sliced: GateName[] };
}

/**
 * The overall verdict: any failing gate fails; pending gates fail only with --strict; otherwise
 * pending gates make the run `pending` (still ok), and a run with only ok/skipped gates is `ok`.
 */
export function overallCheckStatus(gates: readonly Pick<GateResult, 'status'>[], strict: boolean): OverallStatus {
  if (gates.some((g) => g.status === 'fail')) return 'fail';
  if (gates.some((g) => g.status === 'pending')) return strict ? 'fail' : 'pending';
  return 'ok';
}

function countCheck(gates: readonly GateResult[]): CheckCounts {
  const counts: CheckCounts = { gates: { ok: 0, pending: 0, fail: 0, skipped: 0 }, diagnostics: { error: 0, warning: 0, info: 0 } };
  for (const g of gates) {
    counts.gates[g.status]++;
    for (const d of g.diagnostics) counts.diagnostics[d.severity]++;
  }
  return counts;
}

interface CheckReportInput {
  gates: GateResult[];
  strict: boolean;
  base: string | null;
  baseReason?: string | null;
  capsule: string | null;
  durationMs: number;
  sharedMs?: number;
}

export function buildCheckReport(input: CheckReportInput): CheckReport {
  const status = overallCheckStatus(input.gates, input.strict);
  return {
    schemaVersion: CHECK_REPORT_SCHEMA_VERSION,
    ok: status !== 'fail',
    status,
    strict: input.strict,
    base: input.base,
    baseReason: input.baseReason ?? null,
    capsule: input.capsule,
    durationMs: input.durationMs,
    ...(input.sharedMs !== undefined ? { sharedMs: input.sharedMs } : {}),
    gates: input.gates,
    counts: countCheck(input.gates),
  };
}

/** Does this gate make the run fail (the rule every renderer shares)? */
export const gateFails = (status: GateStatus, strict: boolean): boolean => status === 'fail' || (strict && status === 'pending');
