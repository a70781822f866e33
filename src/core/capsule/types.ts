import type { Diagnostic } from '../diagnostics.js';

export interface CapsuleItem {
  text: string;
  line: number;
}

/** A path entry of Required Outputs or Allowed Context, with its optional note. */
export interface CapsulePathItem extends CapsuleItem {
  /** The path (or glob) with backticks stripped, POSIX separators. */
  path: string;
  /** Text after the path, kept as its rationale: `(read only)`, `— entry point`. */
  note?: string;
  /** Role named as creator: `(to be created by Backender)`. */
  createdBy?: string;
}

export interface RouterNotes {
  items: CapsuleItem[];
  /** `Lead: backender` / `Preferred lead: …` */
  lead?: string;
  leadLine?: number;
  /** `Parent: <slug>@<hash>` */
  parent?: string;
  /** `Decision: D-0001` */
  decision?: string;
}

export interface CapsuleSectionInfo {
  title: string;
  line: number;
  empty: boolean;
}

export interface Capsule {
  /** Workspace-relative path, when loaded from disk. */
  file?: string;
  slug?: string;
  hash?: string;
  /** `<slug>@<hash8>` */
  id?: string;
  /** Human title: text after the id on the title line, else the first sentence of the Goal. */
  title: string;
  titleLine?: number;
  provenance?: { raw: string; fields: Record<string, string>; line: number };
  goal: string;
  goalLine?: number;
  requiredOutputs: CapsulePathItem[];
  acceptanceCriteria: CapsuleItem[];
  allowedContext: CapsulePathItem[];
  routerNotes: RouterNotes;
  dependencies: CapsuleItem[];
  nonGoals: CapsuleItem[];
  contextBudget: CapsuleItem[];
  /** Sections found, keyed by canonical name (`goal`, `required outputs`, …). */
  sections: Record<string, CapsuleSectionInfo>;
  lineCount: number;
  /** The normalised text (LF, no BOM). */
  text: string;
  /** Problems found while parsing (duplicate sections, bad title…). */
  diagnostics: Diagnostic[];
}

export const REQUIRED_SECTIONS = ['goal', 'required outputs', 'acceptance criteria', 'allowed context', 'router notes'] as const;
export const OPTIONAL_SECTIONS = ['dependencies', 'non-goals', 'context budget'] as const;
