import path from 'node:path';
import { phaseKey } from '../agents/playbook.js';
import type { Roster } from '../agents/types.js';
import { capsuleSlug } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import type { CapsuleState, LoadedState } from '../state/state.js';
import type { UiSource } from './source.js';
import { BOARD_COLUMNS, type BoardCard, type BoardColumn, type BoardView, type ErrorCard, type GateOutcomeSummary } from './types.js';

/** The column a status shows in: `ready` (validated, not routed) waits with the drafts. */
export function columnOf(status: string): BoardColumn {
  if (status === 'ready') return 'draft';
  return (BOARD_COLUMNS as readonly string[]).includes(status) ? (status as BoardColumn) : 'draft';
}

/** The last `capsule done` run in one word, from the state's gate → status map. */
export function gateOutcome(gates: Record<string, string> | undefined): { outcome: GateOutcomeSummary; failed: string[]; pending: string[] } {
  const entries = Object.entries(gates ?? {});
  const failed = entries.filter(([, s]) => s === 'fail').map(([g]) => g);
  const pending = entries.filter(([, s]) => s === 'pending').map(([g]) => g);
  const outcome: GateOutcomeSummary = entries.length === 0 ? 'none' : failed.length ? 'fail' : pending.length ? 'pending' : 'ok';
  return { outcome, failed, pending };
}

/** The phase as n of N in the lead's playbook (0 of 0 when the lead or phase is unknown to the roster). */
function phaseOf(roster: Roster, lead: string | undefined, phase: string | undefined): BoardCard['phase'] {
  if (!phase) return null;
  const phases = roster.agents.find((a) => a.id === lead)?.playbook.phases ?? [];
  const index = phases.findIndex((p) => p.name === phaseKey(phase));
  return { name: phase, index: index + 1, total: phases.length };
}

export function cardFor(roster: Roster, slug: string, capsule: Capsule | undefined, loaded: LoadedState | undefined, fallback: string): BoardCard {
  const state: CapsuleState | undefined = loaded?.state;
  const gates = gateOutcome(state?.gates);
  return {
    slug,
    id: capsule?.id ?? state?.capsuleId ?? null,
    title: capsule?.title ?? '(capsule file not found)',
    status: state?.status ?? fallback,
    lead: state?.lead ?? null,
    phase: phaseOf(roster, state?.lead, state?.phase),
    lastGate: { ...gates, at: state?.evidence?.[0]?.at ?? (state?.evidenceFile ? evidenceTime(state.evidenceFile) : null) },
    handoffsOut: state?.handoffs?.length ?? 0,
    tampered: loaded?.tampered ?? false,
    updatedAt: state?.updatedAt ?? null,
  };
}

/** `2026-11-27T07-55-38-744Z.json` → `2026-11-27T07:55:38.744Z`: evidence files are named by their time. */
export function evidenceTime(file: string): string | null {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z/.exec(path.posix.basename(file));
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : null;
}

/** Every capsule as a card in its status column; states without a capsule file still show. */
export async function buildBoard(source: UiSource): Promise<BoardView> {
  const [{ capsules, errors: capsuleErrors }, { states, errors: stateErrors }] = await Promise.all([source.capsules(), source.states()]);
  const roster = source.getRoster();
  const bySlug = new Map(states.map((s) => [s.state.slug, s]));
  const cards: BoardCard[] = [];
  const seen = new Set<string>();
  for (const capsule of capsules) {
    const slug = capsuleSlug(capsule);
    seen.add(slug);
    const loaded = bySlug.get(slug);
    const fallback = loaded ? 'draft' : (await source.check(capsule)).ok ? 'ready' : 'draft';
    cards.push(cardFor(roster, slug, capsule, loaded, fallback));
  }
  for (const loaded of states) if (!seen.has(loaded.state.slug)) cards.push(cardFor(roster, loaded.state.slug, undefined, loaded, 'draft'));
  // Newest activity first inside a column; never-touched capsules by slug.
  cards.sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '') || a.slug.localeCompare(b.slug));
  const errors: ErrorCard[] = [...capsuleErrors, ...stateErrors];
  return {
    columns: BOARD_COLUMNS.map((column) => {
      const inColumn = cards.filter((c) => columnOf(c.status) === column);
      return { column, total: inColumn.length, cards: inColumn };
    }),
    errors,
    capsules: cards.length,
    workspace: path.basename(source.root),
  };
}
