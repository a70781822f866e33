import type { CapsuleStatus, LoadedState } from '../state/state.js';
import type { CapsuleCheck } from './check.js';
import { capsuleSlug } from './discover.js';

interface CapsuleRow {
  id: string | null;
  slug: string;
  file: string | null;
  title: string;
  /** The routed lead from the capsule's state file; null until routed. */
  lead: string | null;
  /** State status when a state file exists, else `ready` (validates) or `draft`. */
  status: CapsuleStatus;
  errors: number;
  warnings: number;
}

/** One row per capsule for `capsule list`; `stateOf` reads the state file by slug. */
export function capsuleRows(checks: readonly CapsuleCheck[], stateOf: (slug: string) => LoadedState | undefined): CapsuleRow[] {
  return checks.map(({ capsule, ok, diagnostics }) => {
    const slug = capsuleSlug(capsule);
    const state = stateOf(slug)?.state;
    return {
      id: capsule.id ?? null,
      slug,
      file: capsule.file ?? null,
      title: capsule.title,
      lead: state?.lead ?? null,
      status: state?.status ?? (ok ? 'ready' : 'draft'),
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    };
  });
}
