import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { sha256 } from '../workspace/fs.js';
import type { WorkspaceView } from '../workspace/view.js';
import type { CapsuleChecker } from './check.js';
import { capsuleSlug } from './discover.js';
import { parseCapsule } from './parse.js';
import { RACY_MS, settledStat } from '../workspace/racy.js';

/**
 * A capsule's validation kept with everything it was computed from, so `status` (CLI and MCP)
 * validates again only the capsules whose inputs changed. validateCapsule reads the capsule's
 * text and path, its line budget, the roster's roles and the forbidden paths, and asks the
 * workspace view questions (is this path inside, does it exist, does this glob match, where does
 * this symlink point). The record keeps the first ones as digests and every question with its
 * answer; it is reused only when the text and digests are equal and every question, asked again
 * now, gets the same answer. Validation is a function of those answers, so a reused verdict is
 * the verdict a fresh validation would give (test/unit/capsule/check-memo.test.ts).
 */
export interface CapsuleCheckRecord {
  /** The capsule file's stat (size, mtime, ctime, inode) when read; '' when too recent to vouch for its content. */
  s: string;
  /** sha256 of the capsule's text. */
  h: string;
  /** Digest of the roles and forbidden paths it was validated with, and its line budget. */
  c: string;
  /** Every question asked of the workspace view, in order: [kind, argument, answer]. */
  t: [string, string, string][];
  v: CapsuleVerdict;
}

/** What status needs of a validated capsule. */
export interface CapsuleVerdict {
  file: string;
  slug: string;
  id: string | null;
  title: string;
  ok: boolean;
  diagnostics: Diagnostic[];
}

/** Where records live: the signed cache (CLI, docs/cache.md) or memory (the MCP tool thread). */
export interface CapsuleCheckRecords {
  get(file: string): CapsuleCheckRecord | undefined;
  set(file: string, record: CapsuleCheckRecord): void;
}

/** The namespace of the signed cache (docs/cache.md) that keeps capsule verdicts between CLI runs (status and check). */
export const CAPSULE_CHECKS = 'capsule-checks';

// Answers as text: what validation reads of each (inside: ok and the message; resolve: the target or none).
export type Kind = 'i' | 'e' | 'g' | 'r';
export function ask(view: WorkspaceView, kind: Kind, arg: string): string {
  switch (kind) {
    case 'i': {
      const inside = view.inside(arg);
      return inside.ok ? 'ok' : `no ${inside.message}`;
    }
    case 'e':
      return view.exists(arg) ? '1' : '0';
    case 'g':
      return view.globMatches(arg) ? '1' : '0';
    case 'r':
      return view.resolve?.(arg) ?? '\0';
  }
}

/** `view` that writes down each question validation asks and its answer. */
export function recordingView(view: WorkspaceView, trace: [string, string, string][]): WorkspaceView {
  const record = (kind: Kind, arg: string): string => {
    const answer = ask(view, kind, arg);
    trace.push([kind, arg, answer]);
    return answer;
  };
  return {
    inside: (candidate) => {
      const inside = view.inside(candidate);
      trace.push(['i', candidate, inside.ok ? 'ok' : `no ${inside.message}`]);
      return inside;
    },
    exists: (relative) => record('e', relative) === '1',
    globMatches: (glob) => record('g', glob) === '1',
    roles: view.roles,
    forbiddenPaths: view.forbiddenPaths,
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

const traceHolds = (trace: readonly [string, string, string][], view: WorkspaceView): boolean =>
  trace.every(([kind, arg, answer]) => ask(view, kind as Kind, arg) === answer);

const copy = (verdict: CapsuleVerdict): CapsuleVerdict => ({ ...verdict, diagnostics: verdict.diagnostics.map((d) => ({ ...d })) });

/**
 * Verdicts of capsule files by workspace-relative path, each from its record when nothing it was
 * computed from changed, else validated (and recorded). The file is stat'ed before it is read,
 * so an edit while it is read shows as another stat next time.
 */
export function createCapsuleJudge(root: string, checker: CapsuleChecker, records: CapsuleCheckRecords, racyMs = RACY_MS): (file: string) => CapsuleVerdict {
  const { view } = checker;
  // Compared as text, not hashed: a thousand capsules would cost a thousand digests per status.
  const shared = sha256(JSON.stringify([view.roles, view.forbiddenPaths, view.resolve !== undefined]));
  const contextOf = (file: string): string => `${shared} ${JSON.stringify(checker.budgetOf(file))}`;
  return (file) => {
    const absolute = path.join(root, ...file.split('/'));
    const stat = statSync(absolute, { throwIfNoEntry: false });
    const now = Date.now();
    const statKey = stat?.isFile() ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}` : '';
    const trusted = statKey !== '' && settledStat(stat!, racyMs, now);
    const known = records.get(file);
    let text: string | undefined;
    let hash: string;
    if (known && trusted && known.s === statKey) hash = known.h;
    else {
      text = readFileSync(absolute, 'utf8');
      hash = sha256(text);
    }
    const context = contextOf(file);
    if (known && known.h === hash && known.c === context && traceHolds(known.t, view)) {
      if (known.s !== (trusted ? statKey : '')) records.set(file, { ...known, s: trusted ? statKey : '' });
      return copy(known.v);
    }
    if (text === undefined) {
      text = readFileSync(absolute, 'utf8');
      hash = sha256(text);
    }
    const capsule = parseCapsule(text, file);
    const trace: [string, string, string][] = [];
    const { ok, diagnostics } = checker.check(capsule, recordingView(view, trace));
    const verdict: CapsuleVerdict = { file, slug: capsuleSlug(capsule), id: capsule.id ?? null, title: capsule.title, ok, diagnostics };
    records.set(file, { s: trusted ? statKey : '', h: hash, c: context, t: trace, v: copy(verdict) });
    return verdict;
  };
}

/** Records kept in memory by a long-lived process (the MCP tool thread), one table per workspace root. */
const inMemory = new Map<string, Map<string, CapsuleCheckRecord>>();

export function memoryRecords(root: string): CapsuleCheckRecords & { keep(files: ReadonlySet<string>): void } {
  let table = inMemory.get(root);
  if (!table) inMemory.set(root, (table = new Map()));
  const records = table;
  return {
    get: (file) => records.get(file),
    set: (file, record) => void records.set(file, record),
    keep(files) {
      for (const file of records.keys()) if (!files.has(file)) records.delete(file);
    },
  };
}
