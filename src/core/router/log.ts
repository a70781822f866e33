import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { capsuleSlug } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import { routingSnapshot } from '../scope/exclusions.js';
import { headCommit, isGitRepo } from '../git/git.js';
import { emptyState, readState, statePath, writeState, type CapsuleStatus } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists, sha256, writeFileAtomic } from '../workspace/fs.js';
import { withWorkspaceLock } from '../workspace/lock.js';
import type { RouterDecision } from './types.js';

export type ProducedBy = 'sentinel-router' | 'llm';

export interface RouterLogEntry {
  timestamp: string;
  routerRulesHash: string;
  capsuleId: string;
  capsuleFile?: string;
  capsuleContentHash: string;
  decision: RouterDecision;
  decisionId?: string;
  producedBy: ProducedBy;
  /** Deterministic routes only: the ranked scores that produced the decision. */
  scores?: { id: string; score: number }[];
}

/** The decision id a capsule names: Router Notes `Decision: D-…`, else its provenance comment. */
export function capsuleDecisionId(capsule: Capsule): string | undefined {
  if (capsule.routerNotes.decision) return capsule.routerNotes.decision;
  const fromProvenance = capsule.provenance?.fields.Decision;
  return fromProvenance && /^D-\d{4,}$/.test(fromProvenance) ? fromProvenance : undefined;
}

export function buildLogEntry(
  capsule: Capsule,
  decision: RouterDecision,
  routerRulesHash: string,
  producedBy: ProducedBy,
  options: { now?: Date; scores?: { id: string; score: number }[] } = {},
): RouterLogEntry {
  const decisionId = capsuleDecisionId(capsule);
  return {
    timestamp: (options.now ?? new Date()).toISOString(),
    routerRulesHash,
    capsuleId: capsule.id ?? capsuleSlug(capsule),
    ...(capsule.file ? { capsuleFile: capsule.file } : {}),
    capsuleContentHash: sha256(capsule.text),
    decision,
    ...(decisionId ? { decisionId } : {}),
    producedBy,
    ...(options.scores ? { scores: options.scores } : {}),
  };
}

export const routerLogPath = (config: SentinelConfig, slug: string): string => path.posix.join(config.routerLogDir, `${slug}.jsonl`);

/** Append one JSON line under the file lock; the file is rewritten atomically so readers never see half a line. */
export async function appendRouterLog(root: string, config: SentinelConfig, slug: string, entry: RouterLogEntry): Promise<string> {
  const file = routerLogPath(config, slug);
  const absolute = path.join(root, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  await withWorkspaceLock(root, absolute, () => {
    const existing = readTextIfExists(absolute) ?? '';
    const prefix = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
    writeFileAtomic(absolute, `${prefix}${JSON.stringify(entry)}\n`);
  });
  return file;
}

export interface StateAdvance {
  file: string;
  status: CapsuleStatus;
  /** False when the capsule was already past routing (never moved backwards) or the state was hand-edited. */
  changed: boolean;
  reason?: string;
}

const ROUTABLE: readonly CapsuleStatus[] = ['draft', 'ready', 'routed'];
/** Work under way: routing again only accepts a changed capsule text, and only for the same lead. */
const REROUTABLE: readonly CapsuleStatus[] = ['in_progress', 'blocked'];

/**
 * Move the capsule's state to `routed` with its lead, only from draft/ready/routed, recording the
 * base commit its work is judged from and the capsule's content hash. A capsule under way whose
 * text changed is re-routed in place (same lead): the new hash is logged in its history.
 */
export async function advanceToRouted(root: string, config: SentinelConfig, capsule: Capsule, lead: string, by: ProducedBy): Promise<StateAdvance> {
  const slug = capsuleSlug(capsule);
  const file = statePath(config, slug);
  mkdirSync(path.join(root, config.stateDir), { recursive: true });
  const head = (await isGitRepo(root)) ? await headCommit(root) : undefined;
  const capsuleHash = sha256(capsule.text);
  return withWorkspaceLock(root, path.join(root, file), () => {
    const loaded = readState(root, config, slug);
    if (loaded?.tampered) {
      return { file, status: loaded.state.status, changed: false, reason: `${file} was edited by hand (content hash mismatch); state left untouched` };
    }
    const state = loaded?.state ?? emptyState(slug);
    const now = new Date().toISOString();
    if (REROUTABLE.includes(state.status) && state.lead === lead && state.capsuleHash !== undefined && state.capsuleHash !== capsuleHash) {
      const note = `re-routed to ${lead}: capsule text changed (${state.capsuleHash.slice(0, 12)} → ${capsuleHash.slice(0, 12)})`;
      state.history = [...state.history, { at: now, from: state.status, to: state.status, by, note }];
      state.capsuleHash = capsuleHash;
      writeState(root, config, state, now);
      return { file, status: state.status, changed: true, reason: note };
    }
    if (!ROUTABLE.includes(state.status)) {
      return {
        file,
        status: state.status,
        changed: false,
        reason: `capsule is ${state.status}; routing never moves it back${REROUTABLE.includes(state.status) && state.lead !== lead ? ` (nor gives it to another lead: ${state.lead} leads it)` : ''}`,
      };
    }
    if (
      state.status === 'routed' &&
      state.lead === lead &&
      state.capsuleId === capsule.id &&
      state.capsuleHash === capsuleHash &&
      (state.base !== undefined || head === undefined)
    ) {
      return { file, status: state.status, changed: false, reason: `already routed to ${lead}` };
    }
    state.history = [...state.history, { at: now, from: state.status, to: 'routed', by, note: `lead ${lead}` }];
    state.status = 'routed';
    state.lead = lead;
    state.capsuleHash = capsuleHash;
    // The earliest base wins: routing again never hides work already done since the first routing.
    if (head !== undefined && !state.base) state.base = { commit: head, at: now, when: 'routed' };
    if (capsule.id) state.capsuleId = capsule.id;
    if (capsule.file) state.capsuleFile = capsule.file;
    // What init wrote before this capsule's work began; kept from the first routing on.
    state.routedFiles ??= routingSnapshot(root, config);
    writeState(root, config, state, now);
    return { file, status: 'routed', changed: true };
  });
}

/** Every entry of a router log, oldest first; torn or foreign lines are counted, not fatal. */
export function parseRouterLog(text: string): { entries: RouterLogEntry[]; badLines: number[] } {
  const entries: RouterLogEntry[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    try {
      const entry = JSON.parse(line) as RouterLogEntry;
      if (entry && typeof entry === 'object' && typeof entry.timestamp === 'string' && entry.decision && typeof entry.decision.leadAgent === 'string')
        entries.push(entry);
      else badLines.push(index + 1);
    } catch {
      badLines.push(index + 1);
    }
  });
  return { entries, badLines };
}
