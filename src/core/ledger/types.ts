import type { Diagnostic } from '../diagnostics.js';

/** The eight fields of an entry, in the order the format requires. */
export const LEDGER_FIELDS = ['ID', 'Date', 'Author', 'Scope', 'Decision', 'Rationale', 'Outputs', 'Supersedes'] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

export interface LedgerEntry {
  id: string;
  date: string;
  author: string;
  scope: string;
  decision: string;
  rationale: string;
  /** Paths from `Outputs:`; empty for `-` or `none`. */
  outputs: string[];
  /** Ids from `Supersedes:`; empty for `-` or `none`. */
  supersedes: string[];
  /** Capsule named in Scope as `(capsule <id>)`, if any. */
  capsule?: string;
  /** 1-based line of the `ID:` line (or of the block's first line). */
  line: number;
  /** 1-based line of each field present. */
  fieldLines: Partial<Record<LedgerField, number>>;
  /** Raw field values as written (trimmed). */
  raw: Partial<Record<LedgerField, string>>;
}

export interface Ledger {
  /** Workspace-relative path of the ledger file. */
  file: string;
  /** The NEXT_ID value when well-formed. */
  nextId?: string;
  /** Raw text found under `## NEXT_ID` (for messages). */
  nextIdRaw?: string;
  /** Line of the `## NEXT_ID` heading. */
  nextIdHeadingLine?: number;
  /** Line of the NEXT_ID value. */
  nextIdLine?: number;
  entries: LedgerEntry[];
  /** Problems found while reading blocks (unknown fields, order, missing fields). */
  diagnostics: Diagnostic[];
}
