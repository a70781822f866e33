import path from 'node:path';
import { capsuleSlug, findCapsule, loadCapsules } from '../capsule/discover.js';
import { usageError } from '../errors.js';
import { routerLogPath } from '../router/log.js';
import { emptyState, readState, statePath, writeState, type CapsuleState, type HandoffRecord } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists, writeFileAtomic } from '../workspace/fs.js';
import { withWorkspaceLock } from '../workspace/lock.js';
import { evidenceDirOf } from '../workspace/layout.js';

interface StateChange {
  field: string;
  from: unknown;
  to: unknown;
}

interface RepairResult {
  slug: string;
  stateFile: string;
  /** Where the hand-edited file was kept, for inspection. */
  keptAs: string;
  state: CapsuleState;
  changes: StateChange[];
}

interface LastRoute {
  lead: string;
  capsuleId?: string;
  at: string;
}

/** The latest decision in the capsule's router log (the log is append-only and separate from the state). */
export function lastRoute(logText: string | undefined): LastRoute | undefined {
  let last: LastRoute | undefined;
  for (const line of (logText ?? '').split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { timestamp?: string; capsuleId?: string; decision?: { leadAgent?: string } };
      if (entry.decision?.leadAgent && entry.timestamp)
        last = { lead: entry.decision.leadAgent, at: entry.timestamp, ...(entry.capsuleId ? { capsuleId: entry.capsuleId } : {}) };
    } catch {
      // A torn line is skipped; the other lines still count.
    }
  }
  return last;
}

/** Fields that differ between the edited state and the rebuilt one, for the user to see. */
export function stateChanges(edited: CapsuleState, rebuilt: CapsuleState): StateChange[] {
  const summary = (s: CapsuleState) => ({
    status: s.status,
    lead: s.lead ?? null,
    phase: s.phase ?? null,
    gates: s.gates ?? {},
    evidence: `${s.evidence?.length ?? 0} entries`,
    handoffs: (s.handoffs ?? []).map((h) => h.capsule).sort(),
  });
  const a = summary(edited);
  const b = summary(rebuilt);
  return (Object.keys(a) as (keyof typeof a)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => ({ field: k, from: a[k], to: b[k] }));
}

/**
 * `status --repair`: rebuild a hand-edited state from sources the state file does not control —
 * the router log (lead, routed) and capsules naming this one as Parent (handoffs). Phase, gates
 * and evidence are dropped, so the capsule must go through `capsule phase` and `capsule done`
 * again. The edited file is kept under the evidence folder. An untouched state is left alone.
 */
export async function repairState(root: string, config: SentinelConfig, ref: string, by = 'cli'): Promise<RepairResult> {
  const capsule = await findCapsule(root, config, ref);
  const slug = capsuleSlug(capsule);
  const file = statePath(config, slug);
  const now = new Date().toISOString();
  const capsules = await loadCapsules(root, config);
  return withWorkspaceLock(root, path.join(root, file), () => {
    const loaded = readState(root, config, slug);
    if (!loaded) throw usageError('STATE_MISSING', `${slug} has no state file to repair`, { path: file, fix: `Route it with \`sentinel route ${slug}\`` });
    if (!loaded.tampered)
      throw usageError('STATE_NOT_TAMPERED', `${file} matches its content hash; nothing to repair`, { path: file, fix: 'Use `sentinel status` to see it' });
    const route = lastRoute(readTextIfExists(path.join(root, routerLogPath(config, slug))));
    const ids = new Set([slug, ...(capsule.id ? [capsule.id] : [])].map((s) => s.toLowerCase()));
    const handoffs: HandoffRecord[] = capsules
      .filter((c) => c.routerNotes.parent && ids.has(c.routerNotes.parent.toLowerCase()))
      .map((c) => ({ to: c.routerNotes.lead ?? 'unknown', reason: `rebuilt from ${c.file}`, capsule: c.id ?? capsuleSlug(c), at: now }));
    const state: CapsuleState = {
      ...emptyState(slug, route?.at ?? now),
      ...(capsule.id ? { capsuleId: capsule.id } : {}),
      ...(capsule.file ? { capsuleFile: capsule.file } : {}),
      handoffs,
    };
    const note = 'rebuilt after a hand edit: phase, gates and evidence dropped';
    if (route) {
      state.status = 'routed';
      state.lead = route.lead;
      state.history = [{ at: now, to: 'routed', by, note: `${note}; lead ${route.lead} from the router log` }];
    } else {
      state.history = [{ at: now, to: 'draft', by, note: `${note}; no router log entry` }];
    }
    const keptAs = path.posix.join(evidenceDirOf(config, slug), `tampered-${now.replace(/[:.]/g, '-')}.json`);
    writeFileAtomic(path.join(root, keptAs), readTextIfExists(path.join(root, file)) ?? '');
    writeState(root, config, state, now);
    return { slug, stateFile: file, keptAs, state, changes: stateChanges(loaded.state, state) };
  });
}
