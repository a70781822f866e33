import { isGitRepo } from '../git/git.js';
import { listIndex, type IndexListing } from '../git/index-listing.js';
import { chooseBase, recordedBaseOf } from '../lifecycle/base.js';
import { buildCheckReport, type CheckReport } from '../report/check-report.js';
import type { Caller } from '../workspace/caller.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { createGateClock, SHARED } from './clock.js';
import { createGateInputs, gateFactsReady, saveGateFacts } from './inputs.js';
import { runGates, selectGates } from './run.js';
import { SLICED_GATES, wholeGateShard, type Shard } from './shard.js';
import type { GateInputs, GateName, GateResult } from './types.js';
import type { Cache } from '../cache/store.js';

interface CheckRequest {
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
  /** `check --shard i/n`: this slice of the sliced gates' per-file work, and the whole gates dealt to it. */
  shard?: Shard;
  /** The workspace cache: per-file facts of unchanged files are reused from it, and this run's recorded. */
  cache?: Cache;
  /** How many per-file facts came from the cache and how many were computed (bench, tests). */
  onFacts?: (counts: { reused: number; computed: number }) => void;
}

/** The gates that use per-file facts (GateInputs.fileFact). */
const FACT_GATES: readonly GateName[] = ['capsules', 'contracts', 'context', 'runbook'];

/** The gates that ask for the files changed since the base (GateInputs.changedFiles). */
const DIFF_GATES: readonly GateName[] = ['scope', 'boundaries', 'tamper', 'ledger', 'secrets', 'migrations', 'provenance'];

/** `git ls-files` of the workspace, with blob ids when there is a cache (createGateInputs asks the same); undefined outside git. */
function startListing(root: string, cache: Cache | undefined): Promise<IndexListing | undefined> {
  const listing = listIndex(root, { blobs: Boolean(cache) });
  // Awaited only in a git work tree; elsewhere its failure must not surface as an unhandled rejection.
  listing.catch(() => undefined);
  return listing;
}

/** A whole gate dealt to another shard: listed, so `report merge` knows where its result is. */
function elsewhere(gate: GateName, shard: number, count: number): GateResult {
  return { gate, status: 'skipped', durationMs: 0, diagnostics: [], data: { shard }, summary: `runs in shard ${shard}/${count}` };
}

/** A cache that cannot be written (read-only folder, full disk) costs the next run time, never this run's verdict. */
async function recordFacts(ctx: GateInputs): Promise<{ reused: number; computed: number } | undefined> {
  try {
    return await saveGateFacts(ctx);
  } catch {
    return undefined; // the next run computes again
  }
}

/** What `sentinel check`, `sentinel_check`, `capsule done` and the stop hook share: select, run, report. */
export async function runCheck(root: string, config: SentinelConfig, request: CheckRequest = {}): Promise<CheckReport> {
  const names = selectGates({ ...(request.only ? { only: request.only } : {}), ...(request.skip ? { skip: request.skip } : {}) }, config.gates.disabled);
  // Git's listing (the slowest git call: it stats every file) starts now, beside the repository check and the base choice.
  const listing = startListing(root, request.cache);
  const gitRepo = await isGitRepo(root);
  // Choose the base up front: a bad ref is a usage error (exit 2), not a gate failure.
  const recorded = await recordedBaseOf(root, config, request.capsule);
  const choice =
    gitRepo || request.base
      ? await chooseBase(root, { ...(request.base !== undefined ? { explicit: request.base } : {}), ...(recorded ? { recorded } : {}) })
      : null;
  const base = choice?.commit ?? null;
  const strict = Boolean(request.strict);
  const { shard } = request;
  const clock = createGateClock();
  const gateCtx = createGateInputs({
    clock,
    ...(shard ? { shard } : {}),
    root,
    config,
    strict,
    ...(request.requireOutputs ? { requireOutputs: true } : {}),
    ...(request.caller ? { caller: request.caller } : {}),
    ...(request.capsule !== undefined ? { capsule: request.capsule } : {}),
    ...(request.base !== undefined ? { baseRef: request.base } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    known: { isGitRepo: gitRepo, ...(choice !== null ? { baseChoice: choice } : {}), ...(gitRepo ? { listing } : {}) },
    // Outside git nothing hides the cache folder from the workspace listing: a warm run would list more files.
    ...(request.cache && gitRepo ? { cache: request.cache } : {}),
  });
  const started = performance.now();
  request.onStart?.(names);
  // A shard runs the sliced gates on its paths and the whole gates dealt to it; gates still see the full selection.
  const runs = shard ? names.filter((g) => SLICED_GATES.includes(g) || wholeGateShard(names, g, shard.count) === shard.index) : names;
  // The gates that look up per-file facts start once git has said which files are unchanged.
  // git's diff against the base (it stats every file too) runs beside the listing, not after the gates that need it start.
  if (gitRepo && runs.some((g) => DIFF_GATES.includes(g))) gateCtx.changedFiles().catch(() => undefined);
  if (runs.some((g) => FACT_GATES.includes(g))) await gateFactsReady(gateCtx);
  let results: GateResult[];
  try {
    results = await runGates(runs, { ...gateCtx, gatesInRun: names }, request.onGateDone, clock);
  } finally {
    clock.stop();
  }
  const counts = await recordFacts(gateCtx);
  if (counts) request.onFacts?.(counts);
  const byName = new Map(results.map((r) => [r.gate, r]));
  const gates = names.map((g) => byName.get(g) ?? elsewhere(g, wholeGateShard(names, g, shard!.count), shard!.count));
  const sharedMs = Math.round(clock.spent(SHARED));
  const report = buildCheckReport({
    gates,
    strict,
    base,
    baseReason: choice?.reason ?? null,
    capsule: request.capsule ?? null,
    durationMs: Math.round(performance.now() - started),
    sharedMs,
  });
  return shard ? { ...report, shard: { index: shard.index, count: shard.count, sliced: names.filter((g) => SLICED_GATES.includes(g)) } } : report;
}
