import type { Capsule } from '../capsule/types.js';
import { capsuleSlug } from '../capsule/discover.js';
import { compareDecisionIds } from '../ledger/ids.js';
import type { Ledger } from '../ledger/types.js';
import { entryViews } from '../ledger/view.js';
import type { LoadedState } from '../state/state.js';
import type { DecisionView, HandoffView } from './types.js';
import { slugOfRef } from '../capsule/ref.js';

/** `orders-api@1a2b3c4d` → `orders-api`: handoff records and Parent lines name capsules by id. */

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

/** Ledger entries as the page shows them: in id order, capsules by slug. */
export function decisionViews(ledger: Ledger): DecisionView[] {
  return entryViews(ledger)
    .sort((a, b) => compareDecisionIds(a.id, b.id))
    .map((view) => ({ ...view, capsule: view.capsule ? slugOfRef(view.capsule) : null }));
}

/** Decisions that belong to a capsule: named in its Scope, or the decision its Router Notes cite. */
export function decisionsOf(all: readonly DecisionView[], slug: string, citedId: string | undefined): DecisionView[] {
  return all.filter((d) => d.capsule === slug || (citedId !== undefined && d.id === citedId));
}
