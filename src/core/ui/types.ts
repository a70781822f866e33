import type { EntryView } from '../ledger/view.js';
/**
 * The JSON the `sentinel ui` server sends to its page. Plain data only: the page imports these
 * types (never code) from here, so server and page cannot drift apart silently.
 */
import type { Diagnostic } from '../diagnostics.js';

/** A file the board could not read (half-written, not JSON, not the expected shape). */
export interface ErrorCard {
  file: string;
  message: string;
}

export const BOARD_COLUMNS = ['draft', 'routed', 'in_progress', 'blocked', 'done'] as const;
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

/** ok: every gate ok; fail: one failed; pending: none failed, some pending; none: never run. */
export type GateOutcomeSummary = 'ok' | 'fail' | 'pending' | 'none';

export interface BoardCard {
  slug: string;
  id: string | null;
  title: string;
  /** The state's status; `ready` shows in the draft column with its own tag. */
  status: string;
  lead: string | null;
  /** Current playbook phase as n of N (N from the lead's playbook); null before any phase. */
  phase: { name: string; index: number; total: number } | null;
  lastGate: { outcome: GateOutcomeSummary; failed: string[]; pending: string[]; at: string | null };
  handoffsOut: number;
  tampered: boolean;
  updatedAt: string | null;
}

export interface BoardView {
  columns: { column: BoardColumn; total: number; cards: BoardCard[] }[];
  errors: ErrorCard[];
  capsules: number;
  /** Root folder name, for the page title. */
  workspace: string;
}

export type CriterionClass = 'command' | 'review' | 'vague';

export interface CapsuleDetail {
  slug: string;
  id: string | null;
  file: string | null;
  title: string;
  status: string;
  lead: string | null;
  phase: BoardCard['phase'];
  phases: string[];
  goal: string;
  goalLine: number | null;
  criteria: { text: string; line: number; class: CriterionClass; signals: string[] }[];
  requiredOutputs: { path: string; note?: string; line: number }[];
  allowedContext: { path: string; note?: string; line: number }[];
  validation: Diagnostic[];
  routing: RoutingView;
  evidence: EvidenceEntryView[];
  decisions: DecisionView[];
  handoffsIn: HandoffView[];
  handoffsOut: HandoffView[];
  history: { at: string; from?: string; to: string; phase?: string; by: string; note?: string }[];
  tampered: boolean;
  errors: ErrorCard[];
}

export interface RoutingView {
  /** The latest router log entry, when the capsule was routed. */
  logged: {
    at: string;
    lead: string;
    producedBy: string;
    notes: string;
    decisionId: string | null;
    scores: { id: string; score: number }[];
    /** The capsule changed since it was routed (content hash differs). */
    stale: boolean;
  } | null;
  routes: number;
  /** The router's scoring of the capsule as it is now: candidates with their points. */
  now: {
    chosen: string | null;
    minScore: number;
    refusal: string | null;
    candidates: {
      id: string;
      score: number;
      keywordScore: number;
      pathScore: number;
      leadScore: number;
      keywords: { keyword: string; section: string; points: number }[];
      paths: { output: string; glob: string; points: number }[];
    }[];
  };
}

export interface EvidenceEntryView {
  file: string;
  at: string;
  by: string;
  outcome: 'done' | 'failed';
  base: string | null;
  treeHash: string;
  gates: { gate: string; status: string; summary: string; durationMs: number; diagnostics: Diagnostic[] }[];
}

/** A ledger entry on the board (its capsule as a slug). */
export type DecisionView = EntryView;

export interface HandoffView {
  from: string;
  to: string;
  /** The role the work was handed to. */
  role: string;
  reason: string;
  at: string | null;
}

export interface LedgerView {
  file: string;
  exists: boolean;
  entries: DecisionView[];
  diagnostics: Diagnostic[];
}

export interface RosterView {
  agents: {
    id: string;
    name: string;
    summary: string;
    dir: string;
    phases: string[];
    owns: string[];
    neverOutputs: string[];
    handoffs: string[];
    capsules: number;
  }[];
  diagnostics: Diagnostic[];
}

export interface GraphView {
  nodes: { slug: string; title: string; status: string; lead: string | null }[];
  edges: HandoffView[];
}

/** The latest result of each gate: from a check run in this board, else from the newest evidence file. */
export interface ChecksView {
  gates: {
    gate: string;
    status: string;
    summary: string;
    at: string;
    capsule: string;
    source: 'evidence' | 'board';
    durationMs: number;
    diagnostics: Diagnostic[];
  }[];
}

/** Gate pass/fail per evidence run, oldest first. */
export interface HistoryView {
  runs: { at: string; capsule: string; file: string; ok: number; fail: number; pending: number; skipped: number }[];
}

/** What the check stream sends, one JSON object per line. */
export type CheckEvent =
  | { type: 'start'; capsule: string; gates: string[] }
  | { type: 'progress'; gate: string; message: string }
  | { type: 'gate'; gate: string; status: string; summary: string; durationMs: number }
  | { type: 'done'; ok: boolean; summary: string }
  | { type: 'error'; message: string };
