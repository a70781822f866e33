import type { FactOf } from '../cache/file-facts.js';
import type { CapsuleCheckRecords } from '../capsule/check-memo.js';
import type { Roster } from '../agents/types.js';
import type { Capsule } from '../capsule/types.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ChangedFile } from '../git/git.js';
import type { BaseChoice } from '../lifecycle/base.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import type { Caller } from '../workspace/caller.js';
import type { SettingsSource } from '../workspace/settings-source.js';
import type { Truncation } from '../report/summarise.js';
import type { Shard } from './shard.js';

export const GATE_NAMES = [
  'capsules',
  'contracts',
  'context',
  'scope',
  'boundaries',
  'sentinels',
  'commands',
  'tamper',
  'ledger',
  'provenance',
  'runbook',
  'logs',
  'secrets',
  'migrations',
  'requests',
  'commits',
  'mcp',
] as const;

export type GateName = (typeof GATE_NAMES)[number];
export type GateStatus = 'ok' | 'pending' | 'fail' | 'skipped';

export interface GateResult {
  gate: GateName;
  status: GateStatus;
  /** The gate's own time: what it alone kept the thread busy (wall time when run without a clock). */
  durationMs: number;
  /** Wall time the gate spent waiting on shared workspace facts (when timed by a clock). */
  waitMs?: number;
  /** From the gate's start to its verdict, including other gates' work interleaved (when timed by a clock). */
  wallMs?: number;
  diagnostics: Diagnostic[];
  /** Gate-specific facts (counts, per-test results, commands run…). */
  data: Record<string, unknown>;
  /** One-line human summary. */
  summary: string;
  /** Set when long lists were summarised for display: what was left out (see report/summarise.ts). */
  truncated?: Truncation;
}

/** What a gate's run() returns; the runner adds gate name and duration. */
export type GateOutcome = Omit<GateResult, 'gate' | 'durationMs' | 'waitMs' | 'wallMs' | 'truncated'>;

export interface GateInputs {
  root: string;
  config: SentinelConfig;
  /** Explicit capsule (slug/id/path) from --capsule; gates fall back to the active capsule. */
  capsule?: string;
  /** Explicit --base ref, if any. */
  baseRef?: string;
  /** What the environment said about the call (read at the edge). */
  caller: Caller;
  strict: boolean;
  /** Set by `capsule done`: Required Outputs that do not exist are failures, not just notes. */
  requireOutputs?: boolean;
  signal?: AbortSignal;
  /** Progress text for long gates (live line on a TTY, MCP progress notifications). */
  onProgress?: (gate: GateName, message: string) => void;
  /** With `check --shard i/n`: which slice of the per-file work this run does (see gates/shard.ts). */
  shard?: Shard;
  /** Does this run do the per-file work of `path`? Always true unless sharded. */
  owns(path: string): boolean;
  /** The gates of this run (set by runGates), so one finding is reported by one gate only. */
  gatesInRun?: readonly GateName[];
  /** Where the roster, context limits and secrets allowlist are read: the recorded base for `capsule done`/`verify`; unset: the working tree. */
  settings?: SettingsSource;
  /** Memoised workspace facts shared by all gates of one run. */
  base(): Promise<string>;
  /** The base and why it was chosen (recorded at routing, --base, or the default). */
  baseChoice(): Promise<BaseChoice>;
  changedFiles(): Promise<ChangedFile[]>;
  capsules(): Promise<Capsule[]>;
  roster(): Roster;
  isGitRepo(): Promise<boolean>;
  /** Every workspace file (git: tracked + untracked, not ignored, not deleted), POSIX, sorted. */
  workspaceFiles(): Promise<string[]>;
  /** A workspace file's text (POSIX relative path), read once per run; undefined when unreadable. */
  readText(relative: string): string | undefined;
  /** A fact computed from a file's text, reused from the cache while the file is unchanged (cache/file-facts.ts). */
  fileFact: FactOf;
  /** With a cache: capsule verdicts kept with what they were computed from, shared with `status` (capsule/check-memo.ts). */
  capsuleRecords?: CapsuleCheckRecords;
  /** A file's content at base() (git show), asked once per path; undefined when absent there. */
  fileAtBase(relative: string): Promise<string | undefined>;
}

export interface Gate {
  name: GateName;
  description: string;
  run(ctx: GateInputs): Promise<GateOutcome>;
}
