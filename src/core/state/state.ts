import { readdirSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../schema/canonical-json.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists, sha256, writeFileAtomic } from '../workspace/fs.js';
import type { Caller } from '../workspace/caller.js';
import { sha256Small } from '../workspace/sha256.js';

export type CapsuleStatus = 'draft' | 'ready' | 'routed' | 'in_progress' | 'done' | 'blocked';

export interface StateHistoryEntry {
  at: string;
  from?: CapsuleStatus;
  to: CapsuleStatus;
  phase?: string;
  by: string;
  note?: string;
}

/** What the referee saw when a gate ran for `capsule done`. */
export interface Evidence {
  gate: string;
  status: string;
  command: string;
  exitCode: number;
  durationMs: number;
  outputSha256: string;
  treeHash: string;
  at: string;
}

export interface HandoffRecord {
  to: string;
  reason: string;
  capsule: string;
  at: string;
}

/** The commit a capsule's work is judged from: HEAD when it was routed (or first entered in_progress). */
export interface RecordedBaseInfo {
  commit: string;
  at: string;
  when: 'routed' | 'in_progress';
}

export interface CapsuleState {
  schema: 1;
  slug: string;
  capsuleId?: string;
  capsuleFile?: string;
  status: CapsuleStatus;
  lead?: string;
  phase?: string;
  gates?: Record<string, string>;
  history: StateHistoryEntry[];
  handoffs: HandoffRecord[];
  evidence: Evidence[];
  /** Content hashes of the files `init` writes, taken when the capsule was first routed (scope leaves them out while unchanged). */
  routedFiles?: Record<string, string>;
  /** Recorded by the router; `capsule done` judges everything since (see src/core/lifecycle/base.ts). */
  base?: RecordedBaseInfo;
  /** sha256 of capsule.md as routed: `done` refuses a capsule changed since (re-route to accept a change). */
  capsuleHash?: string;
  /** Seal of that evidence file (src/core/lifecycle/judge.ts): `sentinel verify` checks they match. */
  evidenceSeal?: string;
  /** The latest `capsule done` run, kept in full under `.sentinel/evidence/<slug>/`. */
  evidenceFile?: string;
  createdAt: string;
  updatedAt: string;
  /** sha256 of the state without this field: a hand edit shows as a mismatch. */
  contentHash?: string;
}

export interface LoadedState {
  state: CapsuleState;
  file: string;
  /** True when the stored contentHash does not match the content. */
  tampered: boolean;
}

export const statePath = (config: SentinelConfig, slug: string): string => path.posix.join(config.stateDir, `${slug}.json`);

export function stateContentHash(state: CapsuleState, hash: (text: string) => string = sha256): string {
  const { contentHash: _omit, ...rest } = state;
  return hash(canonicalJson(rest));
}

