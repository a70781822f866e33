import { readdirSync } from 'node:fs';
import path from 'node:path';
import { setGitAnswers, spawnGit, type GitResult } from '../git/git.js';
import { BUILTIN_IGNORED_DIRS } from './ignore.js';
import { dotGitsAbove, gitDirsOf, listingGitInputs, type GitDirs } from './git-inputs.js';
import { listingStamp, statStamp, warmStateEnabled } from './warm.js';

/**
 * Git's answers kept in a long-lived process (the MCP tool thread), each with a stamp of what git
 * read to give it, by stats alone; git is asked again as soon as the stamp differs. Only commands
 * whose output is a function of those inputs are kept:
 * - `repo`: refs, objects and config (rev-parse, cat-file, merge-base, show, ls-tree, a diff of two
 *   commits): stamped by `.git` of the root and every folder above it, HEAD, every loose ref,
 *   packed-refs, reftable/tables.list, the pack folder, alternates, grafts, shallow, the config and excludes files, and the
 *   loose-object folder of each commit named in the arguments;
 * - `worktree`: the index and the work tree (ls-files, a diff of a commit against the work tree):
 *   the `repo` stamp, the listing stamp (every folder, .gitignore, .gitattributes, the index) and
 *   the stat of every tracked file, so an edit in place is seen without git, and of every folder
 *   holding tracked files that the listing does not walk (vendor/, dist/, …) with its .gitattributes
 *   (they apply to the files tracked there: ls-files of converted files). Only for indexes of
 *   regular files (no submodule, symlink or unmerged entry) up to TRACKED_LIMIT entries: past it the
 *   stats cost more than the git process.
 * A stat within the racy window (racy.ts) never matches, so a file changed twice within the clock's
 * granularity is not taken as unchanged.
 */
type Kind = 'repo' | 'worktree';

/** Tracked files a worktree stamp stats at most (≈ 5 µs a stat; a git spawn from the tool thread costs tens of ms). */
export const TRACKED_LIMIT = 4_000;
const MAX_ANSWERS = 256;
const MAX_BYTES = 32 * 1024 * 1024;

const kept = new Map<string, { stamp: string; result: GitResult; bytes: number }>();
let keptBytes = 0;

/** Turn the kept answers on (the MCP tool thread, with enableWarmState) or off and forget them. */
export function enableWarmGit(on = true): void {
  setGitAnswers(on ? answer : undefined);
  if (!on) {
    kept.clear();
    keptBytes = 0;
    tracked.clear();
    refFolders.clear();
  }
}

/** Which inputs a git command's answer depends on; undefined when it is not kept (it writes, or reads more). */
export function answerKind(args: readonly string[]): Kind | undefined {
  let at = 0;
  while (args[at] === '-c') at += 2;
  const rest = args.slice(at + 1);
  switch (args[at]) {
    case 'rev-parse':
    case 'cat-file':
    case 'merge-base':
    case 'show':
    case 'ls-tree':
      return 'repo';
    case 'ls-files':
      return 'worktree';
    case 'diff': {
      const end = rest.indexOf('--');
      if (end < 0 || rest.some((a) => a === '--cached' || a === '--staged' || a === '--no-index')) return undefined;
      const revisions = rest.slice(0, end).filter((a) => !a.startsWith('-')).length;
      return revisions === 2 ? 'repo' : revisions === 1 ? 'worktree' : undefined;
    }
    default:
      return undefined;
  }
}

const OBJECT_ID = /\b[0-9a-f]{40}(?:[0-9a-f]{24})?\b/g;

async function answer(root: string, args: readonly string[], input: string | undefined, run: () => Promise<GitResult>): Promise<GitResult> {
  const kind = warmStateEnabled() ? answerKind(args) : undefined;
  if (!kind) return run();
  // Stamped before git runs: a change while it runs makes the next call ask again.
  const stamp = await stampOf(root, kind, `${args.join(' ')} ${input ?? ''}`.match(OBJECT_ID) ?? []);
  if (stamp === undefined) return run();
  const key = `${root}\0${args.join('\0')}\0${input ?? ''}`;
  const known = kept.get(key);
  if (known && known.stamp === stamp) {
    kept.delete(key);
    kept.set(key, known);
    return { ...known.result };
  }
  const result = await run();
  // A work-tree command that failed may have met a passing state (a lock); a repo answer's failure is an answer (no such commit),
  // unless git did not get to give one (killed, not started).
  if ((kind === 'repo' || result.code === 0) && !result.broken && !stamp.includes('racy ')) keep(key, stamp, result);
  return { ...result };
}

function keep(key: string, stamp: string, result: GitResult): void {
  const old = kept.get(key);
  if (old) keptBytes -= old.bytes;
  kept.delete(key);
  const bytes = result.stdout.length + result.stderr.length + stamp.length;
  if (bytes > MAX_BYTES / 4) return;
  kept.set(key, { stamp, result, bytes });
  keptBytes += bytes;
  for (const [oldest, entry] of kept) {
    if (kept.size <= MAX_ANSWERS && keptBytes <= MAX_BYTES) break;
    kept.delete(oldest);
    keptBytes -= entry.bytes;
  }
}

