import type { LedgerEntry } from '../ledger/types.js';
import { entryMatcher } from '../scope/match.js';

export interface Allowance {
  decision: string;
  /** Where the decision names the file: Outputs, or the text of Decision/Scope. */
  via: 'Outputs' | 'Decision' | 'Scope';
}

/**
 * A decision that names this file: its Outputs cover it (paths, folders, globs), or its
 * Decision or Scope text mentions the path. The latest such decision wins.
 */
export function decisionNaming(file: string, entries: readonly LedgerEntry[]): Allowance | undefined {
  for (const entry of [...entries].reverse()) {
    if (entry.outputs.some((output) => entryMatcher(output)?.(file))) return { decision: entry.id, via: 'Outputs' };
    if (entry.decision.includes(file)) return { decision: entry.id, via: 'Decision' };
    if (entry.scope.includes(file)) return { decision: entry.id, via: 'Scope' };
  }
  return undefined;
}
