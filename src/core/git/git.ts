import { execFile } from 'node:child_process';
import { usageError } from '../errors.js';

/** The id of git's empty tree: the base of a repository without commits. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run git without a shell; never throws on a non-zero exit. */
export function git(root: string, args: string[], input?: string): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      ['-c', 'core.quotepath=off', ...args],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
        resolve({ code, stdout: stdout ?? '', stderr: stderr ?? '' });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
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

/**
 * The diff base: an explicit ref (which must exist), else the merge-base with the default
 * branch when HEAD is on another branch, else HEAD; the empty tree in a repo with no commits.
 */
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
  const head = await verifyCommit(root, 'HEAD');
  if (!head) return EMPTY_TREE;
  for (const candidate of ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master']) {
    const sha = await verifyCommit(root, candidate);
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

/** Files changed between base and the working tree: committed, staged, unstaged and untracked. */
export async function changedFiles(root: string, base: string): Promise<ChangedFile[]> {
  // --relative: when the workspace root is a subfolder of the repository, paths stay root-relative.
  const diff = await gitOk(root, ['diff', '--relative', '--name-status', '-M', '-z', base, '--']);
  const parts = diff.split('\0').filter((p) => p.length > 0);
  const out: ChangedFile[] = [];
  for (let i = 0; i < parts.length; ) {
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
  const untracked = await gitOk(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  for (const p of untracked.split('\0')) if (p) out.push({ path: p, status: 'untracked' });
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

export async function shortHead(root: string): Promise<string | undefined> {
  const result = await git(root, ['rev-parse', '--short', 'HEAD']);
  return result.code === 0 ? result.stdout.trim() : undefined;
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
    if ((await run(['add', '-A', '.'])).code !== 0) return undefined;
    const tree = await run(['write-tree']);
    return tree.code === 0 ? tree.stdout.trim() : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