async function stampOf(root: string, kind: Kind, objects: readonly string[]): Promise<string | undefined> {
  const [inputs, dirs] = await Promise.all([listingGitInputs(root), gitDirsOf(root)]);
  const parts = [dotGitsAbove(root)];
  if (dirs) parts.push(repoStamp(dirs, inputs, objects));
  if (kind === 'repo') return parts.join('\n');
  if (!dirs) return undefined;
  const files = await trackedFiles(root, dirs);
  if (!files) return undefined;
  parts.push(listingStamp(root, inputs));
  for (const file of files.files) parts.push(statStamp(path.join(root, file)));
  // The listing stamp does not walk node_modules, vendor, …: a .gitattributes there still applies to the files tracked there.
  for (const folder of files.unwalked) parts.push(`${folder}/=${statStamp(path.join(root, folder))}`, statStamp(path.join(root, folder, '.gitattributes')));
  return parts.join('\n');
}

function repoStamp(dirs: GitDirs, inputs: readonly string[], objects: readonly string[]): string {
  const index = path.join(dirs.gitDir, 'index');
  const parts = inputs.filter((file) => file !== index).map((file) => `${file}=${statStamp(file)}`);
  const common = (relative: string) => `${relative}=${statStamp(path.join(dirs.commonDir, relative))}`;
  // reftable/tables.list: a reftable repository (git 2.45+) rewrites it on every ref update, and nothing under refs/.
  parts.push(...['packed-refs', 'reftable/tables.list', 'shallow', 'objects/pack', 'objects/info/alternates', 'objects/info/grafts'].map(common));
  for (const id of new Set(objects)) parts.push(common(`objects/${id.slice(0, 2)}`));
  refsStamp(path.join(dirs.commonDir, 'refs'), parts);
  // A linked worktree's own refs (bisect, worktree refs).
  if (dirs.gitDir !== dirs.commonDir) {
    refsStamp(path.join(dirs.gitDir, 'refs'), parts);
    parts.push(`worktree reftable=${statStamp(path.join(dirs.gitDir, 'reftable', 'tables.list'))}`);
  }
  return parts.join('\n');
}

/** A refs folder's entries, read again only when its stamp changed (an update renames a ref file into it). */
const refFolders = new Map<string, { stamp: string; files: string[]; dirs: string[] }>();

function refsStamp(folder: string, parts: string[]): void {
  const stamp = statStamp(folder);
  parts.push(`${folder}/=${stamp}`);
  let known = refFolders.get(folder);
  if (!known || known.stamp !== stamp) {
    known = { stamp, files: [], dirs: [] };
    try {
      for (const entry of readdirSync(folder, { withFileTypes: true })) (entry.isDirectory() ? known.dirs : known.files).push(entry.name);
    } catch {
      /* no such folder: nothing below it */
    }
    if (stamp.startsWith('racy ') || stamp === '-') refFolders.delete(folder);
    else refFolders.set(folder, known);
  }
  for (const name of known.files) parts.push(`${name}=${statStamp(path.join(folder, name))}`);
  for (const name of known.dirs) refsStamp(path.join(folder, name), parts);
}

interface Tracked {
  files: string[];
  /** Folders holding tracked files that the listing stamp does not walk (BUILTIN_IGNORED_DIRS and below). */
  unwalked: string[];
}

/** Per root: the index's stamp and its paths (undefined: not a plain index, or too large to stat). */
const tracked = new Map<string, { stamp: string; files: Tracked | undefined }>();
const UNWALKED: ReadonlySet<string> = new Set(BUILTIN_IGNORED_DIRS);

function unwalkedFolders(files: readonly string[]): string[] {
  const out = new Set<string>();
  for (const file of files) {
    const segments = file.split('/');
    const first = segments.findIndex((segment, i) => i < segments.length - 1 && UNWALKED.has(segment));
    if (first >= 0) for (let end = first + 1; end < segments.length; end++) out.add(segments.slice(0, end).join('/'));
  }
  return [...out];
}

/** The paths in the index under the root, from one `ls-files --cached` per index change. */
async function trackedFiles(root: string, dirs: GitDirs): Promise<Tracked | undefined> {
  const stamp = statStamp(path.join(dirs.gitDir, 'index'));
  if (stamp.startsWith('racy ')) return undefined;
  const known = tracked.get(root);
  if (known && known.stamp === stamp) return known.files;
  const listed = await spawnGit(root, ['ls-files', '-z', '--cached', '--stage']);
  let files: string[] | undefined = [];
  for (const entry of listed.stdout.split('\0')) {
    if (!entry) continue;
    // `mode object stage\tpath`: regular files at stage 0 only.
    const match = /^100(?:644|755) [0-9a-f]+ 0\t(.*)$/s.exec(entry);
    if (!match || files.length >= TRACKED_LIMIT) {
      files = undefined;
      break;
    }
    files.push(match[1]!);
  }
  if (listed.code !== 0) files = undefined;
  const listing = files && { files, unwalked: unwalkedFolders(files) };
  tracked.set(root, { stamp, files: listing });
  return listing;
}
