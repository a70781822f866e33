import { createFileFacts, type FileFacts } from '../cache/file-facts.js';
import type { Cache, CacheNamespace } from '../cache/store.js';
import { CAPSULE_CHECKS, type CapsuleCheckRecord } from '../capsule/check-memo.js';
import { discoverAgents } from '../agents/discover.js';
import type { Roster } from '../agents/types.js';
import { loadCapsules } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import { filesOfIndex, listWorkspaceFiles } from '../workspace/listing.js';
import { changedFiles, changedFilesBetween, isGitRepo, showFile, type ChangedFile } from '../git/git.js';
import { listIndex, type IndexListing } from '../git/index-listing.js';
import { chooseBase, recordedBaseOf, type BaseChoice } from '../lifecycle/base.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { SHARED, type GateClock } from './clock.js';
import { shardOwns, type Shard } from './shard.js';
import { createTextCache } from './text-cache.js';
import type { GateInputs, GateName } from './types.js';
import type { Caller } from '../workspace/caller.js';
import type { SettingsSource } from '../workspace/settings-source.js';

interface GateInputsOptions {
  root: string;
  config: SentinelConfig;
  capsule?: string;
  baseRef?: string;
  caller?: Caller;
  strict?: boolean;
  requireOutputs?: boolean;
  signal?: AbortSignal;
  onProgress?: (gate: GateName, message: string) => void;
  /** Read the referee's settings files from here (the recorded base) instead of the working tree. */
  settings?: SettingsSource;
  /** Judge the changes of base..diffTo (a commit) instead of base..working tree: `sentinel verify`. */
  diffTo?: string;
  /** Already known by the caller (e.g. resolved up front to report a bad --base): not asked again. */
  known?: { isGitRepo?: boolean; base?: string; baseChoice?: BaseChoice; listing?: Promise<IndexListing | undefined> };
  /** Charges the shared facts' work to SHARED, not to the gate that asked first. */
  clock?: GateClock;
  /** `check --shard i/n`: sliced gates do the per-file work of this shard's paths only. */
  shard?: Shard;
  /** The workspace cache: per-file facts are reused from it and recorded in it (saveGateFacts). */
  cache?: Cache;
}

/** Each run's file-facts store and whether the workspace was listed (then files that left it are forgotten). */
const runFacts = new WeakMap<
  GateInputs,
  {
    facts: FileFacts;
    listed: () => Promise<ReadonlySet<string> | undefined>;
    blobs: () => Promise<unknown>;
    index: () => Promise<IndexListing | undefined>;
    capsules: () => CacheNamespace<CapsuleCheckRecord> | undefined;
  }
>();

/**
 * Wait for git's blob ids before gates look facts up: a fact asked for earlier is checked by a
 * stat of its file instead (correct, but one stat per file is what the blob ids save).
 */
export async function gateFactsReady(ctx: GateInputs): Promise<void> {
  await runFacts.get(ctx)?.blobs();
}

/** Record the per-file facts this run computed in the cache (no-op without one). */
export async function saveGateFacts(ctx: GateInputs): Promise<{ reused: number; computed: number } | undefined> {
  const run = runFacts.get(ctx);
  if (!run) return undefined;
  run.facts.save(await run.listed());
  run.capsules()?.save();
  return run.facts.counts;
}

/** FileFacts.identities of this run's facts (undefined without a cache). */
export function gateFactIdentities(ctx: GateInputs): ReturnType<FileFacts['identities']> {
  return runFacts.get(ctx)?.facts.identities();
}

/** The one git listing this run's facts were vouched by (undefined outside git). */
export async function gateListing(ctx: GateInputs): Promise<IndexListing | undefined> {
  return runFacts.get(ctx)?.index();
}

function memoOn(clock: GateClock | undefined) {
  return <T>(fn: () => T): (() => T) => {
    let value: { v: T } | undefined;
    return () => (value ??= { v: clock ? clock.run(SHARED, fn) : fn() }).v;
  };
}

async function recordedBase(root: string, config: SentinelConfig, capsule?: string) {
  const recorded = await recordedBaseOf(root, config, capsule);
  return recorded ? { recorded } : {};
}

