import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Roster } from '../agents/types.js';
import { keyOf } from '../cache/file-facts.js';
import type { Cache } from '../cache/store.js';
import { listCapsuleFiles } from '../capsule/discover.js';
import { ask, type Kind } from '../capsule/check-memo.js';
import type { Diagnostic } from '../diagnostics.js';
import { currentListingDigest, listingDigest } from '../git/index-listing.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { createWorkspaceView } from '../workspace/disk-view.js';
import type { WorkspaceView } from '../workspace/view.js';
import type { LoadedLimits } from './limits.js';
import type { ContextLintResult, MeasuredFile } from './lint.js';

/**
 * A whole `context lint` (every capsule) kept with what it was computed from, so a run on an
 * unchanged workspace answers without listing, reading or looking up 20,000 files' facts (issue 14).
 *
 * The result is a function of: git's listing (which files exist, their blob ids and index stats,
 * which git found modified, untracked or deleted) and the list of files git converts; the config,
 * the loaded limits, the roster's roles and the capsule files found; the bytes of every file whose
 * facts it used (line counts, tokens, parsed capsules); and the answers the workspace view gave
 * (inside, exists, where a symlink points; glob answers come from the listing alone). The record
 * keeps git's two outputs as one digest, the rest as a digest, each file git did not vouch for
 * with the stat its bytes were read under, and every view question with its answer. It is reused
 * only when git prints the same listing now (so every file it vouched for still holds the bytes
 * read: docs/cache.md), the rest digests equal, each other file has its recorded stat, and each
 * question asked again gets the same answer. It lives in the signed cache like every other record.
 */
export const CONTEXT_LINT_MEMO = 'context-lint';
const KEY = 'all';

type Question = [string, string, string];
/** A measured file as a row: path, lines, maxLines, budget, level, reason, artifact, tokens, maxTokens. */
type Row = [string, number, number, string, string, string, string | null, number | null, number | null];

interface LintMemoRecord {
  /** Digest of git's listing and converted-files output, as the recording run read them. */
  g: string;
  /** 1: that run read no index file (it could not parse it: a split index), so `g` digests git's listing with stats (--debug). */
  n?: 1;
  /** Digest of config, loaded limits, roles and capsule files. */
  k: string;
  /** Files whose facts were used and that git did not vouch for: [path, stat their bytes were read under]. */
  s: [string, string][];
  /** View questions (no glob questions) with their answers. */
  t: Question[];
  r: { d: Diagnostic[]; f: Row[]; c: string[]; l: string | null };
}

/** What a run of the whole lint was computed from, besides files and questions. */
export interface LintInputs {
  config: SentinelConfig;
  limits: LoadedLimits;
  roster: Roster;
  capsuleFiles: readonly string[];
}

const inputsDigest = (inputs: LintInputs): string =>
  createHash('sha256')
    .update(JSON.stringify([inputs.config, inputs.limits, inputs.roster.agents.map((a) => [a.id, a.manifest.name]), inputs.capsuleFiles]))
    .digest('hex');

const toRow = (f: MeasuredFile): Row => [f.path, f.lines, f.maxLines, f.budget, f.level, f.reason, f.artifact ?? null, f.tokens ?? null, f.maxTokens ?? null];

/** A row as lintContext builds the object (same keys, same order: the JSON output is byte-equal). */
function fromRow(row: Row): MeasuredFile {
  const [file, lines, maxLines, budget, level, reason, artifact, tokens, maxTokens] = row;
  const out = { path: file, lines, maxLines, budget, level, reason } as MeasuredFile;
  if (artifact !== null) out.artifact = artifact;
  if (tokens !== null) out.tokens = tokens;
  if (maxTokens !== null) out.maxTokens = maxTokens;
  return out;
}

