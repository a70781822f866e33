import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { usageError } from '../errors.js';
import { GIT_EXCLUDE_ARGS, GIT_PATHSPEC_EXCLUDES } from '../workspace/ignore.js';
import { sweepLeftovers } from '../workspace/scratch.js';
import { readIndexFile, readIndexSnapshot, sameIndex } from './index-file.js';

/** The id of git's empty tree: the base of a repository without commits. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/**
 * Settings under which git would take a file as unchanged without looking at it: a fsmonitor hook
 * (the repository's config names it, so an agent could install one that reports nothing),
 * `checkStat=minimal`/`trustctime=false` (an edit that keeps the size and resets mtime passes), and
 * `ignoreStat`. Sentinel's listing turns them off for its own git process.
 */
export const GIT_LOOK_ARGS: readonly string[] = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.checkStat=default',
  '-c',
  'core.trustctime=true',
  '-c',
  'core.ignoreStat=false',
];

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Git did not exit on its own (killed by a signal, output over the buffer, or not started): no answer of git's. */
  broken?: true;
}

export type GitAnswers = (root: string, args: readonly string[], input: string | undefined, run: () => Promise<GitResult>) => Promise<GitResult>;
/** Set by a long-lived process (the MCP tool thread): answers git gave before, while what git reads is unchanged. */
let answers: GitAnswers | undefined;

/** Route git() through `keep` (warm-git.ts), or straight to git again with undefined. */
export function setGitAnswers(keep: GitAnswers | undefined): void {
  answers = keep;
}

/** Run git without a shell; never throws on a non-zero exit. */
export function git(root: string, args: string[], input?: string): Promise<GitResult> {
  return answers ? answers(root, args, input, () => spawnGit(root, args, input)) : spawnGit(root, args, input);
}

/** git() that always spawns: for what the warm answers are stamped with (git-inputs.ts). */
export function spawnGit(root: string, args: readonly string[], input?: string): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      ['-c', 'core.quotepath=off', ...args],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (err, stdout, stderr) => {
        const exited = !err || typeof (err as { code?: unknown }).code === 'number';
        const code = err ? (exited ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout: stdout ?? '', stderr: stderr ?? '', ...(exited ? {} : { broken: true as const }) });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** git() with stdout as bytes, for output that is only compared (hashed), never read: no decoding. */
export function gitBytes(root: string, args: readonly string[]): Promise<{ code: number; stdout: Buffer }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', ...args],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (err, stdout) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout: stdout ?? Buffer.alloc(0) });
      },
    );
  });
}

async function gitOk(root: string, args: string[]): Promise<string> {
  const result = await git(root, args);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

export async function isGitRepo(root: string): Promise<boolean> {
  return (await git(root, ['rev-parse', '--is-inside-work-tree'])).stdout.trim() === 'true';
}

async function verifyCommit(root: string, ref: string): Promise<string | undefined> {
  const result = await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** Each ref's commit (like `rev-parse --verify REF^{commit}`), or undefined, via one `git cat-file --batch-check`. */
export async function resolveCommits(root: string, refs: readonly string[]): Promise<(string | undefined)[]> {
  if (refs.length === 0) return [];
  const result = await git(root, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], refs.map((r) => `${r}^{commit}\n`).join(''));
  const lines = result.stdout.split('\n');
  return refs.map((_, index) => {
    const match = /^([0-9a-f]{40,64}) commit$/.exec(lines[index] ?? '');
    return match ? match[1] : undefined;
  });
}

/**
 * The diff base: an explicit ref (which must exist), else the merge-base with the default
 * branch when HEAD is on another branch, else HEAD; the empty tree in a repo with no commits.
 */
/** The refs the default base is derived from, in order (the check cache keys on them too). */
export const BASE_CANDIDATES: readonly string[] = ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'];

export async function resolveBase(root: string, explicit?: string): Promise<string> {
  if (explicit) {
    const sha = await verifyCommit(root, explicit);
    if (!sha) {
      throw usageError('GIT_BAD_BASE', `--base "${explicit}" is not a commit in this repository`, {
        fix: 'Pass a branch, tag or commit that exists (e.g. main, HEAD~1)',
      });
    }
    return sha;
  }
  const candidates = BASE_CANDIDATES;
  // One git process resolves HEAD and every candidate: a spawn per ref dominated short runs.
  const [head, ...shas] = await resolveCommits(root, ['HEAD', ...candidates]);
  if (!head) return EMPTY_TREE;
  for (const [index, candidate] of candidates.entries()) {
    const sha = shas[index];
    if (!sha || sha === head) continue;
    const mergeBase = await git(root, ['merge-base', 'HEAD', candidate]);
    if (mergeBase.code === 0 && mergeBase.stdout.trim()) return mergeBase.stdout.trim();
  }
  return head;
}

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typechange' | 'untracked';

export interface ChangedFile {
  path: string;
  status: ChangeStatus;
  /** For renames and copies: the path at base. */
  oldPath?: string;
}

const STATUS: Record<string, ChangeStatus> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'typechange' };

