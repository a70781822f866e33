import { decisionNumber } from './ids.js';
import type { Ledger, LedgerEntry } from './types.js';

/** One ledger entry as every surface shows it (CLI, MCP, the board): with the later entries that supersede it. */
export interface EntryView {
  id: string;
  date: string;
  author: string;
  scope: string;
  decision: string;
  rationale: string;
  outputs: string[];
  supersedes: string[];
  /** Later decisions that supersede this one. */
  supersededBy: string[];
  /** The capsule as the entry names it (id or slug), or null. */
  capsule: string | null;
  line: number;
}

/** Every entry in ledger order; `D-3` and `D-0003` name the same decision. */
export function entryViews(ledger: Ledger): EntryView[] {
  const by = new Map<number, string[]>();
  for (const entry of ledger.entries) {
    for (const target of entry.supersedes) {
      const n = decisionNumber(target);
      if (n !== undefined) by.set(n, [...(by.get(n) ?? []), entry.id]);
    }
  }
  return ledger.entries.map((entry) => entryView(entry, by.get(decisionNumber(entry.id) ?? -1) ?? []));
}

function entryView(entry: LedgerEntry, supersededBy: string[]): EntryView {
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
    capsule: entry.capsule ?? null,
    line: entry.line,
  };
}
