import { execFile } from 'node:child_process';
import { usageError } from '../errors.js';
import { GIT_PATHSPEC_EXCLUDES } from '../workspace/ignore.js';
import { listIndex, type IndexListing } from './index-listing.js';
import { git, GIT_LOOK_ARGS, type GitResult } from './run.js';

// Running git has a module of its own (run.ts); what most callers take from it is here too.
export { git, setGitAnswers, spawnGit, type GitResult } from './run.js';

/** The id of git's empty tree: the base of a repository without commits. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

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