/** `view` that writes down each question that is not about globs, with its answer. */
export function tracingView(view: WorkspaceView, trace: Question[]): WorkspaceView {
  const record = (kind: Kind, arg: string): string => {
    const answer = ask(view, kind, arg);
    trace.push([kind, arg, answer]);
    return answer;
  };
  return {
    ...view,
    inside: (candidate) => {
      const inside = view.inside(candidate);
      trace.push(['i', candidate, inside.ok ? 'ok' : `no ${inside.message}`]);
      return inside;
    },
    exists: (relative) => record('e', relative) === '1',
    ...(view.resolve
      ? {
          resolve: (relative: string) => {
            const answer = record('r', relative);
            return answer === '\0' ? undefined : answer;
          },
        }
      : {}),
  };
}

/** Each question once; undefined when one got two answers in the run (the disk changed under it). */
function uniqueQuestions(trace: readonly Question[]): Question[] | undefined {
  const seen = new Map<string, string>();
  const out: Question[] = [];
  for (const [kind, arg, answer] of trace) {
    const key = `${kind}\0${arg}`;
    const known = seen.get(key);
    if (known === undefined) {
      seen.set(key, answer);
      out.push([kind, arg, answer]);
    } else if (known !== answer) return undefined;
  }
  return out;
}

/** The recorded result, when nothing it was computed from changed; else undefined (and nothing is written). */
export async function lintFromMemo(root: string, cache: Cache, inputs: Omit<LintInputs, 'capsuleFiles'>): Promise<ContextLintResult | undefined> {
  const record = cache.namespace<LintMemoRecord>(CONTEXT_LINT_MEMO).get(KEY);
  if (!record) return undefined;
  const [listed, capsuleFiles] = await Promise.all([currentListingDigest(root, record.n !== 1), listCapsuleFiles(root, inputs.config)]);
  if (listed === undefined || listed !== record.g) return undefined;
  if (inputsDigest({ ...inputs, capsuleFiles }) !== record.k) return undefined;
  for (const [file, stat] of record.s) {
    const now = statSync(path.join(root, ...file.split('/')), { throwIfNoEntry: false });
    if (!now?.isFile() || keyOf(now) !== stat) return undefined;
  }
  const view = await createWorkspaceView(root, inputs.roster, inputs.limits.limits.forbiddenPaths, []);
  if (!record.t.every(([kind, arg, answer]) => ask(view, kind as Kind, arg) === answer)) return undefined;
  return { diagnostics: record.r.d, files: record.r.f.map(fromRow), capsules: record.r.c, limitsFile: record.r.l };
}

interface RecordedRun {
  inputs: LintInputs;
  /** The run's listing output (IndexListing.output). */
  output: { listing: string; converted: string; index?: Buffer } | undefined;
  /** FileFacts.identities of the run. */
  identities: Map<string, string> | undefined;
  trace: readonly Question[];
  result: ContextLintResult;
}

/** Keep a whole lint's result for lintFromMemo, when everything it was computed from can be vouched for. */
export function recordLint(cache: Cache, run: RecordedRun): boolean {
  const { output, identities } = run;
  // A path git printed that is not UTF-8 reads back as U+FFFD: its digest would not stand for git's bytes.
  if (!output || !identities || output.listing.includes('\uFFFD') || output.converted.includes('\uFFFD')) return false;
  // A capsule parsed without its facts (read outside them) would not be covered by a stat or git's word.
  if (!run.inputs.capsuleFiles.every((file) => identities.has(file))) return false;
  const questions = uniqueQuestions(run.trace);
  if (!questions) return false;
  const own: [string, string][] = [];
  for (const [file, identity] of identities) if (identity !== 'git') own.push([file, identity]);
  const { result } = run;
  const table = cache.namespace<LintMemoRecord>(CONTEXT_LINT_MEMO, { maxBytes: 64 * 1024 * 1024 });
  table.set(KEY, {
    g: listingDigest(output.listing, output.converted, output.index),
    ...(output.index ? {} : { n: 1 as const }),
    k: inputsDigest(run.inputs),
    s: own,
    t: questions,
    r: { d: result.diagnostics, f: result.files.map(toRow), c: result.capsules, l: result.limitsFile },
  });
  table.save();
  return true;
}
