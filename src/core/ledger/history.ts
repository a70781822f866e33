import { error, type Diagnostic } from '../diagnostics.js';
import { decisionNumber } from './ids.js';
import type { Ledger } from './types.js';

/**
 * The ledger is append-only: every decision present at base must still be there, unchanged.
 * A change of mind is a new entry that supersedes the old one.
 */
export function checkAppendOnly(base: Ledger, current: Ledger): Diagnostic[] {
  const out: Diagnostic[] = [];
  const now = new Map(current.entries.map((e) => [decisionNumber(e.id) ?? -1, e]));
  for (const before of base.entries) {
    const n = decisionNumber(before.id);
    if (n === undefined) continue;
    const after = now.get(n);
    if (!after) {
      out.push(
        error('LEDGER_ENTRY_REMOVED', `${before.id} was in the ledger at base and has been removed`, {
          path: current.file,
          line: current.nextIdLine ?? 1,
          fix: `Restore ${before.id}; to retract it, record a new decision with --supersedes ${before.id}`,
        }),
      );
      continue;
    }
    const changed = (Object.keys(before.raw) as (keyof typeof before.raw)[]).filter((field) => (before.raw[field] ?? '') !== (after.raw[field] ?? ''));
    if (changed.length) {
      out.push(
        error('LEDGER_ENTRY_EDITED', `${before.id} was edited after it was recorded (${changed.join(', ')})`, {
          path: current.file,
          line: after.fieldLines[changed[0]!] ?? after.line,
          fix: `Restore the original entry; record the change as a new decision with --supersedes ${before.id}`,
        }),
      );
    }
  }
  return out;
}