/** Build a GateInputs whose workspace facts are computed once and shared by every gate. */
export function createGateInputs(options: GateInputsOptions): GateInputs {
  const { root, config } = options;
  const known = options.known ?? {};
  const { clock } = options;
  const memo = memoOn(clock);
  const gitRepo = memo(async () => known.isGitRepo ?? isGitRepo(root));
  // The capsule's recorded base wins over the default one (src/core/lifecycle/base.ts says why).
  const baseChoice = memo(
    async (): Promise<BaseChoice> =>
      known.baseChoice ??
      (known.base !== undefined && options.baseRef === undefined ? { commit: known.base, source: 'explicit', reason: 'given by the caller' } : undefined) ??
      chooseBase(root, {
        ...(options.baseRef !== undefined ? { explicit: options.baseRef } : {}),
        ...(known.base !== undefined ? { explicitCommit: known.base } : {}),
        ...(await recordedBase(root, config, options.capsule)),
      }),
  );
  const base = memo(async () => (await baseChoice()).commit);
  // One `ls-files` serves both the changed-file list (its untracked part) and the workspace listing;
  // with a cache, also the blob ids of the files git found unchanged (file facts are keyed on them).
  // A listing the caller started early (runCheck, while it chose the base) must have asked for blobs exactly when a cache is given.
  const index = memo(async () => {
    const listing = (await gitRepo()) ? await (known.listing ?? listIndex(root, { blobs: Boolean(options.cache) })) : undefined;
    if (listing?.blobs) facts.useBlobs(listing.blobs);
    return listing;
  });
  const changed = memo(async (): Promise<ChangedFile[]> =>
    !(await gitRepo())
      ? []
      : options.diffTo !== undefined
        ? changedFilesBetween(root, await base(), options.diffTo)
        : changedFiles(root, await base(), index()),
  );
  const capsules = memo((): Promise<Capsule[]> => loadCapsules(root, config, options.cache ? facts?.fact : undefined));
  const roster = memo((): Roster => discoverAgents(root, config, options.settings));
  let listed: Promise<string[]> | undefined;
  const workspaceFiles = memo(
    async () =>
      (listed = (async () => {
        const listing = await index();
        return listing ? filesOfIndex(listing) : listWorkspaceFiles(root, false);
      })()),
  );
  const shared = <T>(fn: () => T): T => (clock ? clock.run(SHARED, fn) : fn());
  // Each read reports its bytes and the stat of the file it came from, so a fact is recorded for the content it was computed from.
  const textCache = createTextCache(root, undefined, options.cache ? (relative, bytes, stat) => facts.onRead(relative, bytes, stat) : undefined);
  // The first gate to ask for a file would otherwise be charged for reading it for everyone.
  const readText = clock ? (relative: string) => clock.run(SHARED, () => textCache(relative)) : textCache;
  const facts = createFileFacts({ root, read: readText, ...(options.cache ? { cache: options.cache } : {}) });
  const atBase = new Map<string, Promise<string | undefined>>();
  const fileAtBase = async (relative: string): Promise<string | undefined> => {
    if (!atBase.has(relative))
      atBase.set(
        relative,
        shared(() => base().then((ref) => showFile(root, ref, relative))),
      );
    return atBase.get(relative)!;
  };
  const ctx: GateInputs = {
    root,
    config,
    caller: options.caller ?? {},
    strict: options.strict ?? false,
    ...(options.settings ? { settings: options.settings } : {}),
    base,
    baseChoice,
    changedFiles: changed,
    capsules,
    roster,
    isGitRepo: gitRepo,
    workspaceFiles,
    fileAtBase,
    owns: (relative) => shardOwns(options.shard, relative),
    readText,
    fileFact: facts.fact,
  };
  // Capsule verdicts in the namespace `status` keeps them in (lifecycle/report.ts), read when the capsules gate asks.
  let capsuleTable: CacheNamespace<CapsuleCheckRecord> | undefined;
  const table = () => (capsuleTable ??= options.cache!.namespace<CapsuleCheckRecord>(CAPSULE_CHECKS));
  if (options.cache) ctx.capsuleRecords = { get: (file) => table().get(file), set: (file, record) => table().set(file, record) };
  runFacts.set(ctx, {
    capsules: () => capsuleTable,
    facts,
    listed: async () => (listed ? new Set(await listed) : undefined),
    blobs: async () => (options.cache ? index().catch(() => undefined) : undefined),
    index,
  });
  if (options.shard) ctx.shard = options.shard;
  if (options.capsule !== undefined) ctx.capsule = options.capsule;
  if (options.baseRef !== undefined) ctx.baseRef = options.baseRef;
  if (options.signal) ctx.signal = options.signal;
  if (options.requireOutputs) ctx.requireOutputs = true;
  if (options.onProgress) ctx.onProgress = options.onProgress;
  return ctx;
}