/** Parse a state file's text; text that is not JSON says why (a half-written file, a bad merge). */
export function parseStateText(text: string, slug: string): { ok: true; state: CapsuleState; tampered: boolean } | { ok: false; message: string } {
  let state: CapsuleState;
  try {
    state = JSON.parse(text) as CapsuleState;
  } catch (err) {
    return { ok: false, message: `not valid JSON (${(err as Error).message})` };
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return { ok: false, message: 'not a JSON object' };
  const normalised: CapsuleState = {
    ...state,
    slug: typeof state.slug === 'string' ? state.slug : slug,
    history: state.history ?? [],
    handoffs: state.handoffs ?? [],
    evidence: state.evidence ?? [],
  };
  return { ok: true, state: normalised, tampered: state.contentHash !== stateContentHash(state) };
}

/** A stored state as written, or undefined when the text is not a state (not JSON, not an object, no history). */
function storedState(text: string): CapsuleState | undefined {
  let state: CapsuleState;
  try {
    state = JSON.parse(text) as CapsuleState;
  } catch {
    return undefined;
  }
  // `null`, `[]` or a scalar is not a state: report it like any hand edit instead of crashing.
  if (typeof state !== 'object' || state === null || Array.isArray(state) || !Array.isArray(state.history)) return undefined;
  return state;
}

export function readState(root: string, config: SentinelConfig, slug: string, hash?: (text: string) => string): LoadedState | undefined {
  const file = statePath(config, slug);
  const text = readTextIfExists(path.join(root, file));
  if (text === undefined) return undefined;
  const state = storedState(text);
  if (!state) return { state: emptyState(slug), file, tampered: true };
  return { state, file, tampered: state.contentHash !== stateContentHash(state, hash) };
}

/**
 * The capsule's state when Sentinel wrote it; a hand-edited (tampered) state grants nothing: no lead, no snapshot.
 * One state, hashed in JavaScript: pre-edit asks this once and would otherwise load node:crypto for it.
 */
export function trustedState(root: string, config: SentinelConfig, slug: string): CapsuleState | undefined {
  const loaded = readState(root, config, slug, sha256Small);
  return loaded && !loaded.tampered ? loaded.state : undefined;
}

export function emptyState(slug: string, now = new Date().toISOString()): CapsuleState {
  return { schema: 1, slug, status: 'draft', history: [], handoffs: [], evidence: [], createdAt: now, updatedAt: now };
}

/** Write atomically, stamping updatedAt and the content hash. */
export function writeState(root: string, config: SentinelConfig, state: CapsuleState, now = new Date().toISOString()): string {
  const next: CapsuleState = { ...state, updatedAt: now };
  next.contentHash = stateContentHash(next);
  const file = statePath(config, state.slug);
  writeFileAtomic(path.join(root, file), `${JSON.stringify(next, null, 2)}\n`);
  return file;
}

/** The slugs that have a state file (file names less `.json`), sorted. */
function stateSlugs(root: string, config: SentinelConfig): string[] {
  try {
    return readdirSync(path.join(root, config.stateDir))
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((name) => name.slice(0, -'.json'.length));
  } catch {
    return [];
  }
}

export function listStates(root: string, config: SentinelConfig): LoadedState[] {
  return stateSlugs(root, config)
    .map((slug) => readState(root, config, slug))
    .filter((s): s is LoadedState => s !== undefined);
}

/**
 * listStates for a warm process (the MCP tool thread): a state file is read, parsed and hashed
 * again only when its stat changed (warm.ts); callers get a copy.
 */
export async function listStatesWarm(root: string, config: SentinelConfig): Promise<LoadedState[]> {
  const { copyData, filesStamp, forgetWarmExcept, warm } = await import('../workspace/warm.js');
  const prefix = `state:${root}:${config.stateDir}:`;
  const slugs = stateSlugs(root, config);
  // A removed state file's fact is dropped, or a long session would keep every state it ever read.
  forgetWarmExcept(prefix, new Set(slugs.map((slug) => prefix + slug)));
  const loaded = await Promise.all(
    slugs.map((slug) =>
      warm(
        prefix + slug,
        () => filesStamp([path.join(root, statePath(config, slug))]),
        async () => readState(root, config, slug),
      ),
    ),
  );
  return copyData(loaded.filter((s): s is LoadedState => s !== undefined));
}

/** The state of the capsule under way and the slug its file is named by. */
export interface ActiveState {
  state: CapsuleState;
  fileSlug: string;
}

/**
 * The most recently updated capsule in progress (else routed), from the state files. Hashes
 * nothing: which capsule is active does not depend on whether its state was hand-edited (a state
 * that is not JSON counts as a draft, as listStates reads it), and the hot paths ask this often.
 */
export function newestActiveState(root: string, config: SentinelConfig): ActiveState | undefined {
  const states: ActiveState[] = [];
  for (const fileSlug of stateSlugs(root, config)) {
    const text = readTextIfExists(path.join(root, statePath(config, fileSlug)));
    const state = text === undefined ? undefined : storedState(text);
    if (state) states.push({ state, fileSlug });
  }
  for (const status of ['in_progress', 'routed'] as const) {
    const candidates = states.filter((s) => s.state.status === status).sort((a, b) => b.state.updatedAt.localeCompare(a.state.updatedAt));
    if (candidates[0]) return candidates[0];
  }
  return undefined;
}

/**
 * The capsule the current work belongs to: `--capsule`, else the caller's ($SENTINEL_CAPSULE),
 * else the most recently updated capsule in progress (or routed).
 */
export function resolveActiveCapsule(root: string, config: SentinelConfig, explicit?: string, caller?: Caller): string | undefined {
  if (explicit) return explicit;
  if (caller?.capsule) return caller.capsule;
  return newestActiveState(root, config)?.state.slug;
}
