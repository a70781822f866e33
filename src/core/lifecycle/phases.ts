import type { Playbook } from '../agents/playbook.js';
import { usageError } from '../errors.js';
import type { CapsuleState } from '../state/state.js';

const VERIFY_NAMES = /^(VERIF|VALIDAT|TEST|CHECK|QA\b|REVIEW)/;
const RUNS_GATES = /sentinel[ _]check|sentinel_capsule_done|capsule done|\bgates?\b/i;

/**
 * The playbook phase in which the lead proves its work: VERIFY; else a phase named like it
 * (VERIFICATION, VALIDATE, TEST, CHECK, QA, REVIEW (SELF)); else the first phase whose bullets run
 * the gates (`sentinel check`, `capsule done`). Undefined when the playbook has none.
 */
export function verificationPhase(playbook: Playbook): string | undefined {
  const phases = playbook.phases;
  return (
    phases.find((p) => p.name === 'VERIFY')?.name ??
    phases.find((p) => VERIFY_NAMES.test(p.name))?.name ??
    phases.find((p) => p.bullets.some((b) => RUNS_GATES.test(b.text)))?.name
  );
}

/** Every phase the capsule entered, in order, from its state history (`capsule phase` records each one). */
export function phasesEntered(state: Pick<CapsuleState, 'history'>): string[] {
  const seen: string[] = [];
  for (const entry of state.history) if (entry.phase && !seen.includes(entry.phase)) seen.push(entry.phase);
  return seen;
}

/** What `capsule done` stores about the phases: those entered and, when one was skipped, which and why. */
export interface PhaseRecord {
  entered: string[];
  verification: string | null;
  skipped?: { phase: string; reason: string };
}

/**
 * `capsule done` refuses work whose lead never entered its verification phase, unless the caller
 * gives a reason to skip it (stored in the evidence). A playbook without such a phase asks nothing.
 */
export function phaseRecordForDone(input: {
  slug: string;
  lead?: string;
  playbook?: Playbook;
  state: Pick<CapsuleState, 'history'>;
  skipReason?: string;
  file?: string;
}): PhaseRecord {
  const entered = phasesEntered(input.state);
  const verification = input.playbook ? verificationPhase(input.playbook) : undefined;
  const record: PhaseRecord = { entered, verification: verification ?? null };
  if (!verification || entered.includes(verification)) return record;
  const reason = input.skipReason?.trim();
  if (reason) return { ...record, skipped: { phase: verification, reason } };
  throw usageError(
    'DONE_PHASE_NOT_ENTERED',
    `${input.slug} never entered ${verification}, the verification phase of ${input.lead ?? 'its lead'}'s playbook (entered: ${entered.join(', ') || 'none'})`,
    {
      ...(input.file ? { path: input.file } : {}),
      fix: `Do the ${verification} phase: \`sentinel capsule phase ${input.slug} ${verification}\`, then \`sentinel capsule done ${input.slug}\` again; or pass --skip-phases "<why>" (the reason is kept in the evidence)`,
    },
  );
}