/**
 * Files changed between base and the working tree: committed, staged, unstaged and untracked.
 * `untracked`: git's untracked-not-ignored list when the caller has it or is getting it (listIndex).
 */
export async function changedFiles(root: string, base: string, listing?: IndexListing | Promise<IndexListing | undefined>): Promise<ChangedFile[]> {
  // --relative: when the workspace root is a subfolder of the repository, paths stay root-relative.
  // GIT_LOOK_ARGS: a fsmonitor hook or lax stat settings in the repository's config must not hide an edit.
  const diff = await gitOk(root, [...GIT_LOOK_ARGS, 'diff', '--relative', '--name-status', '-M', '-z', base, '--']);
  const parts = diff.split('\0').filter((p) => p.length > 0);
  const out: ChangedFile[] = [];
  for (let i = 0; i < parts.length;) {
    const code = parts[i++]!;
    const letter = code[0]!;
    if (letter === 'R' || letter === 'C') {
      const oldPath = parts[i++]!;
      const newPath = parts[i++]!;
      out.push({ path: newPath, status: STATUS[letter]!, oldPath });
    } else {
      out.push({ path: parts[i++]!, status: STATUS[letter] ?? 'modified' });
    }
  }
  const index = (await listing) ?? (await listIndex(root));
  if (!index) throw new Error('git ls-files failed');
  for (const p of index.others) if (p) out.push({ path: p, status: 'untracked' });
  // Files git was told not to look at (assume-unchanged, skip-worktree) are compared by content.
  if (index.hidden?.length) {
    const { hiddenChanges } = await import('./hidden.js');
    const seen = new Set(out.map((c) => c.path));
    for (const change of await hiddenChanges(root, base, index.hidden)) if (!seen.has(change.path)) out.push(change);
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Files changed between two commits (what a commit range did, without the working tree). */
export async function changedFilesBetween(root: string, base: string, to: string): Promise<ChangedFile[]> {
  const diff = await gitOk(root, ['diff', '--relative', '--name-status', '-M', '-z', base, to, '--']);
  const parts = diff.split('\0').filter((p) => p.length > 0);
  const out: ChangedFile[] = [];
  for (let i = 0; i < parts.length;) {
    const letter = parts[i++]![0]!;
    if (letter === 'R' || letter === 'C') {
      const oldPath = parts[i++]!;
      out.push({ path: parts[i++]!, status: STATUS[letter]!, oldPath });
    } else out.push({ path: parts[i++]!, status: STATUS[letter] ?? 'modified' });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export interface IndexListing {
  /** Paths in the index (an unmerged path once per stage). */
  cached: string[];
  /** Untracked files that are not ignored. */
  others: string[];
  /** Paths in the index that are gone from the working tree. */
  deleted: string[];
  /** Paths flagged `assume-unchanged` or `skip-worktree`: git does not look at their content. */
  hidden?: string[];
  /**
   * With `blobs`: the blob id of each tracked regular file whose working-tree content git found
   * equal to the index, with the stat the index keeps beside it (stat compared in C, raw content
   * where the stat is not conclusive). Files git does not look at (hidden), files whose content
   * git converts before comparing (filter, eol, ident, encoding attributes; autocrlf is off for
   * this listing), modified, deleted, unmerged, symlinks and submodules are not here: their
   * content must be read.
   */
  blobs?: Map<string, IndexBlob>;
  /** With `blobs`: what all of the above was read from (the index file when Sentinel read it, git's two outputs): see listingDigest. */
  output?: { listing: string; converted: string; index?: Buffer };
}

/** A vouched-for entry: its blob id and its index stat as `size:mtimeMs:ctimeMs:inode` (size and inode mod 2^32, as the index keeps them). */
export interface IndexBlob {
  id: string;
  stat: string;
}

/**
 * `ls-files --cached`, `--others --exclude-standard` and `--deleted` from one git process: the
 * untracked walk is the slow part of each, and the workspace listing and changedFiles both need it.
 * Sentinel's own leftovers of a killed run are deleted, not listed (scratch.ts).
 */
export async function listIndex(root: string, options: IndexOptions = {}): Promise<IndexListing | undefined> {
  const listing = await readIndexListing(root, options);
  if (!listing) return undefined;
  // A killed run's temp copies and locks are cleaned here, before any gate could count them.
  listing.others = sweepLeftovers(root, listing.others);
  return listing;
}

interface IndexOptions {
  /** Also the blob ids of the files git vouches are unchanged (`IndexListing.blobs`). */
  blobs?: boolean;
}

const REGULAR_FILE = /^100(?:644|755) ([0-9a-f]{40}|[0-9a-f]{64}) 0$/;
/** `--debug`'s lines after an entry: `  ctime: S:N`, `  mtime: S:N`, `  dev: D\tino: I`, `  uid: U\tgid: G`, `  size: Z\tflags: F`. */
const DEBUG_STAT = /^ {2}ctime: (\d+):(\d+)\n {2}mtime: (\d+):(\d+)\n {2}dev: \d+\tino: (\d+)\n[^\n]*\n {2}size: (\d+)\tflags: [^\n]*\n/;
/**
 * Content conversions git applies before comparing a file with its blob (a clean filter, eol, ident,
 * working-tree encoding): under any of them "unchanged" means only "converts to the same blob".
 * The pathspec excludes the files where all are unspecified, leaving those where one is set.
 */
const CONVERTED = ':(exclude,attr:!filter !text !eol !crlf !ident !working-tree-encoding)';

/** Milliseconds as Node computes `mtimeMs`/`ctimeMs` from seconds and nanoseconds, so the keys compare equal. */
const ms = (sec: string, nsec: string) => Number(sec) * 1e3 + Number(nsec) / 1e6;

/** The index stat `--debug` printed at the start of a `-z` chunk, and where the chunk's entry starts. */
function debugStat(chunk: string): { stat: string; rest: number } | undefined {
  const m = DEBUG_STAT.exec(chunk);
  if (!m) return undefined;
  const [, cs, cn, ms_, mn, ino, size] = m;
  return { stat: `${size}:${ms(ms_!, mn!)}:${ms(cs!, cn!)}:${ino}`, rest: m[0].length };
}

/** The `ls-files` of readIndexListing (after git()'s own `-c core.quotepath=off`); `snapshot`: the index file is read by Sentinel. */
export function indexListingArgs(options: IndexOptions, snapshot: boolean): string[] {
  const extra = !options.blobs ? [] : snapshot ? ['--modified'] : ['-s', '--modified', '--debug'];
  const look = options.blobs ? [...GIT_LOOK_ARGS, '-c', 'core.autocrlf=false'] : GIT_LOOK_ARGS;
  return [...look, 'ls-files', '-z', '-v', ...extra, '--cached', '--others', '--deleted', '--exclude-standard', ...GIT_EXCLUDE_ARGS];
}

/** The files whose content git converts (see CONVERTED), as readIndexListing asks with `blobs`. */
export const CONVERTED_ARGS: readonly string[] = ['ls-files', '-z', '--cached', '--', CONVERTED];

/** listIndex without the sweep: what git lists, in one `ls-files`; undefined outside a work tree. */
export async function readIndexListing(root: string, options: IndexOptions = {}): Promise<IndexListing | undefined> {
  // -v: like -t, with lowercase tags for assume-unchanged entries; `S` marks skip-worktree.
  // With blobs: -s adds `mode blob stage` before a tab, --modified lists changed entries again (tag C),
  // --debug follows each index entry with its stat; autocrlf off, so an eol conversion is not a match.
  // With the index file read here (a plain repository's top level), git says only which entries are unchanged.
  const snapshot = options.blobs ? readIndexSnapshot(root) : undefined;
  const [result, converted] = await Promise.all([
    git(root, indexListingArgs(options, snapshot !== undefined)),
    options.blobs ? git(root, [...CONVERTED_ARGS]) : undefined,
  ]);
  if (result.code !== 0) return undefined;
  const listing: IndexListing = { cached: [], others: [], deleted: [], hidden: [] };
  const hidden = new Set<string>();
  const blobs = new Map<string, IndexBlob>();
  // Entries whose blob id does not stand for the working-tree content.
  const unsure = new Set<string>();
  let previous: IndexBlob | undefined;
  for (let entry of result.stdout.split('\0')) {
    if (options.blobs && entry.startsWith('  ctime: ')) {
      const debug = debugStat(entry);
      if (debug && previous) previous.stat = debug.stat;
      entry = debug ? entry.slice(debug.rest) : '';
    }
    previous = undefined;
    if (entry.length < 3) continue;
    const tag = entry[0]!;
    let file = entry.slice(2);
    if (tag === '?') {
      listing.others.push(file);
      continue;
    }
    let stage: string | undefined;
    if (options.blobs && !snapshot) {
      const tab = file.indexOf('\t');
      stage = file.slice(0, tab);
      file = file.slice(tab + 1);
    }
    if (tag === 'C' || tag === 'c') {
      unsure.add(file);
      continue;
    }
    if (tag === 'R' || tag === 'r') {
      listing.deleted.push(file);
      unsure.add(file);
    } else listing.cached.push(file);
    if (tag === 'S' || tag === 's' || tag !== tag.toUpperCase()) hidden.add(file);
    if (snapshot) {
      // The index file's entry: a stage-0 regular file, the only entry of its path.
      const known = tag === 'H' ? snapshot.entries.get(file) : undefined;
      if (known === undefined || blobs.has(file)) unsure.add(file);
      else blobs.set(file, known);
      continue;
    }
    const id = stage !== undefined && tag === 'H' ? REGULAR_FILE.exec(stage)?.[1] : undefined;
    // A second entry for one path (an unmerged stage) makes it unsure too.
    if (id === undefined || blobs.has(file)) unsure.add(file);
    else blobs.set(file, (previous = { id, stat: '' }));
  }
  // git compared the work tree with the index it read: its word stands for the entries read here only if that was this file.
  const indexHeld = !snapshot || sameIndex(snapshot);
  if (!indexHeld) blobs.clear();
  listing.hidden = [...hidden];
  if (options.blobs) {
    for (const file of unsure) blobs.delete(file);
    for (const file of hidden) blobs.delete(file);
    // Without the list of converted files (an old git without attr pathspecs), git's word is not taken at all.
    if (converted?.code !== 0) blobs.clear();
    else for (const file of converted.stdout.split('\0')) if (file) blobs.delete(file);
    for (const [file, blob] of blobs) if (!blob.stat) blobs.delete(file);
    listing.blobs = blobs;
    if (converted?.code === 0 && indexHeld)
      listing.output = { listing: result.stdout, converted: converted.stdout, ...(snapshot ? { index: snapshot.bytes } : {}) };
  }
  return listing;
}

/** One digest of what a listing with blobs was read from (IndexListing.output): equal digests, equal listings. */
export function listingDigest(listing: string | Buffer, converted: string | Buffer, index: Buffer | undefined): string {
  const hash = createHash('sha256').update(index ? 'index\0' : 'debug\0');
  if (index) hash.update(index);
  return hash.update('\0listing\0').update(listing).update('\0converted\0').update(converted).digest('hex');
}

/**
 * listingDigest of what readIndexListing with blobs would read now, without decoding or parsing
 * git's output; undefined when git fails or the index file changed while git read it. `withIndex`
 * false: git's listing with the stats (`--debug`) is digested, not the index file, as
 * readIndexListing reads it when it cannot parse the file (a split index): the digest a record of
 * such a run holds.
 */
export async function currentListingDigest(root: string, withIndex = true): Promise<string | undefined> {
  // Not parsed: the same bytes parse the same; a file that does not parse differs from every one that did.
  const snapshot = withIndex ? readIndexFile(root) : undefined;
  const [result, converted] = await Promise.all([gitBytes(root, indexListingArgs({ blobs: true }, snapshot !== undefined)), gitBytes(root, CONVERTED_ARGS)]);
  if (result.code !== 0 || converted.code !== 0 || (snapshot && !sameIndex(snapshot))) return undefined;
  return listingDigest(result.stdout, converted.stdout, snapshot?.bytes);
}

/** A file's content at a ref, or undefined when it does not exist there. */
export async function showFile(root: string, ref: string, file: string): Promise<string | undefined> {
  if (ref === EMPTY_TREE) return undefined;
  // `./` makes the path relative to the workspace root, which may be a subfolder of the repository.
  const result = await git(root, ['show', `${ref}:./${file}`]);
  return result.code === 0 ? result.stdout : undefined;
}

/** Files under `dir` at a ref (recursive, repo-relative). */
export async function listFilesAt(root: string, ref: string, dir = '.'): Promise<string[]> {
  if (ref === EMPTY_TREE) return [];
  const result = await git(root, ['ls-tree', '-r', '--name-only', '-z', ref, '--', dir]);
  return result.code === 0 ? result.stdout.split('\0').filter(Boolean) : [];
}

/**
 * Files under each of `dirs` at a ref, from one `git ls-tree` for all of them: the same lists,
 * in the same order, as one listFilesAt call per folder.
 */
export async function listFilesAtEach(root: string, ref: string, dirs: readonly string[]): Promise<string[][]> {
  if (ref === EMPTY_TREE || dirs.length === 0) return dirs.map(() => []);
  const result = await git(root, ['ls-tree', '-r', '--name-only', '-z', ref, '--', ...dirs]);
  // One bad pathspec fails the whole call; then each folder is asked alone, as before.
  if (result.code !== 0) return Promise.all(dirs.map((dir) => listFilesAt(root, ref, dir)));
  const all = result.stdout.split('\0').filter(Boolean);
  return dirs.map((dir) => {
    const folder = dir.replace(/^\.\//, '').replace(/\/+$/, '');
    return folder === '' || folder === '.' ? all : all.filter((f) => f === folder || f.startsWith(`${folder}/`));
  });
}

/** HEAD's commit, or git's empty tree in a repository without commits. */
export async function headCommit(root: string): Promise<string> {
  return (await verifyCommit(root, 'HEAD')) ?? EMPTY_TREE;
}

/** Whether a commit exists in this repository (a recorded base may have been garbage-collected). */
export async function commitExists(root: string, sha: string): Promise<boolean> {
  return sha === EMPTY_TREE || (await verifyCommit(root, sha)) !== undefined;
}

/** True when `ancestor` is `descendant` or one of its ancestors (the empty tree precedes everything). */
export async function isAncestorOrEqual(root: string, ancestor: string, descendant: string): Promise<boolean> {
  if (ancestor === descendant || ancestor === EMPTY_TREE) return true;
  if (descendant === EMPTY_TREE) return false;
  return (await git(root, ['merge-base', '--is-ancestor', ancestor, descendant])).code === 0;
}

/**
 * A hash of the working tree as git would store it (tracked + untracked, not ignored), without
 * touching the real index: evidence names exactly the tree the gates saw.
 */
export async function workingTreeHash(root: string): Promise<string | undefined> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-index-'));
  const env = { ...process.env, GIT_INDEX_FILE: path.join(dir, 'index') };
  try {
    const run = (args: string[]) =>
      new Promise<GitResult>((resolve) => {
        execFile('git', args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
          resolve({ code: err ? 1 : 0, stdout: String(stdout), stderr: String(stderr) }),
        );
      });
    if ((await run(['add', '-A', '--', '.', ...GIT_PATHSPEC_EXCLUDES])).code !== 0) return undefined;
    const tree = await run(['write-tree']);
    return tree.code === 0 ? tree.stdout.trim() : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
