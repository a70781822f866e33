import { discoverAgents } from '../agents/discover.js';
import type { Roster } from '../agents/types.js';
import { loadCapsules } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import { changedFiles, isGitRepo, resolveBase, type ChangedFile } from '../git/git.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import type { GateContext, GateName } from './types.js';

export interface GateContextOptions {
  root: string;
  config: SentinelConfig;
  capsule?: string;
  baseRef?: string;
  strict?: boolean;
  signal?: AbortSignal;
  onProgress?: (gate: GateName, message: string) => void;
}

function memo<T>(fn: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: fn() }).v;
}

/** Build a GateContext whose workspace facts are computed once and shared by every gate. */
export function createGateContext(options: GateContextOptions): GateContext {
  const { root, config } = options;
  const gitRepo = memo(() => isGitRepo(root));
  const base = memo(async () => resolveBase(root, options.baseRef));
  const changed = memo(async (): Promise<ChangedFile[]> => ((await gitRepo()) ? changedFiles(root, await base()) : []));
  const capsules = memo((): Promise<Capsule[]> => loadCapsules(root, config));
  const roster = memo((): Roster => discoverAgents(root, config));
  const ctx: GateContext = {
    root,
    config,
    strict: options.strict ?? false,
    base,
    changedFiles: changed,
    capsules,
    roster,
    isGitRepo: gitRepo,
  };
  if (options.capsule !== undefined) ctx.capsule = options.capsule;
  if (options.baseRef !== undefined) ctx.baseRef = options.baseRef;
  if (options.signal) ctx.signal = options.signal;
  if (options.onProgress) ctx.onProgress = options.onProgress;
  return ctx;
}
