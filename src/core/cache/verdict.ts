import { sha256 } from '../workspace/fs.js';
import type { Diagnostic } from '../diagnostics.js';
import path from 'node:path';
import { BASE_CANDIDATES, git, resolveCommits } from '../git/git.js';
import { listIndex } from '../git/index-listing.js';
import { readHistory, refStateFromFiles } from '../git/ref-files.js';
import type { GateName, GateResult, GateStatus } from '../gates/types.js';
import type { Caller } from '../workspace/caller.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { sentinelFiles, treeFingerprint, type StatRecord } from './fingerprint.js';
import type { Cache } from './store.js';

/** What a verdict keeps of a gate: enough to say why it failed, not the whole report. */
export interface CachedGate {
  gate: GateName;
  status: GateStatus;
  summary: string;
  /** The first error diagnostics (the stop hook shows three). */
  errors: Diagnostic[];
}

interface CachedCheck {
  gates: CachedGate[];
  at: string;
}

/** Verdicts of this many distinct workspace states are kept (the newest). */
const MAX_VERDICTS = 32;

interface CheckStateRequest {
  capsule: string | undefined;
  strict: boolean;
  base?: string;
  caller: Caller;
}

/**
 * The key of everything a check's verdict depends on: every file's content (tracked, untracked,
 * Sentinel's own folders, the configured logs; config and roster are among them), HEAD and the
 * base commit (the commits and scope gates read history) with the shallow boundary and grafts that
 * decide the merge base, the capsule, strictness and caller.
 * Undefined outside a git work tree (then nothing is cached).
 */
export async function checkStateKey(root: string, config: SentinelConfig, cache: Cache, request: CheckStateRequest): Promise<string | undefined> {
  // One git process, the listing; every ref the base is derived from (HEAD, the default branches,
  // an explicit --base) is read from the .git files while it runs, or asked of git in one cat-file
  // when the layout is unusual (the same answer either way). Equal refs give an equal merge base.
  const refs = ['HEAD', ...BASE_CANDIDATES, ...(request.base ? [request.base] : [])];
  const listed = listIndex(root);
  const fromFiles = refStateFromFiles(root, refs);
  const [listing, commits, history, logs] = await Promise.all([
    listed,
    fromFiles.commits ?? resolveCommits(root, refs),
    // The shallow boundary and grafts: with the same refs, they decide which merge base git finds.
    fromFiles.history ?? historyFromGit(root),
    // tinyglobby loads only when logs are configured: the stop hook's cache lookup is a hot path.
    config.logs.files.length
      ? import('tinyglobby').then(({ glob }) => glob(config.logs.files, { cwd: root, dot: true, onlyFiles: true, ignore: ['**/node_modules/**'] }))
      : Promise.resolve([]),
  ]);
  if (!listing || history === undefined) return undefined;
  const table = cache.namespace<StatRecord>('stat');
  const tree = treeFingerprint(root, listing, [...sentinelFiles(root, config), ...logs], table);
  table.save();
  const { binary: _binary, ...caller } = request.caller;
  const state = {
    tree: tree.digest,
    refs: refs.map((ref, i) => [ref, commits[i] ?? null]),
    history,
    capsule: request.capsule ?? null,
    strict: request.strict,
    caller,
  };
  return sha256(JSON.stringify(state));
}

/** refStateFromFiles' history where the layout is unusual: git names the files (relative to the root). */
async function historyFromGit(root: string): Promise<string | undefined> {
  const result = await git(root, ['rev-parse', '--git-path', 'shallow', '--git-path', 'info/grafts']);
  if (result.code !== 0) return undefined;
  try {
    return readHistory(
      result.stdout
        .split('\n')
        .filter(Boolean)
        .map((file) => path.resolve(root, file)),
    );
  } catch {
    return undefined;
  }
}

/** What a verdict keeps of a gate result: its status, summary and first three errors. */
export function toCachedGate(g: GateResult): CachedGate {
  return { gate: g.gate, status: g.status, summary: g.summary, errors: g.diagnostics.filter((d) => d.severity === 'error').slice(0, 3) };
}

/** Keep a check's gate results under its state key (merged with gates an earlier run of the same state recorded). */
export function recordCheck(cache: Cache, key: string, gates: readonly GateResult[]): void {
  const verdicts = cache.namespace<CachedCheck>('verdicts');
  const known = new Map((verdicts.get(key)?.gates ?? []).map((g) => [g.gate, g]));
  for (const g of gates) known.set(g.gate, toCachedGate(g));
  verdicts.set(key, { gates: [...known.values()], at: new Date().toISOString() });
  const keys = verdicts.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_VERDICTS))) verdicts.delete(old);
  verdicts.save();
}

/** The recorded results of exactly these gates for this state, or undefined when any is missing. */
export function cachedGates(cache: Cache, key: string, gates: readonly GateName[]): CachedGate[] | undefined {
  const recorded = cache.namespace<CachedCheck>('verdicts').get(key);
  if (!recorded) return undefined;
  const byName = new Map(recorded.gates.map((g) => [g.gate, g]));
  const out: CachedGate[] = [];
  for (const gate of gates) {
    const hit = byName.get(gate);
    if (!hit) return undefined;
    out.push(hit);
  }
  return out;
}
