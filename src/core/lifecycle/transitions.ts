import type { Playbook } from '../agents/playbook.js';
import { phaseKey } from '../agents/playbook.js';
import { usageError } from '../errors.js';
import type { CapsuleState, CapsuleStatus, StateHistoryEntry } from '../state/state.js';

/**
 * The capsule status machine. `routed` is entered only by the router (src/core/router/log.ts),
 * `done` only by the referee after the gates passed; everything else goes through here.
 */
export const TRANSITIONS: Readonly<Record<CapsuleStatus, readonly CapsuleStatus[]>> = {
  // Only routed work can block: a blocked capsule resumes under its lead, and routing never
  // moves a blocked capsule, so blocking an unrouted one would trap it.
  draft: ['ready', 'routed'],
  ready: ['draft', 'routed'],
  routed: ['in_progress', 'blocked'],
  in_progress: ['in_progress', 'done', 'blocked'],
  // A blocked capsule resumes with `capsule phase` once the blocker is gone.
  blocked: ['in_progress'],
  done: [],
};

const NEXT_STEP: Readonly<Record<CapsuleStatus, string>> = {
  draft: 'Fix the capsule until `sentinel capsule validate` passes, then `sentinel route <capsule>`',
  ready: 'Route it first: `sentinel route <capsule>`',
  routed: 'Record the first playbook phase: `sentinel capsule phase <capsule> <PHASE>`',
  in_progress: 'Continue with `sentinel capsule phase`, then `sentinel capsule done <capsule>`',
  blocked: 'Resume it with `sentinel capsule phase <capsule> <PHASE>` once the blocker is gone',
  done: 'A done capsule is final; hand follow-up work to another capsule with `sentinel handoff <capsule> --to <agent> --reason …`',
};

export function canTransition(from: CapsuleStatus, to: CapsuleStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

interface TransitionInput {
  to: CapsuleStatus;
  by: string;
  phase?: string;
  note?: string;
  now: string;
}

/** Apply one transition, returning a new state with a history entry; illegal moves are usage errors (exit 2). */
export function transition(state: CapsuleState, input: TransitionInput, where: { file?: string } = {}): CapsuleState {
  if (!canTransition(state.status, input.to)) {
    throw usageError('STATE_TRANSITION_ILLEGAL', `Capsule ${state.slug} is ${state.status}; it cannot move to ${input.to}`, {
      ...(where.file ? { path: where.file } : {}),
      fix: NEXT_STEP[state.status].replace('<capsule>', state.slug),
    });
  }
  const entry: StateHistoryEntry = { at: input.now, from: state.status, to: input.to, by: input.by };
  if (input.phase) entry.phase = input.phase;
  if (input.note) entry.note = input.note;
  const next: CapsuleState = { ...state, status: input.to, history: [...state.history, entry] };
  if (input.phase) next.phase = input.phase;
  return next;
}

type PhaseStep = { kind: 'advance'; phase: string; index: number } | { kind: 'same'; phase: string; index: number };

/**
 * Where a requested phase sits in the lead's playbook relative to the current one. Phases only move
 * forward (skipping is allowed); the current phase again is a no-op; unknown or earlier phases are
 * usage errors that name the known phases.
 */
export function planPhase(playbook: Playbook, current: string | undefined, requested: string, where: { lead: string; file?: string }): PhaseStep {
  const names = playbook.phases.map((p) => p.name);
  const at = where.file ? { path: where.file } : {};
  if (names.length === 0) {
    throw usageError('PHASE_NO_PLAYBOOK', `The playbook of ${where.lead} has no numbered phases`, {
      ...at,
      fix: 'Give PLAYBOOK.md phases like "1) ORIENT" with "-" bullets',
    });
  }
  const key = phaseKey(requested);
  const index = names.indexOf(key);
  if (index < 0) {
    throw usageError('PHASE_UNKNOWN', `"${requested}" is not a phase of ${where.lead}'s playbook (known: ${names.join(', ')})`, {
      ...at,
      fix: `Use one of: ${names.join(', ')}`,
    });
  }
  const currentIndex = current === undefined ? -1 : names.indexOf(phaseKey(current));
  if (index === currentIndex) return { kind: 'same', phase: key, index };
  if (index < currentIndex) {
    throw usageError('PHASE_BACKWARDS', `Capsule is already in phase ${names[currentIndex]}; phases only move forward (${names.join(' → ')})`, {
      ...at,
      fix: `Stay in ${names[currentIndex]}${currentIndex + 1 < names.length ? ` or move on to ${names.slice(currentIndex + 1).join(', ')}` : ''}; to redo earlier work, block this capsule and hand the rework to a new capsule`,
    });
  }
  return { kind: 'advance', phase: key, index };
}
