import type { Capsule } from '../capsule/types.js';
import { capsuleSlug } from '../capsule/discover.js';
import { compareDecisionIds } from '../ledger/ids.js';
import type { Ledger, LedgerEntry } from '../ledger/types.js';
import type { LoadedState } from '../state/state.js';
import type { DecisionView, HandoffView } from './types.js';

/** `orders-api@1a2b3c4d` → `orders-api`: handoff records and Parent lines name capsules by id. */
export const slugOfRef = (ref: string): string => ref.trim().split('@')[0]!;

/**
 * Handoffs between capsules: every state's recorded handoffs, plus follow-up capsules whose
 * Router Notes name a Parent that recorded none (written by hand, or the state was lost).
 */
export function handoffEdges(capsules: readonly Capsule[], states: readonly LoadedState[]): HandoffView[] {
  const edges: HandoffView[] = [];
  const seen = new Set<string>();
  for (const { state } of states) {
    for (const h of state.handoffs ?? []) {
      const to = slugOfRef(h.capsule);
      seen.add(`${state.slug}→${to}`);
      edges.push({ from: state.slug, to, role: h.to, reason: h.reason, at: h.at ?? null });
    }
  }
  const leadOf = new Map(states.map((s) => [s.state.slug, s.state.lead]));
  for (const capsule of capsules) {
    if (!capsule.routerNotes.parent) continue;
    const from = slugOfRef(capsule.routerNotes.parent);
    const to = capsuleSlug(capsule);
    if (seen.has(`${from}→${to}`)) continue;
    edges.push({ from, to, role: capsule.routerNotes.lead ?? leadOf.get(to) ?? '?', reason: 'Parent named in Router Notes', at: null });
  }
  return edges;
}

/** Ledger entries as the page shows them, each with the later entries that supersede it. */
export function decisionViews(ledger: Ledger): DecisionView[] {
  const supersededBy = new Map<string, string[]>();
  for (const entry of ledger.entries) {
    for (const old of entry.supersedes) supersededBy.set(old, [...(supersededBy.get(old) ?? []), entry.id]);
  }
  return [...ledger.entries].sort((a, b) => compareDecisionIds(a.id, b.id)).map((entry) => toDecisionView(entry, supersededBy.get(entry.id) ?? []));
}

function toDecisionView(entry: LedgerEntry, supersededBy: string[]): DecisionView {
  return {
    id: entry.id,
    date: entry.date,
    author: entry.author,
    scope: entry.scope,
    decision: entry.decision,
    rationale: entry.rationale,
    outputs: entry.outputs,
    supersedes: entry.supersedes,
    supersededBy,
    capsule: entry.capsule ? slugOfRef(entry.capsule) : null,
    line: entry.line,
  };
}

/** Decisions that belong to a capsule: named in its Scope, or the decision its Router Notes cite. */
export function decisionsOf(all: readonly DecisionView[], slug: string, citedId: string | undefined): DecisionView[] {
  return all.filter((d) => d.capsule === slug || (citedId !== undefined && d.id === citedId));
}
